using PakRussia.Search.Passages;

namespace PakRussia.Search.Corpus;

/// <summary>
/// One structural unit of a cleaned document (a paragraph, a list item, a heading, a footnote, a quoted block),
/// in reading order. The passage builder lays blocks out into the cleaned text and groups them into passages.
/// </summary>
public sealed record CleanedBlock(PassageKind Kind, string Text)
{
    /// <summary>The heading this block stands under (for a heading: its own text).</summary>
    public string? Section { get; init; }
    /// <summary>Forum threads: 1-based post number.</summary>
    public int? PostNumber { get; init; }
    /// <summary>Footnotes: the footnote's number in the source.</summary>
    public int? FootnoteNumber { get; init; }
    /// <summary>True for a short line that introduces the list after it ("This article explains:").</summary>
    public bool IntroducesList { get; init; }
}
