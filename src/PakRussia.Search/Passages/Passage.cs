using System.Text.Json.Serialization;

namespace PakRussia.Search.Passages;

/// <summary>What part of a document a passage is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PassageKind>))]
public enum PassageKind
{
    [JsonStringEnumMemberName("body")] Body,
    [JsonStringEnumMemberName("heading")] Heading,
    [JsonStringEnumMemberName("list")] List,
    [JsonStringEnumMemberName("footnote")] Footnote,
    [JsonStringEnumMemberName("quote")] Quote,
}

/// <summary>
/// The unit of retrieval: a paragraph-sized, sentence-aligned piece of one document's cleaned text.
/// <c>Text == document.CleanText[Start..End]</c> always holds.
/// </summary>
public sealed record Passage
{
    /// <summary>Stable id: <c>{docId}.p{ordinal}</c>, e.g. <c>pak-russia-ties.p3</c>.</summary>
    public required string PassageId { get; init; }
    public required string DocId { get; init; }
    /// <summary>0-based position of the passage in its document.</summary>
    public required int Ordinal { get; init; }
    public required PassageKind Kind { get; init; }
    /// <summary>The heading the passage stands under, if any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Section { get; init; }
    public required string Text { get; init; }
    /// <summary>Character offsets of <see cref="Text"/> in the document's cleaned text (end exclusive).</summary>
    public required int Start { get; init; }
    public required int End { get; init; }
    public required int WordCount { get; init; }
    /// <summary>Hash of the normalised text, used to find word-for-word repeats.</summary>
    public required string ContentHash { get; init; }
    /// <summary>The id of the earlier passage this one repeats word for word (forum re-quotes), or null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? DuplicateOf { get; init; }
    /// <summary>For footnote passages: the footnote's number in the source.</summary>
    public int? FootnoteNumber { get; init; }
    /// <summary>For forum threads: 1-based number of the post the passage belongs to.</summary>
    public int? PostNumber { get; init; }

    public static string MakeId(string docId, int ordinal) => $"{docId}.p{ordinal}";
}
