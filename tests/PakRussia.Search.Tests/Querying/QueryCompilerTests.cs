using Lucene.Net.Search;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Tests.Querying;

/// <summary>
/// Query text → the Lucene query that runs (printed in Lucene's own syntax), for the README's syntax table; every query
/// is also run against a real in-memory index. Bare words search one field here (text) to keep the expectations short;
/// the searcher's fields (text, title, section) are covered by <see cref="BareWordsSearchTextTitleAndSection_WithTheirBoosts"/>.
/// </summary>
public sealed class QueryCompilerTests
{
    private static readonly Dictionary<string, float> TextOnly = new() { ["text"] = 1f };

    private static CompiledQuery Compile(string query, bool anyWord = false)
    {
        var compiled = QueryCompiler.Compile(query, new QueryOptions { AnyWord = anyWord, Fields = TextOnly }, QueryTestIndex.Shared.Vocabulary);
        QueryTestIndex.Shared.RunAll(compiled); // proves Lucene can run it
        return compiled;
    }

    [Theory]
    // words, stemming, stop words, phrases, proximity
    [InlineData("pakistan", "text:pakistan", null)]
    [InlineData("pakistan russia", "+text:pakistan +text:russia", "text:pakistan text:russia")]
    [InlineData("the role of Russia in Afghanistan", "+text:role +text:russia +text:afghanistan", "text:role text:russia text:afghanistan")]
    [InlineData("relations", "text:relat", null)]
    [InlineData("\"role of russia\"", "text:\"role of russia\"", null)]
    [InlineData("\"russia pakistan\"~5", "text:\"russia pakistan\"~5", null)]
    [InlineData("\"russia pakistan\"~0", "text:\"russia pakistan\"", null)]
    [InlineData("\"russia\"~5", "text:russia", null)]
    // operators: Lucene's classic rules (no precedence between AND and OR: each marks its neighbours)
    [InlineData("russia -india", "+text:russia -text:india", null)]
    [InlineData("russia pakistan -india", "+text:russia +text:pakistan -text:india", "text:russia text:pakistan -text:india")]
    [InlineData("russia OR NOT india", "text:russia -text:india", null)]
    [InlineData("russia OR soviet pakistan", "text:russia text:soviet +text:pakistan", null)]
    [InlineData("russia AND pakistan OR india", "+text:russia text:pakistan text:india", null)]
    [InlineData("(russia OR soviet) AND NOT (taliban OR india)", "+(text:russia text:soviet) -(text:taliban text:india)", null)]
    [InlineData("((a b) OR (c -d))", "(+text:b) (+text:c -text:d)", null)]
    [InlineData("(((pakistan)))", "text:pakistan", null)]
    [InlineData("NOT NOT russia", "text:russia", null)]
    [InlineData("-(-russia)", "-(-text:russia +*:*) +*:*", null)]
    // fields
    [InlineData("title:kremlin", "title:kremlin", null)]
    [InlineData("Title:kremlin", "title:kremlin", null)]
    [InlineData("title:(kremlin OR moscow) pakistan", "+(title:kremlin title:moscow) +text:pakistan", null)]
    [InlineData("title:\"north south\" pipeline", "+title:\"north south\" +text:pipelin", "title:\"north south\" text:pipelin")]
    [InlineData("section:(afghanistan -taliban)", "+section:afghanistan -section:taliban", null)]
    [InlineData("title:(section:x y)", "+section:x +title:y", "section:x title:y")]
    [InlineData("text:\"pakistan russia\"~3", "text:\"pakistan russia\"~3", null)]
    // boosts are real boosts now
    [InlineData("pakistan^3", "text:pakistan^3.0", null)]
    [InlineData("pakistan^0.5", "text:pakistan^0.5", null)]
    [InlineData("title:(kremlin)^3", "title:kremlin^3.0", null)]
    // prefix, wildcard, fuzzy: expanded over the index's words, each searched as a word
    [InlineData("afghan*", "text:afghan text:afghanistan", null)]
    [InlineData("afghan**", "text:afghan text:afghanistan", null)]
    [InlineData("title:afghan* moscow", "+(title:afghan title:afghanistan) +text:moscow", "title:afghan title:afghanistan text:moscow")]
    [InlineData("ta?iban", "text:taliban", null)]
    [InlineData("pak*stan*", "text:pakistan text:pakistani", null)]
    [InlineData("kremlim~", "text:kremlin", null)]
    [InlineData("kremlim~1", "text:kremlin", null)]
    [InlineData("kremlim~0", "text:kremlim", null)]
    [InlineData("mosco~1 -talibn~", "+text:moscow -text:taliban", null)]
    [InlineData("zzqx~ russia", "+type:(nothing) +text:russia", "type:(nothing) text:russia")]
    [InlineData("zz?x OR russia", "type:(nothing) text:russia", null)]
    // words with punctuation, escapes, other scripts
    [InlineData("c++", "text:c", null)]
    [InlineData("OPS-306", "text:\"op 306\"", null)]
    [InlineData("Pak-Russia ties", "+text:\"pak russia\" +text:ti", "text:\"pak russia\" text:ti")]
    [InlineData("don't Pakistan’s", "+text:don't +text:pakistan", "text:don't text:pakistan")]
    [InlineData("20/04/2015", "text:\"20 04 2015\"", null)]
    [InlineData("russia\\:moscow", "text:russia:moscow", null)]
    [InlineData("c\\*", "text:c", null)]
    [InlineData("\"say \\\"hello\\\"\"", "text:\"sai hello\"", null)]
    [InlineData("пакистан Россия", "+text:пакистан +text:россия", "text:пакистан text:россия")]
    [InlineData("pakistan 😀 russia", "+text:pakistan +text:russia", "text:pakistan text:russia")]
    // lenient repairs
    [InlineData("foo:bar", "+text:foo +text:bar", "text:foo text:bar")]
    [InlineData("the of", "+text:the +text:of", "text:the text:of")]
    [InlineData("(russia", "text:russia", null)]
    [InlineData("russia)", "text:russia", null)]
    [InlineData("russia AND", "text:russia", null)]
    [InlineData("\"unclosed quote", "text:\"unclos quot\"", null)]
    [InlineData("[a TO b]", "text:b", null)]
    [InlineData("^3 russia", "text:russia", null)]
    [InlineData("a*", null, null)]
    [InlineData("", null, null)]
    [InlineData("   ", null, null)]
    public void CompilesToTheLuceneQuery(string query, string? expected, string? fallback)
    {
        var compiled = Compile(query);
        Assert.Equal(expected, compiled.Query?.ToString());
        Assert.Equal(fallback, compiled.Fallback?.ToString());
    }

