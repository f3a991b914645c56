using System.Text.RegularExpressions;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>What a bad-input case must end with on the command line.</summary>
public enum Outcome
{
    /// <summary>Exit 0: found passages.</summary>
    Found,
    /// <summary>Exit 0 or 1: it searched (found something or nothing), it did not fail.</summary>
    Searched,
    /// <summary>Exit 1: unknown id / nothing found.</summary>
    NotFound,
    /// <summary>Exit 2: bad input, with a one-line "error: …" message.</summary>
    BadInput,
    /// <summary>Exit 3: an index problem, with a one-line "error: …" message.</summary>
    IndexProblem,
}

public static partial class CliOutcome
{
    [GeneratedRegex(@"\b[A-Z][A-Za-z]*Exception\b")]
    private static partial Regex ExceptionName();

    /// <summary>
    /// Asserts the exit code matches <paramref name="expected"/> and that stderr is written for a person: no
    /// stack-trace lines, no exception type names, and for failures a first line "error: …".
    /// </summary>
    public static void Check(string name, Outcome expected, (int Exit, string Output, string Error) run, string? messagePart = null)
    {
        var (exit, _, error) = run;
        var allowed = expected switch
        {
            Outcome.Found => [0],
            Outcome.Searched => [0, 1],
            Outcome.NotFound => [1],
            Outcome.BadInput => [2],
            Outcome.IndexProblem => new[] { 3 },
            _ => throw new ArgumentOutOfRangeException(nameof(expected)),
        };
        Assert.True(allowed.Contains(exit), $"{name}: exit {exit}, expected {expected}. stderr:\n{error}");
        NoInternals(name, error);
        if (expected is Outcome.BadInput or Outcome.IndexProblem)
        {
            var first = error.Split('\n')[0];
            Assert.StartsWith("error: ", first);
            Assert.True(first.Length is > 12 and < 400, $"{name}: message is not one readable line: '{first}'");
        }

        if (messagePart is not null)
        {
            Assert.Contains(messagePart, error, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// Words that name the engine or its parts rather than the user's query and files: a message that contains one
    /// leaked an internal ("SQLite Error 26", "FTS5 cannot weight single words", "TokenMgrError", "segments_3").
    /// </summary>
    [GeneratedRegex(@"lucene|sqlite|fts5|\bcodec|segments_|TokenMgrError|\bTooManyClauses|IndexWriter|DirectoryReader|\bSystem\.[A-Z]", RegexOptions.IgnoreCase)]
    public static partial Regex EngineWords();

    public static void NoInternals(string name, string text)
    {
        Assert.False(text.Contains("   at ", StringComparison.Ordinal), $"{name}: stack trace in output:\n{text}");
        Assert.False(ExceptionName().IsMatch(text), $"{name}: exception type name in output:\n{text}");
        Assert.False(EngineWords().IsMatch(text), $"{name}: the engine's words in output ('{EngineWords().Match(text).Value}'):\n{text}");
    }
}
