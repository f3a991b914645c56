using System.Text.Json.Serialization;

namespace PakRussia.Search.Corpus;

/// <summary>How precisely a document's date is known.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DatePrecision>))]
public enum DatePrecision
{
    [JsonStringEnumMemberName("year")] Year,
    [JsonStringEnumMemberName("month")] Month,
    [JsonStringEnumMemberName("day")] Day,
}

/// <summary>
/// What we know about one document: from the manifest in the corpus folder, from a JSON Lines record,
/// or inferred from the text itself (then <see cref="Inferred"/> is true).
/// </summary>
public sealed record DocumentMetadata
{
    /// <summary>Short stable id: lower-case letters, digits, '-' and '_' (at most 64 characters).</summary>
    public required string DocId { get; init; }
    public required string Title { get; init; }
    /// <summary>forum, news, explainer, academic, … (the set can grow).</summary>
    public required string SourceType { get; init; }
    public string? Site { get; init; }
    public string? Author { get; init; }
    /// <summary>ISO date at its real precision: "2017", "2017-03" or "2017-03-04".</summary>
    public string? Date { get; init; }
    public DatePrecision? DatePrecision { get; init; }
    /// <summary>One sentence saying why the document has this date.</summary>
    public string? DateEvidence { get; init; }
    public string? Url { get; init; }
    /// <summary>True when the metadata was guessed from the text rather than read from a manifest or record.</summary>
    public bool Inferred { get; init; }

    /// <summary>The year of <see cref="Date"/>, when there is one.</summary>
    [JsonIgnore]
    public int? Year => Date is { Length: >= 4 } d && int.TryParse(d.AsSpan(0, 4), out var y) ? y : null;
}
