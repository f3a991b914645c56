using PakRussia.Search.Search;

namespace PakRussia.Search.Concordance;

/// <summary>A concordance page (<c>pakrussia kwic --json</c>, <c>GET /api/kwic</c>).</summary>
public sealed record KwicResponse
{
    public required string Query { get; init; }
    /// <summary>Lines over every page: one per occurrence of the query's match in passage text.</summary>
    public required long Total { get; init; }
    /// <summary>Passages with at least one line (copies included with <c>withCopies</c>).</summary>
    public required long Passages { get; init; }
    public required int Page { get; init; }
    public required int PerPage { get; init; }
    public required int Width { get; init; }
    /// <summary>"doc", "date", "1L", "2L", "1R" or "2R".</summary>
    public required string Sort { get; init; }
    public string? Near { get; init; }
    public int? Window { get; init; }
    public bool WithCopies { get; init; }
    public required IReadOnlyList<KwicLine> Lines { get; init; }
    /// <summary>Facet counts as search counts them: over the passages the query matches, each facet with every selection but its own.</summary>
    public required FacetSet Facets { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public required double TookMs { get; init; }
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Generation { get; init; }
}

/// <summary>One occurrence: its passage, the words before and after it, and where it is in the passage text.</summary>
public sealed record KwicLine
{
    public required string PassageId { get; init; }
    public required string DocId { get; init; }
    public required string Title { get; init; }
    public int? Year { get; init; }
    public string? Date { get; init; }
    public required string SourceType { get; init; }
    public string? Author { get; init; }
    /// <summary>Up to <see cref="KwicRequest.Width"/> words before the match (white space folded to single spaces).</summary>
    public required string Left { get; init; }
    /// <summary>The match as written.</summary>
    public required string Match { get; init; }
    public required string Right { get; init; }
    /// <summary>Character offset of the match in the stored passage text.</summary>
    public required int Start { get; init; }
    /// <summary>Character offset just past the match.</summary>
    public required int End { get; init; }
    /// <summary>Set when the passage repeats <see cref="PassageId"/>'s original word for word (with copies only).</summary>
    public string? CopyOf { get; init; }
    public required string Citation { get; init; }
}
