using PakRussia.Search.Querying;

namespace PakRussia.Search.Tests.Querying;

/// <summary>Limits are checked before recursion or expansion and throw in both modes.</summary>
public class QueryLimitTests
{
    private static QueryLimitException Limit(string query, bool strict, QueryLimits? limits = null) =>
        Assert.Throws<QueryLimitException>(() =>
            QueryCompiler.Compile(query, new QueryOptions { Strict = strict, Limits = limits ?? QueryLimits.Default }, QueryTestIndex.Shared.Vocabulary));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TooLongQueryIsRefused(bool strict)
    {
        var e = Limit(new string('a', 1_001), strict);
        Assert.Equal("length", e.Limit);
        Assert.Equal(1_000, e.Maximum);
        Assert.Contains("1,001 characters", e.Message);
        var longest = string.Join(' ', Enumerable.Range(0, 50).Select(i => $"word{i:D15}")) + "y"; // 1,000 characters
        Assert.Equal(1_000, longest.Length);
        Assert.NotNull(QueryCompiler.Compile(longest, new QueryOptions { Strict = strict }, null).Query);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HundredThousandNestedParenthesesAreRefusedWithoutRecursing(bool strict)
    {
        var deep = new string('(', 100_000) + "russia" + new string(')', 100_000);
        Assert.Equal("length", Limit(deep, strict).Limit);
        // On a thread with 256 KB of stack: recursing once per level would overflow (and kill the process) long
        // before 100,000 levels, so an answer proves the depth is checked before any recursion.
        QueryLimitException? e = null;
        Exception? other = null;
        var thread = new Thread(() =>
        {
            try { e = Limit(deep, strict, new QueryLimits { MaxLength = 1_000_000 }); }
            catch (Exception ex) { other = ex; }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(other);
        Assert.NotNull(e);
        Assert.Equal("depth", e.Limit);
        Assert.Equal(17, e.Position);
    }

    [Fact]
    public void SixteenLevelsAreFineSeventeenAreNot()
    {
        var ok = QueryCompiler.Compile(new string('(', 16) + "russia" + new string(')', 16), new QueryOptions { Strict = true, Fields = new Dictionary<string, float> { ["text"] = 1f } }, null);
        Assert.Equal("text:russia", ok.Query?.ToString());
        Assert.Equal("depth", Limit(new string('(', 17) + "russia" + new string(')', 17), strict: false).Limit);
        Assert.Equal("depth", Limit("title:(" + new string('(', 15) + "x" + new string(')', 16), strict: true).Limit);
    }

    [Fact]
    public void TooManyClausesAreRefused()
    {
        var words = Enumerable.Range(0, 65).Select(i => "w" + i).ToList();
        Assert.Equal("clauses", Limit(string.Join(' ', words), strict: false).Limit);
        Assert.NotNull(QueryCompiler.Compile(string.Join(" AND ", words.Take(64)), new QueryOptions { Strict = true }, null).Query);
    }

    [Fact]
    public void WildcardExpansionIsCappedPerTermAndInTotal()
    {
        var vocabulary = TestVocabulary.Of([..
            from g in "abcde"
            from i in Enumerable.Range(0, 60)
            select ($"k{g}x{(char)('a' + i / 26)}{(char)('a' + i % 26)}", (long)(60 - i))]);
        var q = QueryCompiler.Compile("ka?* kb?* kc?* kd?* ke?*", new QueryOptions { Fields = new Dictionary<string, float> { ["text"] = 1f } }, vocabulary);
        Assert.Contains(q.Warnings, w => w == "'ka?*' matches 60 words; kept the 50 most frequent");
        Assert.Contains(q.Warnings, w => w.Contains("the query already expanded 200 words"));
        Assert.Equal(4, q.Explanation!.Expansions.Count(e => e.Contains(" → k")));
        var text = q.Query!.ToString();
        Assert.Contains("text:kaxaa text:kaxab", text);
        Assert.DoesNotContain("text:kaxby", text); // the 51st
        Assert.Contains("text:ke*", text); // past the budget: every word with the prefix, unranked
    }

    /// <summary>A query Lucene would expand into more clauses than it allows is refused as too complex, not crashed on.</summary>
    [Fact]
    public void MoreClausesThanLuceneAllowsIsALimitError()
    {
        var words = string.Join(" OR ", Enumerable.Range(0, 60).Select(i => "w" + i));
        var limits = new QueryLimits { MaxClauses = 2_000, MaxLength = 100_000 };
        var previous = Lucene.Net.Search.BooleanQuery.MaxClauseCount;
        Lucene.Net.Search.BooleanQuery.MaxClauseCount = 50;
        try
        {
            var e = Assert.Throws<QueryLimitException>(() => QueryCompiler.Compile(words, new QueryOptions { Limits = limits }, null));
            Assert.Equal("clauses", e.Limit);
        }
        finally
        {
            Lucene.Net.Search.BooleanQuery.MaxClauseCount = previous;
        }
    }

    [Fact]
    public void DefaultLimitsAreDocumentedValues()
    {
        var d = QueryLimits.Default;
        Assert.Equal((1_000, 64, 16, 50, 200, 2), (d.MaxLength, d.MaxClauses, d.MaxDepth, d.MaxExpansionsPerTerm, d.MaxTotalExpansions, d.MinPrefixLength));
    }
}
