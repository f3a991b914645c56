namespace PakRussia.Search.Querying;

/// <summary>
/// Lucene's classic English stop words (EnglishAnalyzer's list). They are dropped from bare words, never
/// from phrases, and kept when a query has nothing else.
/// </summary>
public static class StopWords
{
    public static IReadOnlySet<string> English { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
        "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
        "will", "with",
    };

    /// <summary>True for a stop word in any case or accent (<c>The</c>, <c>THE</c>).</summary>
    public static bool IsStopWord(string word) => English.Contains(TextFold.Fold(word));
}
