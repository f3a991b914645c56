using PakRussia.Search.Querying;
using PakRussia.Search.Querying.Nodes;

namespace PakRussia.Search.Tests.Querying;

/// <summary>Query text → parse tree, compared as printed trees (Lucene BooleanQuery style).</summary>
public class QueryParserTests
{
    private static string Tree(string query, bool anyWord = false) =>
        QueryParser.Parse(query, strict: false, anyWord: anyWord).Root?.ToString() ?? "<empty>";

    [Theory]
    // terms, phrases, proximity
    [InlineData("pakistan", "pakistan")]
    [InlineData("pakistan russia", "(+pakistan +russia)")]
    [InlineData("\"russia pakistan\"", "\"russia pakistan\"")]
    [InlineData("\"russia pakistan\"~5", "\"russia pakistan\"~5")]
    [InlineData("\"a \\\"quoted\\\" word\"", "\"a \\\"quoted\\\" word\"")]
    // operators and precedence: NOT > AND > OR > juxtaposition (default operator)
    [InlineData("a OR b c", "(+(a b) +c)")]
    [InlineData("russia OR soviet pakistan", "(+(russia soviet) +pakistan)")]
    [InlineData("a AND b OR c", "((+a +b) c)")]
    [InlineData("a OR b AND c", "(a (+b +c))")]
    [InlineData("a && b || c", "((+a +b) c)")]
    [InlineData("NOT a AND b", "(-a +b)")]
    [InlineData("!a b", "(-a +b)")]
    [InlineData("+a -b c", "(+a -b +c)")]
    [InlineData("a OR NOT b", "(a -b)")]
    [InlineData("NOT NOT a", "a")]
    [InlineData("-russia", "(-russia)")]
    [InlineData("NOT taliban", "(-taliban)")]
    [InlineData("a-b", "a\\-b")]
    [InlineData("OPS-306", "OPS\\-306")]
    // grouping
    [InlineData("(a OR b) AND (c OR d)", "(+(a b) +(c d))")]
    [InlineData("((a b) OR (c -d))", "((+a +b) (+c -d))")]
    [InlineData("(((a)))", "a")]
    [InlineData("-(a OR b) c", "(-(a b) +c)")]
    // fields
    [InlineData("title:kremlin", "title:kremlin")]
    [InlineData("Title:kremlin", "title:kremlin")]
    [InlineData("title:(kremlin OR moscow)", "title:(kremlin moscow)")]
    [InlineData("title:(kremlin)^3", "title:kremlin^3")]
    [InlineData("title:\"north south\" pipeline", "(+title:\"north south\" +pipeline)")]
    [InlineData("title:(section:x)", "title:section:x")]
    [InlineData("source:forum", "source:forum")]
    [InlineData("-source:forum russia", "(-source:forum +russia)")]
    [InlineData("source:(forum OR news)", "source:(forum news)")]
    [InlineData("author:\"Ahmed Rashid\"", "author:\"Ahmed Rashid\"")]
    // ranges, open ends, mixed brackets
    [InlineData("year:[2014 TO 2017]", "year:[2014 TO 2017]")]
    [InlineData("date:{2014-01-01 TO 2019-12-31]", "date:{2014-01-01 TO 2019-12-31]")]
    [InlineData("year:[* TO 2014}", "year:[* TO 2014}")]
    [InlineData("date:[2014-03 TO *]", "date:[2014-03 TO *]")]
    [InlineData("year:[\"2014\" TO 2015]", "year:[2014 TO 2015]")]
    // prefix, wildcard, fuzzy, boosts
    [InlineData("afghan*", "afghan*")]
    [InlineData("afghan**", "afghan*")]
    [InlineData("ta?iban", "ta?iban")]
    [InlineData("pak*stan", "pak*stan")]
    [InlineData("kremlim~", "kremlim~")]
    [InlineData("kremlim~1", "kremlim~1")]
    [InlineData("kremlim~0", "kremlim")]
    [InlineData("pakistan^3", "pakistan^3")]
    [InlineData("pakistan^0.5", "pakistan^0.5")]
    // escapes
    [InlineData("russia\\:moscow", "russia\\:moscow")]
    [InlineData("c\\*", "c\\*")]
    [InlineData("\\(x\\)", "\\(x\\)")]
    [InlineData("\\AND", "AND")]
    // lenient repairs
    [InlineData("foo:bar", "(+foo +bar)")]
    [InlineData("russia)", "russia")]
    [InlineData("(russia", "russia")]
    [InlineData("AND", "<empty>")]
    [InlineData("russia AND", "russia")]
    [InlineData("[a TO b]", "(+a +b)")]
    [InlineData("title:[a TO b]", "title:(+a +b)")]
    [InlineData("year:[2014 TO", "year:[2014 TO *]")]
    [InlineData("year:[2014]", "year:[2014 TO 2014]")]
    [InlineData("a*", "<empty>")]
    [InlineData("^3 russia", "russia")]
    [InlineData("", "<empty>")]
    [InlineData("   ", "<empty>")]
    public void Parses(string query, string expected) => Assert.Equal(expected, Tree(query));

