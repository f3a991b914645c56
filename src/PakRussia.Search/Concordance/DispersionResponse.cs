using System.Text.Json.Serialization;
using PakRussia.Search.Search;

namespace PakRussia.Search.Concordance;

/// <summary>Where in each document a term occurs (<c>dispersion</c>).</summary>
public sealed record DispersionRequest
{
    /// <summary>A word (with its stemmed forms) or a quoted phrase.</summary>
    public string Term { get; init; } = "";
    /// <summary>The search filters; the query text is not used.</summary>
    public SearchRequest Filters { get; init; } = new();
    /// <summary>How many documents to list, most occurrences first (1–<see cref="MaxTop"/>).</summary>
    public int Top { get; init; } = 100;

    public const int MaxTop = 1000;
}

/// <summary>
/// <c>dispersion --json</c>, <c>GET /api/dispersion</c>: per document its length in characters of cleaned text, the
/// term's occurrences and where each starts (a character offset in the cleaned text, as passages' start/end are).
/// </summary>
public sealed record DispersionResponse
{
    public required string Term { get; init; }
    /// <summary>"characters": lengths and offsets count characters of the document's cleaned text.</summary>
    public string Unit { get; init; } = "characters";
    /// <summary>Documents with at least one occurrence (before <see cref="DispersionRequest.Top"/>).</summary>
    public required int TotalDocuments { get; init; }
    /// <summary>Occurrences in every document together.</summary>
    public required long Total { get; init; }
    /// <summary>Documents, most occurrences first, then by id.</summary>
    public required IReadOnlyList<DispersionDocument> Documents { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public required double TookMs { get; init; }
    [JsonIgnore]
    public string? Generation { get; init; }
}

public sealed record DispersionDocument
{
    public required string DocId { get; init; }
    public required string Title { get; init; }
    public required string SourceType { get; init; }
    public int? Year { get; init; }
    /// <summary>Characters of the document's cleaned text.</summary>
    public required int Length { get; init; }
    public required int Count { get; init; }
    /// <summary>Start of each occurrence in the cleaned text, in order (passage start + offset in the passage).</summary>
    public required IReadOnlyList<int> Offsets { get; init; }
}
