using System.Text.Json.Serialization;
using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Search;

/// <summary>A document's metadata and passage count, as <c>docs --json</c> and the API list them.</summary>
public sealed record DocumentSummary
{
    public required string DocId { get; init; }
    public required string Title { get; init; }
    public required string SourceType { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Site { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Author { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Date { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DatePrecision? DatePrecision { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? DateEvidence { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? Year { get; init; }
    public string? Url { get; init; }
    public required string Path { get; init; }
    public required int Passages { get; init; }
    public required bool Inferred { get; init; }
    /// <summary>What reading the file repaired ("bad.txt: 8 invalid byte sequences replaced …"); empty when nothing.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>The document's content hash (the corpus fingerprint is over these and the settings); null when not known.</summary>
    public string? ContentHash { get; init; }

    public static DocumentSummary From(DocumentMetadata meta, string path, int passages, IReadOnlyList<string>? warnings = null) => new()
    {
        DocId = meta.DocId,
        Title = meta.Title,
        SourceType = meta.SourceType,
        Site = meta.Site,
        Author = meta.Author,
        Date = meta.Date,
        DatePrecision = meta.DatePrecision,
        DateEvidence = meta.DateEvidence,
        Year = meta.Year,
        Url = meta.Url,
        Path = path,
        Passages = passages,
        Inferred = meta.Inferred,
        Warnings = warnings ?? [],
    };
}

/// <summary>A passage with its neighbours, its document and a citation (<c>show --json</c>, <c>GET /api/passages/{id}</c>).</summary>
public sealed record PassageView(Passage Passage, IReadOnlyList<Passage> Before, IReadOnlyList<Passage> After, DocumentSummary Document, string Citation, IReadOnlyList<string> Duplicates)
{
    /// <summary>The passage cited in every style (plain, apa, bibtex, ris); <see cref="Citation"/> is the plain one.</summary>
    public Citations.CitationSet? Citations { get; init; }
}

/// <summary>A document and its passages in order (<c>passages --json</c>, <c>GET /api/documents/{id}</c>).</summary>
public sealed record DocumentView(DocumentSummary Document, IReadOnlyList<Passage> Passages);

/// <summary>Counts for /health and the CLI summary.</summary>
public sealed record IndexStats(long Documents, long Passages, string Generation, string? BuiltAt, string? Source)
{
    /// <summary>The generation's corpus fingerprint (<see cref="Indexing.ResultsFingerprint"/>).</summary>
    public string CorpusFingerprint { get; init; } = "";
}
