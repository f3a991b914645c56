namespace PakRussia.Search.Search;

/// <summary>Sort orders a search accepts.</summary>
public enum SearchSort { Relevance, Date, DateAscending }

/// <summary>One search: the query text plus filters, sort and paging, as the CLI and the API receive them.</summary>
public sealed record SearchRequest
{
    public string Query { get; init; } = "";
    /// <summary>Any word may match (OR) instead of all words (AND with an OR fallback).</summary>
    public bool Any { get; init; }
    /// <summary>Every word is required: no passages with most of the words (a sentence-like query's default), no OR fallback.</summary>
    public bool All { get; init; }
    /// <summary>The query is free text: only its words are searched, with no query syntax (evaluation topics, pasted sentences).</summary>
    public bool PlainText { get; init; }
    /// <summary>A malformed query is an error instead of being repaired.</summary>
    public bool Strict { get; init; }
    /// <summary>Search exactly what was typed: no alias of the corpus's alias list, no case-sensitive names.</summary>
    public bool NoAliases { get; init; }
    public IReadOnlyList<string> Sources { get; init; } = [];
    public IReadOnlyList<int> Years { get; init; } = [];
    /// <summary>Lower date bound: a year ("2014"), a month ("2014-03") or a day ("2014-03-05").</summary>
    public string? From { get; init; }
    /// <summary>Upper date bound, like <see cref="From"/>.</summary>
    public string? To { get; init; }
    public IReadOnlyList<string> Docs { get; init; } = [];
    public IReadOnlyList<string> Authors { get; init; } = [];
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 10;
    /// <summary>Include how the query was read.</summary>
    public bool Explain { get; init; }
    /// <summary>Count facets (on by default; off saves the per-document count over all matches).</summary>
    public bool Facets { get; init; } = true;
    /// <summary>This search's time budget, instead of the searcher's <see cref="Searcher.TimeBudget"/>.</summary>
    public TimeSpan? TimeBudget { get; init; }
    /// <summary>The style of each hit's citation.</summary>
    public Citations.CitationStyle Style { get; init; } = Citations.CitationStyle.Plain;
    /// <summary>
    /// The fields unfielded words search, with their boosts (null: text 1, title 2, section 1). Benchmarks set text alone
    /// to search as the peers' harnesses do.
    /// </summary>
    public IReadOnlyDictionary<string, float>? Fields { get; init; }
}

/// <summary>A ranked passage without text or highlights (evaluation, benchmarks).</summary>
public readonly record struct RankedPassage(string PassageId, string DocId, double Score);

/// <summary>What <see cref="Searcher.Top"/> found: the total, the facets, the best passages, the generation, and whether the OR fallback ran.</summary>
public sealed record TopPassages(long Total, IReadOnlyList<RankedPassage> Hits, FacetSet Facets, string Generation, bool FellBack);

/// <summary>Limits on what a request may ask for.</summary>
public static class SearchLimits
{
    public const int MaxPageSize = 100;
    /// <summary>Results past this rank cannot be paged to (deep paging costs grow with depth).</summary>
    public const int MaxResultWindow = 10_000;
    public const int MaxFilterValues = 50;
    public const int MaxContext = 20;
    /// <summary>Passages longer than this get a snippet around their densest matches.</summary>
    public const int SnippetThreshold = 480;
    public const int SnippetLength = 320;
    /// <summary>How long one search may run before it is interrupted (<see cref="Searcher.TimeBudget"/>).</summary>
    public static readonly TimeSpan DefaultTimeBudget = TimeSpan.FromSeconds(1);
}

/// <summary>A request the searcher cannot honour (bad page, size, sort or filter value); the message says why.</summary>
public sealed class SearchRequestException(string message) : Exception(message);

/// <summary>
/// The search ran past its time budget (<see cref="Searcher.TimeBudget"/>) and was stopped where it was (between steps, or while Lucene collected matches): the
/// query is too expensive (or the machine too busy) to answer in time. The CLI exits 2; the API answers 503 with
/// Retry-After, since the same query may pass on an idle server.
/// </summary>
public sealed class QueryTimeoutException(string message, TimeSpan budget) : Exception(message)
{
    /// <summary>The budget that ran out.</summary>
    public TimeSpan Budget { get; } = budget;
}
