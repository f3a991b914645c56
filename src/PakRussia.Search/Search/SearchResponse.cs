using PakRussia.Search.Querying;

namespace PakRussia.Search.Search;

/// <summary>The answer to a search, shared by the CLI's --json and the HTTP API.</summary>
public sealed record SearchResponse
{
    public required string Query { get; init; }
    public required long Total { get; init; }
    /// <summary>
    /// For a sentence-like query (three or more words) ranked by relevance: how many of the <see cref="Total"/> passages have
    /// every word (they are listed first; the others have most of the words and say which they lack). Null otherwise.
    /// </summary>
    public long? AllWords { get; init; }
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required double TookMs { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<SearchHit> Hits { get; init; } = [];
    public required FacetSet Facets { get; init; }
    /// <summary>A corrected query when this one found nothing or very little.</summary>
    public string? Suggestion { get; init; }
    public QueryExplanation? Explain { get; init; }
    /// <summary>The aliases the query's names were also searched as (aliases.txt); empty with aliases off or none in the query.</summary>
    public IReadOnlyList<AliasExpansion> Expansions { get; init; } = [];
    /// <summary>
    /// True when this answer was kept from the same search of the same generation a moment ago (the server keeps recent
    /// answers, <see cref="Searcher.ResultCacheBytes"/>); <see cref="TookMs"/> is then the time to find it. Absent otherwise.
    /// </summary>
    public bool? Cached { get; init; }
    /// <summary>The corpus fingerprint of the generation that answered (see <see cref="Indexing.ResultsFingerprint"/>).</summary>
    public string? CorpusFingerprint { get; init; }
    /// <summary>The index generation that answered (one per build); not in the JSON body (the API sends it as X-Index-Generation).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Generation { get; init; }
}

/// <summary>One ranked passage.</summary>
public sealed record SearchHit
{
    public required string PassageId { get; init; }
    public required string DocId { get; init; }
    public required string Title { get; init; }
    public required string SourceType { get; init; }
    public string? Date { get; init; }
    public int? Year { get; init; }
    public string? Author { get; init; }
    public string? Section { get; init; }
    public required int Ordinal { get; init; }
    public required string Kind { get; init; }
    public required double Score { get; init; }
    /// <summary>The passage text, plain.</summary>
    public required string Text { get; init; }
    /// <summary>The text HTML-escaped, with every match in &lt;mark&gt;…&lt;/mark&gt;.</summary>
    public required string Highlight { get; init; }
    /// <summary>For long passages: an HTML window around the densest matches; null otherwise.</summary>
    public string? Snippet { get; init; }
    /// <summary>Match offsets in <see cref="Text"/> (end exclusive).</summary>
    public IReadOnlyList<MatchSpan> Matches { get; init; } = [];
    /// <summary>The document title, HTML-escaped with &lt;mark&gt;s, when the query matched in the title; null otherwise.</summary>
    public string? TitleHighlight { get; init; }
    /// <summary>The section heading, HTML-escaped with &lt;mark&gt;s, when the query matched in it; null otherwise.</summary>
    public string? SectionHighlight { get; init; }
    /// <summary>Offsets of the passage in its document's cleaned text.</summary>
    public required int Start { get; init; }
    public required int End { get; init; }
    /// <summary>The query's words (as typed) this passage lacks, when a sentence-like query listed it for most of its words; null when it has them all.</summary>
    public IReadOnlyList<string>? Missing { get; init; }
    /// <summary>Ids of passages that repeat this one word for word (collapsed into this hit).</summary>
    public IReadOnlyList<string> Duplicates { get; init; } = [];
    public required string Citation { get; init; }
    /// <summary>The aliases this passage matched by ("USSR matched as an alias of Soviet Union (aliases.txt line 3)"); null when none.</summary>
    public IReadOnlyList<string>? Aliases { get; init; }
}

/// <summary>A name of the query also searched as an alias: <see cref="Typed"/> as <see cref="Variant"/>, from <see cref="File"/> line <see cref="Line"/>.</summary>
public sealed record AliasExpansion(string Typed, string Variant, string File, int Line, string Text);

/// <summary>A match's character offsets.</summary>
public readonly record struct MatchSpan(int Start, int End);

/// <summary>Counts of matching passages by metadata value, over the whole result set.</summary>
public sealed record FacetSet
{
    public IReadOnlyList<FacetValue> SourceType { get; init; } = [];
    public IReadOnlyList<FacetValue> Year { get; init; } = [];
    public IReadOnlyList<FacetValue> Document { get; init; } = [];
    public IReadOnlyList<FacetValue> Author { get; init; } = [];
}

/// <summary>One facet value; <see cref="Label"/> is set for documents (their titles).</summary>
public sealed record FacetValue(string Value, long Count, string? Label = null);
