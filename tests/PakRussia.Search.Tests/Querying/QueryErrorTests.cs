using PakRussia.Search.Querying;

namespace PakRussia.Search.Tests.Querying;

/// <summary>Strict mode names the problem and its position; lenient mode repairs and says what it did.</summary>
public class QueryErrorTests
{
    private static QueryParseException Strict(string query) =>
        Assert.Throws<QueryParseException>(() => QueryCompiler.Compile(query, new QueryOptions { Strict = true }, Fts5Table.Vocabulary));

    private static CompiledQuery Lenient(string query) => QueryCompiler.Compile(query, new QueryOptions(), Fts5Table.Vocabulary);

    [Fact]
    public void StrictErrorNamesThePositionWithACaret()
    {
        var e = Strict("year:[2014 TO");
        Assert.Equal("Cannot parse 'year:[2014 TO': missing ']' at 14", e.Message);
        Assert.Equal(("year:[2014 TO", 14, "missing ']'"), (e.Query, e.Position, e.Reason));
        Assert.Equal("year:[2014 TO\n             ^", e.Caret);
    }

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
    [InlineData("year:[2014 2017]", 12, "missing 'TO'")]
    [InlineData("year:[2014 TO ]", 14, "missing upper bound")]
    [InlineData("[2014 TO 2017]", 1, "a range needs a field")]
    [InlineData("title:[a TO b]", 7, "does not take a range")]
    [InlineData("-year:[2014 TO 2017]", 7, "cannot exclude the closed range")]
    [InlineData("a*", 1, "needs at least 2 letters")]
    [InlineData("*", 1, "needs at least 2 letters")]
    [InlineData("?*", 1, "needs at least 2 letters")]
    [InlineData("*stan", 1, "needs at least 2 letters")]
    [InlineData("russia^", 7, "not a boost")]
    [InlineData("russia^0", 7, "not a boost")]
    [InlineData("^3 russia", 1, "'^' with nothing to boost")]
    [InlineData("~ russia", 1, "'~' with no word")]
    [InlineData("kremlim~3", 8, "fuzzy distance must be 0, 1 or 2")]
    [InlineData("\"a b\"~", 6, "needs a number")]
    [InlineData("afghan*~", 8, "'~' cannot follow")]
    [InlineData("russia\\", 7, "nothing to escape")]
    [InlineData("()", 1, "nothing inside the parentheses")]
    [InlineData("\"x\" : moscow", 5, "unexpected ':'")]
    [InlineData("russia OR source:forum", 11, "can only be combined with AND")]
    [InlineData("NOT (russia source:forum)", 13, "can only be combined with AND")]
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
    [InlineData("foo:bar", "'foo:' is not a field")]
    [InlineData("year:[2017 TO 2014]", "swapped the reversed range year:[2017 TO 2014]")]
    [InlineData("year:[2014 TO", "closed the range opened at 6 with ']'")]
    [InlineData("a* russia", "dropped 'a*': a wildcard needs at least 2 letters")]
    [InlineData("russia\u0000 pak\u0007istan", "removed 2 control characters from the query")]
    [InlineData("pakistan^2", "ignored the boost in pakistan^2")]
    [InlineData("russia OR source:forum", "applied the filter source:forum to all results")]
    [InlineData("zzqx~ russia", "'zzqx~' matches no word in the index")]
    [InlineData("zzq?x", "'zzq?x' matches no word in the index")]
    [InlineData("the of", "the query has only stop words (the, of)")]
    [InlineData("the role of russia", "ignored common words: the, of")]
    [InlineData("%% russia", "dropped '%%': it has no letters or digits")]
    [InlineData("++russia", "read '+ +' as one operator")]
    [InlineData("😀", "dropped '😀'")]
    [InlineData("\"a b\"~500", "lowered the proximity ~500 to ~100")]
    [InlineData("year:[2014 TO 2017] OR russia", "applied the filter year:[2014 TO 2017] to all results")]
    public void LenientModeRepairsAndSaysWhat(string query, string warning)
    {
        var q = Lenient(query);
        Assert.Contains(q.Warnings, w => w.Contains(warning, StringComparison.Ordinal));
    }

    [Fact]
    public void ControlCharactersAreRemovedInBothModes()
    {
        var q = QueryCompiler.Compile("pak\u0000istan\ttalks", new QueryOptions { Strict = true }, null);
        Assert.Equal("\"pakistan\" AND \"talks\"", q.Match);
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
