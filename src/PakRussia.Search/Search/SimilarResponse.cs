namespace PakRussia.Search.Search;

/// <summary>
/// A similarity search: from one passage (<see cref="PassageId"/>), one document (<see cref="DocId"/>) or pasted text
/// (<see cref="Text"/>); exactly one is set. <see cref="Filters"/> restricts the results as a search's filters do (its
/// query text is not used).
/// </summary>
public sealed record SimilarRequest
{
    public string? PassageId { get; init; }
    public string? DocId { get; init; }
    public string? Text { get; init; }

    /// <summary>How many passages (or documents) to return (1–100).</summary>
    public int Top { get; init; } = 10;

    public SearchRequest Filters { get; init; } = new();
    public SimilarSettings Settings { get; init; } = SimilarSettings.Default;
}

/// <summary>Passages like a passage or a pasted text (<c>similar --json</c>, <c>GET /api/passages/{id}/similar</c>, <c>GET /api/similar</c>).</summary>
public sealed record SimilarResponse
{
    /// <summary>"passage" or "text".</summary>
    public required string From { get; init; }
    /// <summary>The source passage's id (null for text).</summary>
    public string? PassageId { get; init; }
    /// <summary>The words that stood for the source, as indexed (stemmed), with their field and boost.</summary>
    public required IReadOnlyList<SimilarTerm> Terms { get; init; }
    /// <summary>Passages that matched any of the words (after filters, without the source and its copies).</summary>
    public required long Total { get; init; }
    public required IReadOnlyList<SimilarHit> Hits { get; init; }
    /// <summary>Passages left out because they repeat the source word for word (in this document or another).</summary>
    public IReadOnlyList<string> Copies { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public required double TookMs { get; init; }
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Generation { get; init; }
}

/// <summary>A similar passage: the search hit (highlights mark the shared words) and the shared words as written.</summary>
public sealed record SimilarHit
{
    public required SearchHit Hit { get; init; }
    /// <summary>The source's words this passage has (as this passage writes them), in the order they first occur: text, then section, then title.</summary>
    public required IReadOnlyList<string> SharedTerms { get; init; }
}

/// <summary>Documents like a document (<c>similar --doc --json</c>, <c>GET /api/documents/{id}/similar</c>).</summary>
public sealed record SimilarDocumentsResponse
{
    public required string DocId { get; init; }
    public required IReadOnlyList<SimilarTerm> Terms { get; init; }
    /// <summary>Documents with at least one matching passage.</summary>
    public required long Total { get; init; }
    public required IReadOnlyList<SimilarDocument> Documents { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public required double TookMs { get; init; }
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Generation { get; init; }
}

/// <summary>
/// A similar document: its score is the sum of its best <see cref="SimilarSearch.PassagesPerDocument"/> passages' scores
/// (one long document does not win by one lucky passage, nor by many weak ones), and those passages.
/// </summary>
public sealed record SimilarDocument
{
    public required DocumentSummary Document { get; init; }
    public required double Score { get; init; }
    public required IReadOnlyList<SimilarHit> Passages { get; init; }
    public required IReadOnlyList<string> SharedTerms { get; init; }
}

/// <summary>Limits of similarity searches.</summary>
public static class SimilarSearch
{
    public const int MaxTop = 100;
    /// <summary>Longest pasted text accepted, in characters (as quote lookup; it fits the server's 8 KB request line, encoded).</summary>
    public const int MaxTextLength = 3000;
    /// <summary>A document scores as the sum of this many of its best passages.</summary>
    public const int PassagesPerDocument = 3;
    /// <summary>Passages ranked before they are grouped into documents.</summary>
    public const int DocumentDepth = 2000;
}
