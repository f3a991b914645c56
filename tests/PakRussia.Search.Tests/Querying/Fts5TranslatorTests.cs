using PakRussia.Search.Querying;
using PakRussia.Search.Querying.Nodes;

namespace PakRussia.Search.Tests.Querying;

/// <summary>Query → FTS5 expression and filters; every expression is also run against a real FTS5 table.</summary>
public sealed class Fts5TranslatorTests : IDisposable
{
    private readonly Fts5Table _table = new();

    public void Dispose() => _table.Dispose();

    private CompiledQuery Compile(string query, bool anyWord = false)
    {
        var compiled = QueryCompiler.Compile(query, new QueryOptions { AnyWord = anyWord }, Fts5Table.Vocabulary);
        _table.RunAll(compiled); // proves the expressions are valid FTS5
        return compiled;
    }

    private static string Filters(CompiledQuery q) => string.Join("; ", q.Filters.Select(Fts5Translator.Describe));

    [Theory]
    [InlineData("pakistan", "\"pakistan\"", null)]
    [InlineData("pakistan russia", "\"pakistan\" AND \"russia\"", "\"pakistan\" OR \"russia\"")]
    [InlineData("the role of Russia in Afghanistan", "\"role\" AND \"Russia\" AND \"Afghanistan\"", "\"role\" OR \"Russia\" OR \"Afghanistan\"")]
    [InlineData("\"role of russia\"", "\"role of russia\"", null)]
    [InlineData("\"russia pakistan\"~5", "NEAR(\"russia\" \"pakistan\", 5)", null)]
    [InlineData("\"russia pakistan\"~0", "\"russia pakistan\"", null)]
    [InlineData("\"russia\"~5", "\"russia\"", null)]
    [InlineData("russia OR soviet pakistan", "(\"russia\" OR \"soviet\") AND \"pakistan\"", null)]
    [InlineData("russia AND pakistan OR india", "(\"russia\" AND \"pakistan\") OR \"india\"", null)]
    [InlineData("russia -india", "\"russia\" NOT \"india\"", null)]
    [InlineData("russia pakistan -india", "(\"russia\" AND \"pakistan\") NOT \"india\"", "(\"russia\" OR \"pakistan\") NOT \"india\"")]
    [InlineData("russia OR NOT india", "\"russia\" NOT \"india\"", null)]
    [InlineData("(russia OR soviet) AND NOT (taliban OR india)", "(\"russia\" OR \"soviet\") NOT (\"taliban\" OR \"india\")", null)]
    [InlineData("((pakistan OR russia) AND (moscow OR islamabad)) -taliban",
        "((\"pakistan\" OR \"russia\") AND (\"moscow\" OR \"islamabad\")) NOT \"taliban\"", null)]
    [InlineData("NOT NOT russia", "\"russia\"", null)]
    [InlineData("-(-russia)", "\"russia\"", null)]
    [InlineData("title:kremlin", "title : \"kremlin\"", null)]
    [InlineData("title:(kremlin OR moscow) pakistan", "(title : (\"kremlin\" OR \"moscow\")) AND \"pakistan\"", null)]
    [InlineData("title:\"north south\" pipeline", "(title : \"north south\") AND \"pipeline\"", "(title : \"north south\") OR \"pipeline\"")]
    [InlineData("section:(afghanistan -taliban)", "section : (\"afghanistan\" NOT \"taliban\")", null)]
    [InlineData("title:(section:x y)", "(section : \"x\") AND (title : \"y\")", null)]
    [InlineData("text:\"pakistan russia\"~3", "text : NEAR(\"pakistan\" \"russia\", 3)", null)]
    [InlineData("afghan*", "\"afghan\" *", null)]
    [InlineData("title:afghan* moscow", "(title : \"afghan\" *) AND \"moscow\"", "(title : \"afghan\" *) OR \"moscow\"")]
    [InlineData("ta?iban", "\"taliban\"", null)]
    [InlineData("pak*stan*", "\"pakistan\" OR \"pakistani\"", null)]
    [InlineData("kremlim~", "\"kremlin\"", null)]
    [InlineData("mosco~1 -talibn~", "\"moscow\" NOT \"taliban\"", null)]
    [InlineData("pakistan^3", "\"pakistan\"", null)]
    [InlineData("c++", "\"c++\"", null)]
    [InlineData("OPS-306", "\"OPS-306\"", null)]
    [InlineData("don't Pakistan’s", "\"don't\" AND \"Pakistan’s\"", "\"don't\" OR \"Pakistan’s\"")]
    [InlineData("russia\\:moscow", "\"russia:moscow\"", null)]
    [InlineData("\"say \\\"hello\\\"\"", "\"say \"\"hello\"\"\"", null)]
    [InlineData("foo:bar", "\"foo\" AND \"bar\"", "\"foo\" OR \"bar\"")]
    [InlineData("the of", "\"the\" AND \"of\"", "\"the\" OR \"of\"")]
    [InlineData("pakistan 😀 russia", "\"pakistan\" AND \"russia\"", "\"pakistan\" OR \"russia\"")]
    [InlineData("пакистан Россия", "\"пакистан\" AND \"Россия\"", "\"пакистан\" OR \"Россия\"")]
    [InlineData("\u0301 russia", "\"russia\"", null)]
    [InlineData("zzqx~ russia", "\"\"", "\"russia\"")]
    [InlineData("zz?x OR russia", "\"russia\"", null)]
    [InlineData("(russia", "\"russia\"", null)]
    [InlineData("\"unclosed quote", "\"unclosed quote\"", null)]
    public void TranslatesToFts5(string query, string? match, string? fallback)
    {
        var q = Compile(query);
        Assert.Equal(match, q.Match);
        Assert.Equal(fallback, q.Fallback);
        Assert.Null(q.ExcludeOnly);
    }

