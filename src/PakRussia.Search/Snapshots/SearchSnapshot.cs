using System.Reflection;
using PakRussia.Search.Citations;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;

namespace PakRussia.Search.Snapshots;

/// <summary>
/// A saved result set (<c>pakrussia search … --snapshot FILE</c>, the page's "Save this search"): the search as it was
/// asked, the program and the corpus it ran on, and everything it found, so <c>pakrussia snapshot check</c> can rerun it
/// and say what changed. JSON, format <see cref="FormatName"/>, version <see cref="CurrentVersion"/> (README: Snapshots).
/// </summary>
public sealed record SearchSnapshot
{
    public const string FormatName = "pakrussia-snapshot";
    public const int CurrentVersion = 1;

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = CurrentVersion;
    /// <summary>The program that made it ("PakRussia.Search 1.0.0+…").</summary>
    public string Product { get; init; } = "";
    /// <summary>When it was made (UTC, ISO 8601).</summary>
    public string CreatedAt { get; init; } = "";
    public string CorpusFingerprint { get; init; } = "";
    /// <summary>The index generation that answered (informational: a rebuild of the same corpus has another id).</summary>
    public string? Generation { get; init; }
    public SnapshotSearch Search { get; init; } = new();
    public long Total { get; init; }
    /// <summary>False when the search matched more passages than a snapshot keeps (<see cref="SearchLimits.MaxResultWindow"/>).</summary>
    public bool HitsComplete { get; init; } = true;
    public FacetSet Facets { get; init; } = new();
    public IReadOnlyList<SnapshotHit> Hits { get; init; } = [];
    /// <summary>The corpus the search ran on: every document's id, title and content hash (up to <see cref="MaxDocuments"/>).</summary>
    public IReadOnlyList<SnapshotDocument> Documents { get; init; } = [];
    /// <summary>False when the corpus had more than <see cref="MaxDocuments"/> documents: then only the hits' documents are listed.</summary>
    public bool DocumentsComplete { get; init; } = true;
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Most documents listed in full; a larger corpus lists only the documents of the hits.</summary>
    public const int MaxDocuments = 100_000;

    /// <summary>"PakRussia.Search" and the engine assembly's informational version.</summary>
    public static string ProductVersion { get; } = "PakRussia.Search " + (typeof(SearchSnapshot).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    /// <summary>The snapshot of <paramref name="results"/>, the answer to <paramref name="request"/>.</summary>
    public static SearchSnapshot From(SearchRequest request, ResultSet results, DateTimeOffset now)
    {
        var complete = results.Documents.Count <= MaxDocuments;
        var hitDocs = complete ? null : results.Hits.Select(h => h.DocId).ToHashSet(StringComparer.Ordinal);
        return new SearchSnapshot
        {
            Product = ProductVersion,
            CreatedAt = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            CorpusFingerprint = results.CorpusFingerprint,
            Generation = results.Generation,
            Search = SnapshotSearch.Of(request),
            Total = results.Total,
            HitsComplete = results.Total <= results.Hits.Count,
            Facets = results.Facets,
            Hits = results.Hits.Select(h => new SnapshotHit(h.Rank, h.PassageId, h.DocId, h.Score, h.TextHash, h.Citation)).ToList(),
            Documents = results.Documents.Where(d => hitDocs is null || hitDocs.Contains(d.DocId))
                .Select(d => new SnapshotDocument(d.DocId, d.Title, d.ContentHash)).ToList(),
            DocumentsComplete = complete,
            Warnings = results.Warnings,
        };
    }
}

/// <summary>The search a snapshot ran: the query, the filters, the sort and the citation style.</summary>
public sealed record SnapshotSearch
{
    public string Query { get; init; } = "";
    public bool Any { get; init; }
    /// <summary>Every word required (<c>--all</c>); absent (false) in files written before it existed.</summary>
    public bool All { get; init; }
    public bool Strict { get; init; }
    /// <summary>Searched exactly as typed, without the corpus's aliases (absent in snapshots saved before aliases: false).</summary>
    public bool NoAliases { get; init; }
    public IReadOnlyList<string> Sources { get; init; } = [];
    public IReadOnlyList<int> Years { get; init; } = [];
    public string? From { get; init; }
    public string? To { get; init; }
    public IReadOnlyList<string> Docs { get; init; } = [];
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>relevance, date or date-asc.</summary>
    public string Sort { get; init; } = "relevance";
    /// <summary>The style of the hits' citations: plain, apa, bibtex or ris.</summary>
    public string Style { get; init; } = "plain";

    public static SnapshotSearch Of(SearchRequest request) => new()
    {
        Query = request.Query,
        Any = request.Any,
        All = request.All,
        Strict = request.Strict,
        NoAliases = request.NoAliases,
        Sources = request.Sources,
        Years = request.Years,
        From = request.From,
        To = request.To,
        Docs = request.Docs,
        Authors = request.Authors,
        Sort = SortName(request.Sort),
        Style = request.Style.ToString().ToLowerInvariant(),
    };

    public static string SortName(SearchSort sort) => sort switch
    {
        SearchSort.Date => "date",
        SearchSort.DateAscending => "date-asc",
        _ => "relevance",
    };

    /// <summary>The request that reruns this search; null <paramref name="problem"/> when every value is one we know.</summary>
    public SearchRequest ToRequest(out string? problem)
    {
        problem = null;
        var sort = Sort switch
        {
            "relevance" => SearchSort.Relevance,
            "date" => SearchSort.Date,
            "date-asc" => SearchSort.DateAscending,
            _ => (SearchSort?)null,
        };
        if (sort is null)
            problem = $"unknown sort '{Sort}'";
        if (!CitationFormatter.TryParseStyle(Style, out var style))
            problem ??= $"unknown citation style '{Style}'";
        return new SearchRequest
        {
            Query = Query,
            Any = Any,
            All = All,
            Strict = Strict,
            NoAliases = NoAliases,
            Sources = Sources,
            Years = Years,
            From = From,
            To = To,
            Docs = Docs,
            Authors = Authors,
            Sort = sort ?? SearchSort.Relevance,
            Style = style,
        };
    }
}

/// <summary>One hit: its rank, passage and document ids, BM25 score (4 decimals), a hash of its exact text, its citation.</summary>
public sealed record SnapshotHit(int Rank, string PassageId, string DocId, double Score, string TextHash, string Citation);

/// <summary>One document of the corpus: id, title and content hash (raw text, metadata and ingestion version).</summary>
public sealed record SnapshotDocument(string DocId, string Title, string ContentHash);

/// <summary>A snapshot file that cannot be read: not JSON, not a snapshot, another version. The message is for users.</summary>
public sealed class SnapshotException(string message) : Exception(message);
