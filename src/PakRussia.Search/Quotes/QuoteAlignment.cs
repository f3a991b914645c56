using System.Text.Json.Serialization;

namespace PakRussia.Search.Quotes;

/// <summary>How a stretch of the quote differs from the corpus.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DifferenceKind>))]
public enum DifferenceKind
{
    /// <summary>The quote has other words where the corpus has <see cref="WordDifference.CorpusWords"/>.</summary>
    [JsonStringEnumMemberName("changed")] Changed,
    /// <summary>The corpus has words the quote leaves out.</summary>
    [JsonStringEnumMemberName("missing")] Missing,
    /// <summary>The quote has words the corpus does not.</summary>
    [JsonStringEnumMemberName("extra")] Extra,
}

/// <summary>One stretch where the quote and the corpus disagree; words are given as written in each.</summary>
public sealed record WordDifference(DifferenceKind Kind, IReadOnlyList<string> CorpusWords, IReadOnlyList<string> QuoteWords);

/// <summary>
/// Where a quote sits in a text and how faithful it is.
/// </summary>
/// <param name="Similarity">
/// Matched words / alignment columns, in [0, 1]: a column is a matched word, a changed word, a word the quote
/// leaves out or a word the quote adds; words skipped by an ellipsis are not columns. 1 exactly when <paramref name="Exact"/>.
/// </param>
/// <param name="Exact">Every quote word matches, in order, with gaps only where the quote has an ellipsis.</param>
/// <param name="Start">Offset in the text of the first character of the first corpus word aligned to a quote word.</param>
/// <param name="End">Offset just past the last character of the last corpus word aligned to a quote word.</param>
/// <param name="MissingFromQuote">Words the corpus has that the quote lacks (changed or left out), as written in the corpus.</param>
/// <param name="ExtraInQuote">Words the quote has that the corpus lacks (changed or added), as written in the quote.</param>
/// <param name="Differences">The disagreements in text order.</param>
public sealed record QuoteAlignment(
    double Similarity,
    bool Exact,
    int Start,
    int End,
    IReadOnlyList<string> MissingFromQuote,
    IReadOnlyList<string> ExtraInQuote,
    IReadOnlyList<WordDifference> Differences);

/// <summary>Whether a quote can be looked up, and its folded words when it can.</summary>
public sealed record QuoteValidation(bool IsValid, string? Message, IReadOnlyList<string> Tokens);
