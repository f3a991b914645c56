using System.Text.Json.Serialization;
using PakRussia.Search.Search;

namespace PakRussia.Search.Concordance;

/// <summary>Frequency over time: one or more terms, counted per year over the passages the filters leave.</summary>
public sealed record TrendRequest
{
    /// <summary>Words (with their stemmed forms) or quoted phrases, 1 to <see cref="TrendLimits.MaxTerms"/>.</summary>
    public IReadOnlyList<string> Terms { get; init; } = [];
    /// <summary>The search filters (source, year, from/to, doc, author); the query text is not used.</summary>
    public SearchRequest Filters { get; init; } = new();
    /// <summary>One row per year and source type instead of per year.</summary>
    public bool BySource { get; init; }
}

/// <summary>Limits of the corpus statistics.</summary>
public static class TrendLimits
{
    public const int MaxTerms = 10;
}

/// <summary>
/// <c>trend --json</c>, <c>GET /api/trend</c>: per year (and source type with <see cref="BySource"/>), the words of text
/// that year, its documents, and per term the occurrences, the occurrences per 10,000 words and the documents that have it.
/// </summary>
public sealed record TrendResponse
{
    public required IReadOnlyList<string> Terms { get; init; }
    public bool BySource { get; init; }
    /// <summary>Years in order; undated text last (year left out).</summary>
    public required IReadOnlyList<TrendYear> Years { get; init; }
    /// <summary>Words of every year together (the subcorpus's size).</summary>
    public required long Words { get; init; }
    /// <summary>Occurrences of each term over every year.</summary>
    public required IReadOnlyDictionary<string, long> Counts { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public required double TookMs { get; init; }
    [JsonIgnore]
    public string? Generation { get; init; }
}

/// <summary>One year (or year and source type) of a <see cref="TrendResponse"/>.</summary>
public sealed record TrendYear
{
    /// <summary>The year; null for undated documents.</summary>
    public int? Year { get; init; }
    /// <summary>The source type when split by source.</summary>
    public string? Source { get; init; }
    /// <summary>Words of text that year (tokens of the searchable passages: word-for-word repeats count once).</summary>
    public required long Words { get; init; }
    /// <summary>Searchable passages that year.</summary>
    public required long Passages { get; init; }
    /// <summary>Documents with text that year.</summary>
    public required long TotalDocuments { get; init; }
    /// <summary>Occurrences of each term.</summary>
    public required IReadOnlyDictionary<string, long> Counts { get; init; }
    /// <summary>Occurrences per 10,000 words of that year's text (0 when the year has no words).</summary>
    public required IReadOnlyDictionary<string, double> Per10k { get; init; }
    /// <summary>Documents that have the term at least once.</summary>
    public required IReadOnlyDictionary<string, long> Documents { get; init; }
}
