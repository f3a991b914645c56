using PakRussia.Search.Indexing.Analysis;

namespace PakRussia.Search.Querying;

/// <summary>
/// Lucene's classic English stop words (EnglishAnalyzer's list). They are dropped from bare words, never
/// from phrases, and kept when a query has nothing else.
/// </summary>
public static class StopWords
{
    public static IReadOnlySet<string> English { get; } = new HashSet<string>(
        PassageAnalyzer.EnglishStopWords.Select(w => w?.ToString() ?? ""), StringComparer.Ordinal);

    /// <summary>True for a stop word in any case or accent (<c>The</c>, <c>THE</c>).</summary>
    public static bool IsStopWord(string word) => PassageAnalyzer.Surface.Terms(word) is [var only] && English.Contains(only);
}