    [Theory]
    [InlineData("a b", "(a b)")]
    [InlineData("a +b", "(a +b)")]
    [InlineData("a -b", "(a -b)")]
    [InlineData("russia source:forum", "(russia +source:forum)")]
    [InlineData("a b AND c", "(a (+b +c))")]
    public void AnyWordMakesJuxtapositionOr(string query, string expected) => Assert.Equal(expected, Tree(query, anyWord: true));

    [Fact]
    public void NodesCarryTypesAndPositions()
    {
        var root = (BooleanNode)QueryParser.Parse("title:kremlim~1 \"a b\"~3 year:[2014 TO *]").Root!;
        var field = Assert.IsType<FieldNode>(root.Clauses[0].Node);
        Assert.Equal(FieldKind.Column, field.Kind);
        var fuzzy = Assert.IsType<FuzzyNode>(field.Child);
        Assert.Equal(("kremlim", 1, 7), (fuzzy.Text, fuzzy.EffectiveEdits, fuzzy.Position));
        Assert.Equal(3, Assert.IsType<PhraseNode>(root.Clauses[1].Node).Slop);
        var year = Assert.IsType<FieldNode>(root.Clauses[2].Node);
        Assert.Equal(FieldKind.Metadata, year.Kind);
        Assert.Equal(new RangeNode("2014", true, null, true, 30), year.Child);
    }

    [Theory]
    [InlineData("kreml~", 2)]
    [InlineData("moscw~", 2)]
    [InlineData("iran~", 1)]
    [InlineData("iran~2", 2)]
    public void FuzzyDefaultDistanceIsTwoButOneForShortWords(string query, int edits) =>
        Assert.Equal(edits, Assert.IsType<FuzzyNode>(QueryParser.Parse(query).Root).EffectiveEdits);

    [Fact]
    public void PrintedTreeIsIndentedForExplain()
    {
        var printed = QueryParser.Parse("pakistan -title:india").Root!.Print();
        Assert.Equal("Boolean\n  MUST Term pakistan\n  MUST_NOT Field title (column)\n    Term india", printed);
    }

    [Fact]
    public void ParserReportsExplicitOperators()
    {
        Assert.False(QueryParser.Parse("a b -c").HasExplicitOperators);
        Assert.True(QueryParser.Parse("a AND b").HasExplicitOperators);
        Assert.True(QueryParser.Parse("a || b").HasExplicitOperators);
        Assert.True(QueryParser.Parse("+a b").HasExplicitOperators);
    }

    [Fact]
    public void LexerKeepsPositionsAndOperators()
    {
        var tokens = QueryLexer.Tokenize("title:\"a b\" && x^2", (_, _, _) => { });
        Assert.Equal("Term(title)@1 Colon(:)@6 Quoted(\"a b\")@7 And(&&)@13 Term(x)@16 Caret(^2)@17 End()@19",
            string.Join(" ", tokens));
    }
}
