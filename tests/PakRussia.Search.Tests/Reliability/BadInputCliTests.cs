using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>
/// The bad-input table for the command line, over the real seeds: every case names its expected outcome (exit code
/// and, for failures, a one-line message) and none may print a stack trace or an exception type.
/// </summary>
public sealed class BadInputCliTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private static readonly string Deep = new string('(', 100_000) + "russia" + new string(')', 100_000);
    private static readonly string ManyClausesShort = string.Join(' ', Enumerable.Range(0, 300).Select(i => "w" + i));
    private static readonly string ThousandsOfClauses = string.Join(" OR ", Enumerable.Range(0, 5_000).Select(i => "russia" + i));

    /// <summary>(case name, search arguments, expected outcome, part of the message or null).</summary>
    public static TheoryData<string, string[], Outcome, string?> Queries => new()
    {
        // Empty and operator-only queries
        { "empty", [""], Outcome.BadInput, "empty" },
        { "spaces", ["   "], Outcome.BadInput, "empty" },
        { "AND alone", ["AND"], Outcome.BadInput, null },
        { "OR alone", ["OR"], Outcome.BadInput, null },
        { "NOT alone", ["NOT"], Outcome.BadInput, null },
        { "minus alone", ["-"], Outcome.BadInput, null },
        { "quote alone", ["\""], Outcome.BadInput, null },
        { "operators only", ["AND OR NOT && ||"], Outcome.BadInput, null },
        // Unbalanced quotes and brackets are repaired in lenient mode
        { "unbalanced quote", ["\"pakistan russia"], Outcome.Found, null },
        { "unbalanced parentheses", ["(((pakistan"], Outcome.Found, null },
        { "stray closing", ["pakistan)))"], Outcome.Found, null },
        { "unbalanced range", ["year:[2014 TO"], Outcome.Searched, null },
        // FTS5-only syntax is never passed through
        { "NEAR(", ["NEAR(pakistan russia"], Outcome.Found, null },
        { "NEAR()", ["NEAR(pakistan russia, 5)"], Outcome.Found, null },
        { "column filter", ["{text title}:russia"], Outcome.Searched, null },
        { "initial token", ["^russia"], Outcome.Searched, null },
        { "plus", ["pakistan + russia"], Outcome.Searched, null },
        { "fts5 star", ["\"pakistan\" * \"russia\""], Outcome.Searched, null },
        // Words with punctuation search (exit 0 or 1), never fail
        { "c++", ["c++"], Outcome.Searched, null },
        { "c#", ["c#"], Outcome.Searched, null },
        { "a.b", ["a.b"], Outcome.Searched, null },
        { "don't", ["don't"], Outcome.Searched, null },
        { "OPS-306", ["OPS-306"], Outcome.Searched, null },
        { "20.04", ["20.04"], Outcome.Searched, null },
        { "u.s.", ["u.s. policy"], Outcome.Searched, null },
        { "e-mail", ["e-mail"], Outcome.Searched, null },
        // Control characters
        { "NUL byte", ["russia\0pakistan"], Outcome.Searched, null },
        { "NUL only", ["\0"], Outcome.BadInput, null },
        { "control characters", ["russia\u0001\u001b[31m\u0007"], Outcome.Searched, null },
        { "bidi override", ["\u202Erussia"], Outcome.Searched, null },
        { "lone surrogate", ["russia\uD800"], Outcome.Searched, null },
        // Size and nesting limits: rejected before any recursion
        { "100,000 nested parentheses", [Deep], Outcome.BadInput, "too complex" },
        { "300 clauses", [ManyClausesShort], Outcome.BadInput, "too complex" },
        { "5,000 OR clauses", [ThousandsOfClauses], Outcome.BadInput, "too complex" },
        { "over the length limit", [new string('x', 1_001)], Outcome.BadInput, "1,001" },
        { "17 levels", [new string('(', 17) + "russia" + new string(')', 17)], Outcome.BadInput, "too complex" },
        // Expansions: refused when too short, capped when huge
        { "a*", ["a*"], Outcome.BadInput, null },
        { "*", ["*"], Outcome.BadInput, null },
        { "?*", ["?*"], Outcome.BadInput, null },
        { "**", ["**"], Outcome.BadInput, null },
        { "pa*", ["pa*"], Outcome.Found, null },
        { "p?????*", ["pa?????*"], Outcome.Searched, null },
        { "fuzzy", ["russia~2"], Outcome.Found, null },
        { "fuzzy short", ["ru~2"], Outcome.Searched, null },
        { "many prefixes", [string.Join(" OR ", "ab ac ad af ag al am an ap ar as at au av aw ba be bi bo br bu ca ce ch ci cl co cr cu".Split(' ').Select(p => p + "*"))], Outcome.Found, null },
        // Ranges
        { "reversed year range", ["year:[2020 TO 2010]"], Outcome.Found, null },
        { "invalid year range", ["year:[abc TO xyz]"], Outcome.BadInput, null },
        { "invalid date range", ["russia date:[2014-13-45 TO 2015]"], Outcome.Searched, null },
        { "open range", ["russia year:[* TO *]"], Outcome.Found, null },
        { "huge year", ["russia year:99999999999999999999"], Outcome.Searched, null },
        // SQL-looking text is searched as words
        { "sql injection", ["');DROP TABLE passages;--"], Outcome.Searched, null },
        { "sql injection 2", ["\" OR 1=1 --"], Outcome.Searched, null },
        { "sql comment", ["russia /* */ UNION SELECT * FROM meta"], Outcome.Searched, null },
        { "fts5 command", ["passage_fts:delete-all"], Outcome.Searched, null },
        // Strict mode: the same malformed queries are errors with a caret
        { "strict unbalanced quote", ["--strict", "\"pakistan russia"], Outcome.BadInput, "^" },
        { "strict unbalanced parenthesis", ["--strict", "(((pakistan"], Outcome.BadInput, "^" },
        { "strict AND alone", ["--strict", "AND"], Outcome.BadInput, null },
        { "strict column filter", ["--strict", "{a b}:x"], Outcome.BadInput, null },
        { "strict caret", ["--strict", "^x"], Outcome.BadInput, null },
        { "strict c++", ["--strict", "c++"], Outcome.Searched, null },
        { "strict deep", ["--strict", Deep], Outcome.BadInput, "too complex" },
        { "strict sql", ["--strict", "');DROP TABLE passages;--"], Outcome.BadInput, null },
        // A word starting with @ is searched, never read as a response file of arguments
        { "at-sign word", ["@pakistan"], Outcome.Found, null },
        { "at-sign handle", ["@ImranKhan"], Outcome.Searched, null },
        { "at-sign path", ["@/etc/passwd"], Outcome.Searched, null },
        { "at-sign alone", ["@"], Outcome.BadInput, "empty" },
        { "at-sign and NUL", ["@\"\0"], Outcome.BadInput, null },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Search_BadQuery_HasItsExpectedOutcome(string name, string[] args, Outcome expected, string? message)
    {
        var run = seeds.Cli(["search", .. args]);
        CliOutcome.Check(name, expected, run, message);
        Assert.Equal(seeds.Summary.Passages, seeds.Searcher.Stats().Passages);
    }

    /// <summary>(case name, extra search arguments after the query "russia", expected outcome, message part).</summary>
    public static TheoryData<string, string[], Outcome, string?> Paging => new()
    {
        { "page 0", ["--page", "0"], Outcome.BadInput, "page" },
        { "negative page", ["--page", "-5"], Outcome.BadInput, "page" },
        { "huge page", ["--page", "2147483647"], Outcome.BadInput, null },
        { "page not a number", ["--page", "1e9"], Outcome.BadInput, "whole number" },
        { "overflowing page", ["--page", "99999999999"], Outcome.BadInput, "whole number" },
        { "size 0", ["--top", "0"], Outcome.BadInput, "page size" },
        { "negative size", ["--top", "-1"], Outcome.BadInput, "page size" },
        { "huge size", ["--top", "100000"], Outcome.BadInput, "page size" },
        { "last page in the window", ["--page", "100", "--top", "100"], Outcome.Searched, null },
        { "past the window", ["--page", "101", "--top", "100"], Outcome.BadInput, SearchLimits.MaxResultWindow.ToString() },
        { "far past the window", ["--page", "1000000", "--top", "100"], Outcome.BadInput, SearchLimits.MaxResultWindow.ToString() },
        { "unknown sort", ["--sort", "bogus"], Outcome.BadInput, "sort" },
        { "sql sort", ["--sort", "rowid; DROP TABLE passages"], Outcome.BadInput, "sort" },
        { "too many sources", [.. Enumerable.Range(0, 51).SelectMany(i => new[] { "--source", "s" + i })], Outcome.BadInput, "too many" },
        { "too many docs", [.. Enumerable.Range(0, 51).SelectMany(i => new[] { "--doc", "d" + i })], Outcome.BadInput, "too many" },
        { "unknown source", ["--source", "nonsense"], Outcome.NotFound, null },
        { "invalid from", ["--from", "abc"], Outcome.BadInput, "--from" },
        { "invalid month", ["--from", "2014-13"], Outcome.BadInput, "--from" },
        { "invalid day", ["--to", "2014-02-30"], Outcome.BadInput, "--to" },
        { "reversed from/to", ["--from", "2020", "--to", "2010"], Outcome.BadInput, "reversed" },
        { "year not a number", ["--year", "twenty"], Outcome.BadInput, null },
        { "unknown option", ["--frobnicate"], Outcome.BadInput, null },
        { "negative budget", ["--budget-ms", "-1"], Outcome.BadInput, "budget" },
    };

    [Theory]
    [MemberData(nameof(Paging))]
    public void Search_BadPagingOrFilter_HasItsExpectedOutcome(string name, string[] args, Outcome expected, string? message) =>
        CliOutcome.Check(name, expected, seeds.Cli(["search", "russia", .. args]), message);

    public static TheoryData<string> HostileIds => new()
    {
        "", "../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/etc/passwd", "C:\\Windows\\win.ini",
        "news-ties-closer.p3%00", "news-ties-closer.p3\0", "news-ties-closer\0", "x' OR '1'='1", "nope", "news-ties-closer.p999999",
        "news-ties-closer.p-1", "\u202Enews-ties-closer", new string('a', 5_000), "~/.ssh/id_rsa", "file:///etc/passwd",
    };

    [Theory]
    [MemberData(nameof(HostileIds))]
    public void ShowAndPassages_UnknownOrHostileId_ExitOneWithoutReadingAFile(string id)
    {
        foreach (var command in new[] { "show", "passages" })
        {
            var run = seeds.Cli(command, id);
            CliOutcome.Check($"{command} '{id}'", Outcome.NotFound, run);
            Assert.Equal("", run.Output);
            Assert.DoesNotContain("root:", run.Error);
            Assert.StartsWith("error: ", run.Error);
            Assert.DoesNotContain('\0', run.Error);
        }
    }

    [Fact]
    public void ShowAndPassages_KnownIds_StillWork()
    {
        Assert.Equal(0, seeds.Cli("show", "news-ties-closer.p3").Exit);
        Assert.Equal(0, seeds.Cli("passages", "news-ties-closer").Exit);
        CliOutcome.Check("context 99", Outcome.BadInput, seeds.Cli("show", "news-ties-closer.p3", "--context", "99"), "context");
    }

    [Fact]
    public void Search_SqlLookingQueries_LeaveEveryPassageInTheIndex()
    {
        var before = seeds.Searcher.Stats();
        foreach (var query in new[] { "');DROP TABLE passages;--", "'; DELETE FROM passages; --", "x\"); DROP TABLE documents; --" })
        {
            seeds.Cli("search", query);
            seeds.Cli("search", "--strict", query);
        }

        var after = seeds.Searcher.Stats();
        Assert.Equal((before.Documents, before.Passages, before.Generation), (after.Documents, after.Passages, after.Generation));
        Assert.Equal(0, seeds.Cli("search", "russia").Exit);
    }
}