    [Theory]
    [InlineData("a b", "text:b")]
    [InlineData("pakistan russia", "text:pakistan text:russia")]
    [InlineData("pakistan +russia", "text:pakistan +text:russia")]
    [InlineData("pakistan russia -india", "text:pakistan text:russia -text:india")]
    [InlineData("a b AND c", "+text:b +text:c")]
    public void AnyWordMakesBareWordsOptional_WithoutFallback(string query, string expected)
    {
        var compiled = Compile(query, anyWord: true);
        Assert.Equal(expected, compiled.Query?.ToString());
        Assert.Null(compiled.Fallback);
    }

    [Theory]
    [InlineData("-russia", "-text:russia +*:*")]
    [InlineData("NOT taliban", "-text:taliban +*:*")]
    [InlineData("-title:(kremlin OR moscow)", "-(title:kremlin title:moscow) +*:*")]
    [InlineData("-source:(forum OR news)", "-(filter(source is forum) filter(source is news)) +*:*")]
    public void OnlyExclusions_MeanEveryPassageExcept(string query, string expected) =>
        Assert.Equal(expected, Compile(query).Query?.ToString());

    [Theory]
    [InlineData("source:forum russia", "+filter(source is forum) +text:russia", "source is forum")]
    [InlineData("-source:forum russia", "-filter(source is forum) +text:russia", "source is forum")]
    [InlineData("source:(forum OR news)", "filter(source is forum) filter(source is news)", "source is forum; source is news")]
    [InlineData("source:forum OR source:news russia", "filter(source is forum) filter(source is news) +text:russia", "source is forum; source is news")]
    [InlineData("source:(forum -news)", "+filter(source is forum) -filter(source is news)", "source is forum; source is news")]
    [InlineData("author:\"Ahmed Rashid\"", "filter(author has \"Ahmed Rashid\")", "author has \"Ahmed Rashid\"")]
    [InlineData("doc:pak-russia-ties kind:heading", "+filter(doc is pak-russia-ties) +filter(kind is heading)", "doc is pak-russia-ties; kind is heading")]
    [InlineData("year:2015", "filter(year is 2015)", "year is 2015")]
    [InlineData("year:[2014 TO 2017]", "filter(year in [2014, 2017])", "year in [2014, 2017]")]
    [InlineData("year:[2014]", "filter(year in [2014, 2014])", "year in [2014, 2014]")]
    [InlineData("year:[\"2014\" TO 2015]", "filter(year in [2014, 2015])", "year in [2014, 2015]")]
    [InlineData("date:{2014-01-01 TO 2019-12-31]", "filter(date in (2014-01-01, 2019-12-31])", "date in (2014-01-01, 2019-12-31]")]
    [InlineData("date:[2014-03 TO 2019]", "filter(date in [2014-03, 2019])", "date in [2014-03, 2019]")]
    [InlineData("year:[* TO 2014]", "filter(year in [*, 2014])", "year in [*, 2014]")]
    [InlineData("date:[2014-03 TO *}", "filter(date in [2014-03, *))", "date in [2014-03, *)")]
    [InlineData("-year:[* TO 2014]", "-filter(year in [*, 2014]) +*:*", "year in [*, 2014]")]
    [InlineData("-year:[2014 TO 2017] russia", "-filter(year in [2014, 2017]) +text:russia", "year in [2014, 2017]")]
    [InlineData("year:[2017 TO 2014]", "filter(year in [2014, 2017])", "year in [2014, 2017]")]
    [InlineData("russia OR source:forum", "text:russia filter(source is forum)", "source is forum")]
    [InlineData("(kremlin year:2015) OR moscow", "(+text:kremlin +filter(year is 2015)) text:moscow", "year is 2015")]
    [InlineData("year:abc russia", "+text:russia", "")]
    [InlineData("date:2015-02-30", null, "")]
    public void MetadataBecomesFiltersAnywhereInTheQuery(string query, string? expected, string filters)
    {
        var compiled = Compile(query);
        Assert.Equal(expected, compiled.Query?.ToString());
        Assert.Equal(filters, string.Join("; ", compiled.Explanation!.Filters));
    }

