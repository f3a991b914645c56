using PakRussia.Search.Querying;

namespace PakRussia.Search.Tests.Querying;

/// <summary>Strict mode names the problem and its position; lenient mode repairs and says what it did.</summary>
public class QueryErrorTests
{
    private static QueryParseException Strict(string query) =>
        Assert.Throws<QueryParseException>(() => QueryCompiler.Compile(query, new QueryOptions { Strict = true }, QueryTestIndex.Shared.Vocabulary));

    private static CompiledQuery Lenient(string query) => QueryCompiler.Compile(query, new QueryOptions(), QueryTestIndex.Shared.Vocabulary);

    [Fact]
    public void StrictErrorNamesThePositionWithACaret()
    {
        var e = Strict("year:[2014 TO");
        Assert.Equal("Cannot parse 'year:[2014 TO': missing ']' at 14", e.Message);
        Assert.Equal(("year:[2014 TO", 14, "missing ']'"), (e.Query, e.Position, e.Reason));
        Assert.Equal("year:[2014 TO\n             ^", e.Caret);
    }

    /// <summary>
    /// Lucene's parser finds these; the position and reason come from its <c>ParseException</c> (or its lexer's error),
    /// worded by us. Changed with the move to Lucene: <c>year:[2014 2017]</c> is valid (TO is optional), <c>"a b"~</c> is
    /// a phrase with the default slop, and filters combine with OR and NOT like words, so <c>russia OR source:forum</c>,
    /// <c>NOT (russia source:forum)</c> and <c>-year:[2014 TO 2017]</c> are no longer errors.
    /// </summary>
    [Theory]
    [InlineData("\"unclosed", 10, "missing '\"'")]
    [InlineData("(russia", 8, "missing ')'")]
    [InlineData("russia)", 7, "')' without a matching '('")]
    [InlineData("AND russia", 1, "nothing before 'AND'")]
    [InlineData("russia AND", 11, "nothing after 'AND'")]
    [InlineData("russia ||", 10, "nothing after '||'")]
    [InlineData("russia OR OR india", 11, "'OR' right after 'OR'")]
    [InlineData("russia -", 9, "nothing after '-'")]
    [InlineData("NOT NOT a", 5, "'NOT' right after 'NOT'")]
    [InlineData("foo:bar", 1, "unknown field 'foo'")]
    [InlineData("title:", 7, "nothing after 'title:'")]
    [InlineData("year:[2017 TO 2014]", 6, "reversed")]
    [InlineData("year:abc", 6, "'abc' is not a year")]
    [InlineData("year:12345", 6, "not a year")]
    [InlineData("date:2015-02-30", 6, "not a date")]
    [InlineData("date:[2015-13 TO *]", 6, "not a date")]
    [InlineData("year:[2014 TO ]", 15, "missing upper bound")]
    [InlineData("year:[2014]", 11, "missing upper bound")]
    [InlineData("[2014 TO 2017]", 1, "a range needs a field")]
    [InlineData("title:[a TO b]", 7, "does not take a range")]
    [InlineData("a*", 1, "needs at least 2 letters")]
    [InlineData("*", 1, "needs at least 2 letters")]
    [InlineData("?*", 1, "needs at least 2 letters")]
    [InlineData("*stan", 1, "needs at least 2 letters")]
    [InlineData("russia^", 7, "not a boost")]
    [InlineData("russia^0", 7, "not a boost")]
    [InlineData("^3 russia", 1, "'^' with nothing to boost")]
    [InlineData("~ russia", 1, "'~' with no word")]
    [InlineData("kremlim~3", 8, "fuzzy distance must be 0, 1 or 2")]
    [InlineData("afghan*~", 8, "'~' cannot follow")]
    [InlineData("russia\\", 7, "nothing to escape")]
    [InlineData("()", 1, "nothing inside the parentheses")]
    [InlineData("\"x\" : moscow", 5, "unexpected ':'")]
    [InlineData("source:for*", 8, "takes exact values")]
    public void StrictModeThrowsAtTheProblem(string query, int position, string reason)
    {
        var e = Strict(query);
        Assert.Equal(position, e.Position);
        Assert.Contains(reason, e.Reason);
        Assert.StartsWith($"Cannot parse '{query}': ", e.Message);
        Assert.EndsWith($" at {position}", e.Message);
    }

    [Theory]
    [InlineData("\"unclosed", "closed the quote opened at 1")]
    [InlineData("pakistan (russia", "closed the parenthesis opened at 10")]
    [InlineData("russia AND", "dropped 'AND' with nothing after it")]
    [InlineData("AND russia", "dropped 'AND' with nothing before it")]
    [InlineData("russia)", "dropped the ')' at 7 that had no '('")]
    [InlineData("russia ^", "dropped the '^' at 8: not a boost")]
    [InlineData("^2 russia", "dropped the '^2' at 1 with nothing to boost")]
    [InlineData("russia^0", "dropped the '^0' at 7: not a boost")]
    [InlineData("foo:bar", "'foo:' is not a field")]
    [InlineData("year:[2017 TO 2014]", "swapped the reversed range year:[2017 TO 2014]")]
    [InlineData("year:[2014 TO", "closed the range opened at 6 with ']'")]
    [InlineData("year:[2014]", "read the range [2014] as [2014 TO 2014]")]
    [InlineData("a* russia", "dropped 'a*': a wildcard needs at least 2 letters")]
    [InlineData("russia\u0000 pak\u0007istan", "removed 2 control characters from the query")]
    [InlineData("zzqx~ russia", "'zzqx~' matches no word in the index")]
    [InlineData("zzq?x", "'zzq?x' matches no word in the index")]
    [InlineData("the of", "the query has only stop words (the, of)")]
    [InlineData("the role of russia", "ignored common words: the, of")]
    [InlineData("%% russia", "dropped '%%': it has no letters or digits")]
    [InlineData("++russia", "dropped the '+' at 2")]
    [InlineData("NOT NOT russia", "read 'NOT NOT' as no negation")]
    [InlineData("😀", "dropped '😀'")]
    [InlineData("\"a b\"~500", "lowered the proximity ~500 to ~100")]
    [InlineData("russia\\", "dropped the '\\' at 7: nothing to escape")]
    [InlineData("afghan*~", "dropped the '~' at 8: it cannot follow a wildcard")]
    public void LenientModeRepairsAndSaysWhat(string query, string warning)
    {
        var q = Lenient(query);
        Assert.Contains(q.Warnings, w => w.Contains(warning, StringComparison.Ordinal));
    }

    [Fact]
    public void ControlCharactersAreRemovedInBothModes()
    {
        var q = QueryCompiler.Compile("pak\u0000istan\ttalks", new QueryOptions { Strict = true, Fields = new Dictionary<string, float> { ["text"] = 1f } }, null);
        Assert.Equal("+text:pakistan +text:talk", q.Query?.ToString());
        Assert.Contains(q.Warnings, w => w.Contains("control character"));
    }

    [Fact]
    public void CaretWindowFollowsThePositionInLongQueries()
    {
        var query = new string('x', 300) + " AND";
        var e = Strict(query);
        var lines = e.RenderCaret(40).Split('\n');
        Assert.Equal(40, lines[0].Length);
        Assert.Equal(new string(' ', 40) + "^", lines[1]);
    }
}
