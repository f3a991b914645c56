using Lucene.Net.Analysis.Core;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Util;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Tests.Querying;

/// <summary>
/// The parser reads the tokens the compiler lexed instead of lexing the query again (<see cref="ReplayedTokens"/>): for
/// Lucene's own classic parser, a replay must parse to the same query, and fail with the same message, as lexing again.
/// </summary>
public class ReplayedTokensTests
{
    private static QueryParser Parser() =>
        new(LuceneVersion.LUCENE_48, "f", new WhitespaceAnalyzer(LuceneVersion.LUCENE_48)) { AllowLeadingWildcard = true };

    private static List<Token> Lex(string query)
    {
        var manager = new QueryParserTokenManager(new FastCharStream(new StringReader(query)));
        var tokens = new List<Token>();
        try
        {
            for (var token = manager.GetNextToken(); ; token = manager.GetNextToken())
            {
                tokens.Add(token);
                if (token.Kind == RegexpToken.EOF) return tokens;
            }
        }
        catch (TokenMgrError)
        {
            return tokens;
        }
    }

    private static string Outcome(Func<Lucene.Net.Search.Query> parse)
    {
        try
        {
            return "query: " + parse();
        }
        catch (ParseException e)
        {
            return "error: " + e.Message;
        }
    }

    [Theory]
    [InlineData("pakistan russia")]
    [InlineData("\"role of russia\"~3 AND gas^2")]
    [InlineData("title:(gas OR oil) -pipeline +moscow")]
    [InlineData("year:[2001 TO 2010] date:{a TO b}")]
    [InlineData("gwad* *dar fuzzy~1 fuzzier~ te?t")]
    [InlineData("a \\: b \\\"c\\\" /regexp/")]
    [InlineData("((nested) group)^0.5 NOT x || y && z")]
    [InlineData("russia AND")]
    [InlineData("(russia")]
    [InlineData("russia)")]
    [InlineData("OR OR")]
    [InlineData("")]
    public void AReplayParsesAsLexingAgainDoes(string query)
    {
        var replay = ReplayedTokens.For(query, Lex(query));
        Assert.NotNull(replay);
        var parser = Parser();
        parser.ReInit(replay);
        var replayed = Outcome(() => parser.Parse(query));
        Assert.Equal(Outcome(() => Parser().Parse(query)), replayed);
        // Parsed again from the same tokens (the compiler parses a query again when it keeps its stop words).
        Assert.Equal(replayed, Outcome(() => parser.Parse(query)));
    }

    [Theory]
    [InlineData("\"unclosed")]
    [InlineData("a \\")]
    public void TokensThatStopShortOfTheEnd_AreNotReplayed(string query)
    {
        var tokens = Lex(query);
        Assert.NotEqual(RegexpToken.EOF, tokens.LastOrDefault()?.Kind ?? -1);
        Assert.Null(ReplayedTokens.For(query, tokens));
    }

    [Fact]
    public void TheCompiler_GivesTheSameQueryForTextItRepairedAsForTheRepairTyped()
    {
        // Lenient mode repairs "(russia gas" by closing the group and parses again: the second parse lexes the repaired
        // text, not the first tokens.
        var repaired = QueryCompiler.Compile("(russia gas", new QueryOptions(), QueryTestIndex.Shared.Vocabulary);
        var typed = QueryCompiler.Compile("(russia gas)", new QueryOptions(), QueryTestIndex.Shared.Vocabulary);
        Assert.Equal(typed.Query!.ToString(), repaired.Query!.ToString());
    }
    [Fact]
    public void AParserAskedForOtherText_ParsesThatText_NotTheTokensItWasGiven()
    {
        // The replay stands only for the text it was lexed from; any other text is lexed as Lucene lexes it.
        var text = QueryText.Prepare("pakistan", []);
        var reading = new QueryReading
        {
            Text = text,
            Strict = true,
            Limits = new QueryLimits(),
            Tokens = text.Tokens(out _),
        };
        var parser = new PassageQueryParser(reading, PakRussia.Search.Indexing.IndexFields.SearchBoosts, anyWord: false);
        foreach (var round in new[] { 1, 2 })
        {
            Assert.Contains("pakistan", parser.Parse("pakistan").ToString());
            var other = parser.Parse("russia").ToString();
            Assert.Contains("russia", other);
            Assert.DoesNotContain("pakistan", other);
        }
    }
}