    [Fact]
    public void FiltersNeverScore_AndAreTyped()
    {
        var boolean = Assert.IsType<BooleanQuery>(Compile("-source:forum date:[2014-01 TO *}").Query);
        var filters = boolean.Clauses.Select(c => c.Query).OfType<MetadataFilterQuery>().ToList();
        Assert.Equal([MetadataField.Source, MetadataField.Date], filters.Select(f => f.Field));
        Assert.All(filters, f => Assert.Equal(0f, f.Boost));
    }

    [Fact]
    public void FallbackKeepsFiltersRequired_AndAtLeastOneWord()
    {
        var compiled = Compile("pakistan russia source:forum");
        Assert.Equal("(text:pakistan text:russia +filter(source is forum))~1", compiled.Fallback?.ToString());
        Assert.Null(Compile("pakistan AND russia").Fallback); // explicit operators: no fallback
        Assert.Null(Compile("+pakistan russia").Fallback);
    }

    [Fact]
    public void BareWordsSearchTextTitleAndSection_WithTheirBoosts()
    {
        // Required on the all field (text, title and section as one); the title and section add their own score, at 0.5.
        var compiled = QueryCompiler.Compile("pakistan", new QueryOptions(), null);
        Assert.Equal("+all:pakistan title:pakistan^0.5 section:pakistan^0.5", compiled.Query?.ToString());
        var phrase = QueryCompiler.Compile("\"warm waters\"", new QueryOptions(), null);
        Assert.Equal("+all:\"warm water\" title:\"warm water\"^0.5 section:\"warm water\"^0.5", phrase.Query?.ToString());
        var weighted = QueryCompiler.Compile("pakistan", new QueryOptions { Fields = new Dictionary<string, float> { ["text"] = 1f, ["title"] = 2f } }, null);
        Assert.Equal("text:pakistan title:pakistan^2.0", weighted.Query?.ToString());
    }