    [Theory]
    [InlineData("pakistan russia", "\"pakistan\" OR \"russia\"")]
    [InlineData("pakistan +russia", "\"russia\" OR (\"russia\" AND \"pakistan\")")]
    [InlineData("pakistan russia -india", "(\"pakistan\" OR \"russia\") NOT \"india\"")]
    [InlineData("a b AND c", "\"b\" AND \"c\"")]
    public void AnyWordUsesOrWithoutFallback(string query, string match)
    {
        var q = Compile(query, anyWord: true);
        Assert.Equal(match, q.Match);
        Assert.Null(q.Fallback);
    }

    [Theory]
    [InlineData("-russia", "\"russia\"")]
    [InlineData("NOT taliban", "\"taliban\"")]
    [InlineData("!x -y", "\"x\" OR \"y\"")]
    [InlineData("-title:(kremlin OR moscow)", "title : (\"kremlin\" OR \"moscow\")")]
    [InlineData("-russia source:forum", "\"russia\"")]
    public void NegativeOnlyQueriesExclude(string query, string exclude)
    {
        var q = Compile(query);
        Assert.Null(q.Match);
        Assert.Equal(exclude, q.ExcludeOnly);
    }

    [Theory]
    [InlineData("source:forum russia", "\"russia\"", "source in (forum)")]
    [InlineData("-source:forum russia", "\"russia\"", "source not in (forum)")]
    [InlineData("source:(forum OR news)", null, "source in (forum, news)")]
    [InlineData("source:forum OR source:news russia", "\"russia\"", "source in (forum, news)")]
    [InlineData("source:(forum -news)", null, "source in (forum); source not in (news)")]
    [InlineData("-source:(forum OR news)", null, "source not in (forum, news)")]
    [InlineData("author:\"Ahmed Rashid\"", null, "author in (Ahmed Rashid)")]
    [InlineData("doc:pak-russia-ties kind:heading", null, "doc in (pak-russia-ties); kind in (heading)")]
    [InlineData("year:2015", null, "year in (2015)")]
    [InlineData("year:[2014 TO 2017]", null, "year in [2014, 2017]")]
    [InlineData("date:{2014-01-01 TO 2019-12-31]", null, "date in (2014-01-01, 2019-12-31]")]
    [InlineData("date:[2014-03 TO 2019]", null, "date in [2014-03, 2019]")]
    [InlineData("year:[* TO 2014]", null, "year in (*, 2014]")]
    [InlineData("date:[2014-03 TO *}", null, "date in [2014-03, *)")]
    [InlineData("-year:[* TO 2014]", null, "year in (2014, *)")]
    [InlineData("-year:{2014 TO *]", null, "year in (*, 2014]")]
    [InlineData("year:[2017 TO 2014]", null, "year in [2014, 2017]")]
    [InlineData("russia OR source:forum", "\"russia\"", "source in (forum)")]
    [InlineData("(kremlin year:2015) OR moscow", "\"kremlin\" OR \"moscow\"", "year in (2015)")]
    [InlineData("year:abc russia", "\"russia\"", "")]
    [InlineData("date:2015-02-30", null, "")]
    [InlineData("-year:[2014 TO 2017] russia", "\"russia\"", "")]
    public void MetadataBecomesFilters(string query, string? match, string filters)
    {
        var q = Compile(query);
        Assert.Equal(match, q.Match);
        Assert.Equal(filters, Filters(q));
    }

