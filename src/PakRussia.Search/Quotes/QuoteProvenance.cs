using PakRussia.Search.Citations;
using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;
using System.Text.Json.Serialization;

namespace PakRussia.Search.Quotes;

/// <summary>A passage the quote was found in, with its document and how it aligned.</summary>
public sealed record QuoteCandidate(DocumentMetadata Document, Passage Passage, QuoteAlignment Alignment);

/// <summary>One place the same wording occurs. Start/End are offsets in the document's cleaned text.</summary>
public sealed record QuoteOccurrence(
    string PassageId,
    string DocId,
    string Title,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Date,
    int Start,
    int End,
    bool IsOriginal);

/// <summary>
/// One wording of the quote found in the corpus, shown at its original (earliest) occurrence.
/// <see cref="Start"/>/<see cref="End"/> are offsets in <see cref="Text"/> (the passage); <see cref="DocStart"/>/<see cref="DocEnd"/>
/// the same span in the document's cleaned text.
/// </summary>
public sealed record QuoteMatch(
    string PassageId,
    string DocId,
    string Title,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Date,
    double Similarity,
    bool Exact,
    string Text,
    int Start,
    int End,
    int DocStart,
    int DocEnd,
    IReadOnlyList<WordDifference> Differences,
    string Citation,
    IReadOnlyList<QuoteOccurrence> Occurrences)
{
    /// <summary>
    /// Set when the quote runs on across a paragraph break: the passage the match ends in. <see cref="Text"/> is then
    /// <see cref="PassageId"/>'s text and this passage's, joined by the line breaks between them, and
    /// <see cref="Start"/>/<see cref="End"/> are offsets in that joined text.
    /// </summary>
    public string? ThroughPassageId { get; init; }

    /// <summary>The passage cited in every style (set by the searcher; <see cref="Citation"/> is the chosen one).</summary>
    public CitationSet? Citations { get; init; }
}

/// <summary>A passage that came closest when the quote was not found.</summary>
public sealed record ClosestPassage(string PassageId, string DocId, string Title, string? Date, double Similarity, string Text);

/// <summary>The answer to a quote lookup, ready for <c>JsonSerializerDefaults.Web</c> (camelCase).</summary>
public sealed record QuoteResult(
    string Quote,
    bool Found,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Message,
    IReadOnlyList<QuoteMatch> Matches,
    IReadOnlyList<ClosestPassage> Closest);

/// <summary>
/// Turns candidate passages into a quote answer: aligns them, groups passages that carry the same wording,
/// orders every occurrence earliest first (undated last, then doc id, then passage ordinal) and marks the original.
/// </summary>
public static class QuoteProvenance
{
    /// <summary>How many closest passages a not-found answer lists.</summary>
    public const int ClosestCount = 5;

    /// <summary>Below this similarity a passage is not worth showing even as "closest".</summary>
    public const double ClosestFloor = 0.2;

    /// <summary>What a not-found answer says.</summary>
    public const string NotFoundMessage = "The quote was not found in the corpus";

    /// <summary>
    /// Looks <paramref name="quote"/> up in <paramref name="candidates"/> (e.g. the passages an FTS query on the quote's
    /// rarest words returned): validates, aligns each passage, groups and orders the matches. When nothing reaches
    /// <paramref name="threshold"/>, <see cref="QuoteResult.Closest"/> lists the nearest passages instead.
    /// </summary>
    public static QuoteResult Lookup(string quote, IEnumerable<(DocumentMetadata Document, Passage Passage)> candidates, double threshold = QuoteAligner.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(candidates);
        var validation = QuoteAligner.Validate(quote);
        if (!validation.IsValid)
        {
            return new QuoteResult(quote, false, validation.Message, [], []);
        }

        var folded = new FoldedText(quote);
        var aligned = new List<QuoteCandidate>();
        foreach (var (document, passage) in candidates)
        {
            if (QuoteAligner.Align(folded, new FoldedText(passage.Text), Math.Min(threshold, ClosestFloor)) is { } alignment)
            {
                aligned.Add(new QuoteCandidate(document, passage, alignment));
            }
        }

        return Resolve(quote, aligned, threshold);
    }