    [Fact]
    public void EmptyQueriesHaveNothingToRun()
    {
        foreach (var query in new[] { "", "   ", "!!! ??? ...", "😀", "\"\"", "()", "AND OR" })
        {
            var compiled = Compile(query);
            Assert.Null(compiled.Query);
            Assert.NotEmpty(compiled.Warnings);
        }
    }

    [Fact]
    public void ExplanationShowsTreeQueryFiltersStopWordsAndExpansions()
    {
        var compiled = Compile("the Kremlim~ of ta?iban year:[2014 TO *]");
        var explanation = compiled.Explanation!;
        Assert.Equal("Boolean\n  MUST Term text:kremlin\n  MUST Term text:taliban\n  MUST Filter year in [2014, *]", explanation.Tree);
        Assert.Equal(compiled.Query!.ToString(), explanation.Match);
        Assert.Equal(["year in [2014, *]"], explanation.Filters);
        Assert.Equal(["the", "of"], explanation.StopWordsDropped);
        Assert.Equal(["Kremlim~ → kremlin", "ta?iban → taliban"], explanation.Expansions);
        Assert.Equal(["Kremlim"], compiled.Words);
    }

    [Fact]
    public void WordsAreThePositiveWordsAsTyped()
    {
        var compiled = Compile("Pakistn \"Rusia ties\" -india source:forum the");
        Assert.Equal(["Pakistn", "Rusia ties"], compiled.Words);
    }

    [Theory]
    [InlineData("pakistan russia", new[] { 1 })]
    [InlineData("\"Pakistan's\"", new[] { 1, 2, 5 })] // the possessive is dropped: Pakistan’s is Pakistan
    [InlineData("kremlin -taliban", new[] { 2 })]
    [InlineData("title:taliban", new[] { 3 })]
    [InlineData("\"pipeline from karachi\"", new[] { 4 })]
    [InlineData("\"soviet mujahideen\"~10", new[] { 5 })]
    [InlineData("\"soviet mujahideen\"~8", new int[] { })]
    [InlineData("druzh*", new[] { 6 })]
    [InlineData("source:forum islamabad", new[] { 2 })]
    [InlineData("year:[2016 TO 2017] OR druzhba", new[] { 3, 4, 6 })]
    [InlineData("-pakistan", new[] { 3, 4, 6 })] // Pakistani is another word
    public void QueriesFindTheRightRows(string query, int[] rows)
    {
        var compiled = QueryCompiler.Compile(query, new QueryOptions(), QueryTestIndex.Shared.Vocabulary);
        Assert.Equal(rows, QueryTestIndex.Shared.Run(compiled.Query!));
    }

    [Fact]
    public void MatchNothingRunsAndFindsNothing() =>
        Assert.Empty(QueryTestIndex.Shared.Run(Compile("zzqx~").Query!));

    [Fact]
    public void TokenlessWordsAreDropped_SoTheyCannotEmptyAnAnd()
    {
        var compiled = Compile("pakistan %%");
        Assert.Equal("text:pakistan", compiled.Query?.ToString());
        Assert.NotEmpty(QueryTestIndex.Shared.Run(compiled.Query!));
    }

    [Fact]
    public void PrintedTreeIsIndentedForExplain()
    {
        var printed = QueryPrinter.Print(Compile("pakistan -title:india").Query!);
        Assert.Equal("Boolean\n  MUST Term text:pakistan\n  MUST_NOT Term title:india", printed);
    }
}
