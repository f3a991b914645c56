namespace PakRussia.Search.Querying;

/// <summary>
/// Bounds on the work one query may cause. Length, clauses and depth are checked on the raw text and the token
/// list before any recursion or vocabulary scan, and exceeding them throws <see cref="QueryLimitException"/> in
/// both strict and lenient mode. Expansion caps are not errors: the expansion is cut and a warning says so.
/// </summary>
public sealed record QueryLimits
{
    /// <summary>The defaults described below.</summary>
    public static QueryLimits Default { get; } = new();

    /// <summary>Longest query, in UTF-16 characters. Default 1,000.</summary>
    public int MaxLength { get; init; } = 1_000;

    /// <summary>Most clauses (words, phrases, field values; operators not counted). Default 64.</summary>
    public int MaxClauses { get; init; } = 64;

    /// <summary>Deepest nesting of parentheses and fields (<c>title:(</c> counts 2). Default 16.</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>Most vocabulary words one wildcard or fuzzy term expands to (most frequent kept). Default 50.</summary>
    public int MaxExpansionsPerTerm { get; init; } = 50;

    /// <summary>Most expanded words over the whole query. Default 200.</summary>
    public int MaxTotalExpansions { get; init; } = 200;

    /// <summary>Fewest letters before the first <c>*</c> or <c>?</c> (<c>a*</c>, <c>*stan</c> are refused). Default 2.</summary>
    public int MinPrefixLength { get; init; } = 2;

    /// <summary>Largest proximity (<c>"a b"~n</c>); larger values are lowered to it with a warning. Default 100.</summary>
    public int MaxSlop { get; init; } = 100;
}