    /// <summary>
    /// The answer from candidates already aligned (with a threshold at most <see cref="ClosestFloor"/>, so the near
    /// ones are there too): those reaching <paramref name="threshold"/> are grouped as in <see cref="Group"/>; when
    /// none does, <see cref="QuoteResult.Closest"/> lists the nearest. The quote is not validated here.
    /// </summary>
    public static QuoteResult Resolve(string quote, IReadOnlyList<QuoteCandidate> aligned, double threshold = QuoteAligner.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(aligned);
        var found = aligned.Where(c => c.Alignment.Similarity >= threshold).ToList();
        if (found.Count > 0)
        {
            return Group(quote, found);
        }

        var closest = aligned
            .Where(c => c.Alignment.Similarity >= ClosestFloor)
            .OrderByDescending(c => c.Alignment.Similarity)
            .ThenBy(c => c, OccurrenceOrder.Instance)
            .DistinctBy(c => c.Passage.DuplicateOf ?? c.Passage.PassageId) // a word-for-word copy is not another candidate
            .Take(ClosestCount)
            .Select(c => new ClosestPassage(c.Passage.PassageId, c.Document.DocId, c.Document.Title, c.Document.Date, Math.Round(c.Alignment.Similarity, 3), c.Passage.Text))
            .ToList();
        return new QuoteResult(quote, false, NotFoundMessage, [], closest);
    }

    /// <summary>
    /// Groups already aligned candidates: passages whose matched words are the same (after folding) are one wording,
    /// listed once with all its occurrences. Wordings are ordered by similarity (best first), then by their earliest occurrence.
    /// </summary>
    public static QuoteResult Group(string quote, IEnumerable<QuoteCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(candidates);
        var groups = candidates
            .GroupBy(c => string.Join(' ', new FoldedText(c.Passage.Text[c.Alignment.Start..c.Alignment.End]).Tokens.Select(t => t.Text)), StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c, OccurrenceOrder.Instance).ToList())
            .Select(Describe)
            .OrderByDescending(m => m.Similarity)
            .ThenBy(m => m.Occurrences[0].Date == null ? 1 : 0)
            .ThenBy(m => m.Occurrences[0].Date, StringComparer.Ordinal)
            .ThenBy(m => m.Occurrences[0].DocId, StringComparer.Ordinal)
            .ToList();
        return groups.Count == 0
            ? new QuoteResult(quote, false, NotFoundMessage, [], [])
            : new QuoteResult(quote, true, null, groups, []);
    }

    /// <summary>Orders occurrences: dated before undated, earliest date first ("2017" before "2017-03"), then doc id, ordinal, offset.</summary>
    public static IReadOnlyList<QuoteCandidate> Order(IEnumerable<QuoteCandidate> candidates) =>
        candidates.OrderBy(c => c, OccurrenceOrder.Instance).ToList();

    /// <summary>
    /// The original among occurrences already in <see cref="Order"/>: the first one whose passage is not marked as a
    /// repeat of another passage (<see cref="Passage.DuplicateOf"/>); null when every one is a repeat.
    /// </summary>
    public static QuoteCandidate? Original(IReadOnlyList<QuoteCandidate> ordered) =>
        ordered.FirstOrDefault(c => c.Passage.DuplicateOf == null || c.Passage.DuplicateOf == c.Passage.PassageId);

    private static QuoteMatch Describe(List<QuoteCandidate> ordered)
    {
        var original = Original(ordered);
        var shown = original ?? ordered[0];
        var occurrences = ordered
            .Select(c => new QuoteOccurrence(
                c.Passage.PassageId,
                c.Document.DocId,
                c.Document.Title,
                c.Document.Date,
                c.Passage.Start + c.Alignment.Start,
                c.Passage.Start + c.Alignment.End,
                ReferenceEquals(c, original)))
            .ToList();
        var a = shown.Alignment;
        return new QuoteMatch(
            shown.Passage.PassageId,
            shown.Document.DocId,
            shown.Document.Title,
            shown.Document.Date,
            Math.Round(a.Similarity, 3),
            a.Exact,
            shown.Passage.Text,
            a.Start,
            a.End,
            shown.Passage.Start + a.Start,
            shown.Passage.Start + a.End,
            a.Differences,
            CitationFormatter.Format(shown.Document, shown.Passage, CitationStyle.Plain),
            occurrences);
    }

    private sealed class OccurrenceOrder : IComparer<QuoteCandidate>
    {
        public static readonly OccurrenceOrder Instance = new();

        public int Compare(QuoteCandidate? x, QuoteCandidate? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? 1 : -1;
            }

            var dx = string.IsNullOrWhiteSpace(x.Document.Date) ? null : x.Document.Date;
            var dy = string.IsNullOrWhiteSpace(y.Document.Date) ? null : y.Document.Date;
            if ((dx == null) != (dy == null))
            {
                return dx == null ? 1 : -1;
            }

            // ISO prefixes compare correctly as strings; a year alone sorts before any month of that year.
            var c = string.CompareOrdinal(dx, dy);
            if (c == 0)
            {
                c = string.CompareOrdinal(x.Document.DocId, y.Document.DocId);
            }

            if (c == 0)
            {
                c = x.Passage.Ordinal.CompareTo(y.Passage.Ordinal);
            }

            return c != 0 ? c : x.Alignment.Start.CompareTo(y.Alignment.Start);
        }
    }
}
