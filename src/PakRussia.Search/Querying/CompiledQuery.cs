namespace PakRussia.Search.Querying;

/// <summary>
/// A user's query translated for the searcher: an FTS5 MATCH expression over the passage index plus SQL
/// filters on metadata. Produced by <c>QueryCompiler</c>; consumed by the searcher. Every string in
/// <see cref="Match"/> is already quoted for FTS5, so it can never cause an FTS5 syntax error.
/// </summary>
public sealed record CompiledQuery
{
    /// <summary>The FTS5 expression rows must match; null when the query has no positive text clause.</summary>
    public string? Match { get; init; }

    /// <summary>
    /// The OR-of-words expression to fall back to when the default operator is AND and <see cref="Match"/>
    /// finds nothing; null when there is no sensible fallback (a single clause, explicit operators, --any).
    /// </summary>
    public string? Fallback { get; init; }

    /// <summary>
    /// For a query with only negative clauses (<c>-russia</c>, <c>NOT taliban</c>): the FTS5 expression whose rows
    /// are excluded from all passages. Null otherwise (negations then live inside <see cref="Match"/>).
    /// </summary>
    public string? ExcludeOnly { get; init; }

    /// <summary>Metadata filters, all of which must hold (AND); the values inside one filter combine with OR.</summary>
    public IReadOnlyList<MetadataFilter> Filters { get; init; } = [];

    /// <summary>Per-column BM25 weights requested by boosts on fields (<c>title:x^3</c>); null = the searcher's defaults.</summary>
    public ColumnWeights? Weights { get; init; }

    /// <summary>What the lenient parser repaired or ignored, in words a user understands.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The positive words of the query as typed (for "did you mean").</summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>How the query was read: tree, FTS5 text, filters, dropped stop words, expansions.</summary>
    public QueryExplanation? Explanation { get; init; }
}

/// <summary>BM25 weights of the FTS5 columns (text, title, section).</summary>
public sealed record ColumnWeights(double Text, double Title, double Section);

/// <summary>A filter on document or passage metadata, applied in SQL, not in FTS5.</summary>
public abstract record MetadataFilter(MetadataField Field);

/// <summary>The field equals one of the values (OR); with <see cref="Negated"/>, it equals none of them.</summary>
public sealed record ValueFilter(MetadataField Field, IReadOnlyList<string> Values, bool Negated = false) : MetadataFilter(Field);

/// <summary>
/// The field lies in a range; an open end is null. For <see cref="MetadataField.Year"/> the bounds are years
/// ("2014"); for <see cref="MetadataField.Date"/> ISO dates ("2014-01-01", "2014-03" or "2014").
/// </summary>
public sealed record RangeFilter(MetadataField Field, string? Lower, bool LowerInclusive, string? Upper, bool UpperInclusive) : MetadataFilter(Field);

/// <summary>Metadata a query can filter on.</summary>
public enum MetadataField { Source, Author, Doc, Kind, Year, Date }

/// <summary>How a query was read, for <c>--explain</c>.</summary>
public sealed record QueryExplanation
{
    /// <summary>The parse tree printed one node per line, indented.</summary>
    public required string Tree { get; init; }
    public string? Match { get; init; }
    public IReadOnlyList<string> Filters { get; init; } = [];
    public IReadOnlyList<string> StopWordsDropped { get; init; } = [];
    /// <summary>Wildcard, fuzzy and prefix expansions: "kremlim~ → kremlin, kremlins".</summary>
    public IReadOnlyList<string> Expansions { get; init; } = [];
}

/// <summary>Options for compiling a query.</summary>
public sealed record QueryOptions
{
    /// <summary>Strict: a malformed query throws <c>QueryParseException</c>. Lenient (default): repair and warn.</summary>
    public bool Strict { get; init; }
    /// <summary>True: bare words combine with OR (--any). False: AND, with an OR fallback.</summary>
    public bool AnyWord { get; init; }
    /// <summary>
    /// True: the query is free text (a claim, a pasted sentence), not query syntax: only its words are searched
    /// (see <see cref="QueryCompiler.PlainWords"/>); quotes, parentheses, '-', ':' and the like mean nothing.
    /// </summary>
    public bool PlainText { get; init; }
    /// <summary>Bounds on length, clauses, nesting and expansions; <see cref="QueryLimits.Default"/> unless set.</summary>
    public QueryLimits Limits { get; init; } = QueryLimits.Default;
}

/// <summary>The index's vocabulary of surface words (lower-case, diacritics removed), for expansions and suggestions.</summary>
public interface IVocabulary
{
    /// <summary>Terms starting with <paramref name="prefix"/>, most documents first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<VocabularyTerm> TermsWithPrefix(string prefix, int limit);

    /// <summary>
    /// Candidate terms for fuzzy and wildcard matching: length within [min, max] and starting with
    /// <paramref name="startsWith"/> (may be empty). Callers filter further; implementations stream.
    /// </summary>
    IEnumerable<VocabularyTerm> Candidates(int minLength, int maxLength, string startsWith);

    /// <summary>Number of passages containing the term (0 when absent).</summary>
    long DocumentCount(string term);
}

/// <summary>A vocabulary entry.</summary>
public readonly record struct VocabularyTerm(string Term, long DocumentCount);