    [Fact]
    public void FiltersAreTyped()
    {
        var q = Compile("-source:forum date:[2014-01 TO *}");
        var source = Assert.IsType<ValueFilter>(q.Filters[0]);
        Assert.Equal((MetadataField.Source, true), (source.Field, source.Negated));
        Assert.Equal(["forum"], source.Values);
        Assert.Equal(new RangeFilter(MetadataField.Date, "2014-01", true, null, false), q.Filters[1]);
    }

    [Fact]
    public void FieldBoostSetsColumnWeightsAndTermBoostIsReported()
    {
        var q = Compile("title:(kremlin)^3 section:moscow^2 pakistan^5");
        Assert.Equal(new ColumnWeights(1, 3, 2), q.Weights);
        Assert.Contains(q.Warnings, w => w.Contains("ignored the boost in pakistan^5"));
        Assert.Null(Compile("pakistan").Weights);
    }

    [Fact]
    public void EmptyQueriesHaveNothingToRun()
    {
        foreach (var query in new[] { "", "   ", "!!! ??? ...", "😀", "\"\"", "()", "AND OR" })
        {
            var q = Compile(query);
            Assert.Null(q.Match);
            Assert.Null(q.ExcludeOnly);
            Assert.Empty(q.Filters);
            Assert.NotEmpty(q.Warnings);
        }
    }

    [Fact]
    public void ExplanationShowsTreeExpressionFiltersStopWordsAndExpansions()
    {
        var q = Compile("the Kremlim~ of ta?iban year:[2014 TO *]");
        var e = q.Explanation!;
        Assert.Contains("Fuzzy Kremlim ~2", e.Tree);
        Assert.Equal(q.Match, e.Match);
        Assert.Equal(["year in [2014, *)"], e.Filters);
        Assert.Equal(["the", "of"], e.StopWordsDropped);
        Assert.Equal(["Kremlim~ → kremlin", "ta?iban → taliban"], e.Expansions);
        Assert.Equal(["Kremlim"], q.Words);
    }

    [Fact]
    public void WordsAreThePositiveWordsAsTyped()
    {
        var q = Compile("Pakistn \"Rusia ties\" -india source:forum the");
        Assert.Equal(["Pakistn", "Rusia ties"], q.Words);
    }

    [Fact]
    public void TranslatorWorksOnHandBuiltTrees()
    {
        var tree = new BooleanNode(
        [
            new BooleanClause(Occur.Must, new FieldNode("title", new PrefixNode("kreml", 7), 1)),
            new BooleanClause(Occur.Must, new PhraseNode("north south", 20, Slop: 2)),
            new BooleanClause(Occur.MustNot, new TermNode("india", 40)),
            new BooleanClause(Occur.Must, new FieldNode("year", new RangeNode("2014", true, null, true, 50), 45)),
        ], 1);
        var t = new Fts5Translator(tree.ToString(), strict: true, QueryLimits.Default, null, []).Translate(tree, allowFallback: false);
        Assert.Equal("((title : \"kreml\" *) AND NEAR(\"north\" \"south\", 2)) NOT \"india\"", t.Match);
        Assert.Equal([new RangeFilter(MetadataField.Year, "2014", true, null, false)], t.Filters);
        _table.Run(t.Match!);
    }

    [Theory]
    [InlineData("pakistan russia", new long[] { 1 })]
    [InlineData("\"Pakistan's\"", new long[] { 2 })]
    [InlineData("kremlin -taliban", new long[] { 2 })]
    [InlineData("title:taliban", new long[] { 3 })]
    [InlineData("\"pipeline from karachi\"", new long[] { 4 })]
    [InlineData("\"soviet mujahideen\"~10", new long[] { 5 })]
    [InlineData("\"soviet mujahideen\"~8", new long[] { })]
    [InlineData("druzh*", new long[] { 6 })]
    public void ExpressionsFindTheRightRows(string query, long[] rows)
    {
        var q = Compile(query);
        Assert.Equal(rows.OrderBy(r => r), _table.Run(q.Match!).OrderBy(r => r));
    }

    [Fact]
    public void MatchNothingIsValidAndEmpty() => Assert.Empty(_table.Run(Fts5Translator.MatchNothing));

    [Fact]
    public void TokenlessStringsAreValidFts5ButWouldSinkAnAndSoTheyAreDropped()
    {
        // FTS5 (3.50) accepts a quoted string without tokens and matches nothing with it...
        Assert.Empty(_table.Run("\"++\""));
        Assert.Empty(_table.Run("\"pakistan\" AND \"++\""));
        // ...so the compiler drops such words instead of letting them empty an AND.
        var q = Compile("pakistan %%");
        Assert.Equal("\"pakistan\"", q.Match);
        Assert.NotEmpty(_table.Run(q.Match!));
    }
}
