using PakRussia.Search.Search;

namespace PakRussia.Search.Concordance;

/// <summary>How concordance lines are ordered (AntConc's sorts, plus document order and date).</summary>
public enum KwicSort
{
    /// <summary>By document id, then passage ordinal, then position in the passage (the default).</summary>
    Document,
    /// <summary>Newest document first (undated last), then document order.</summary>
    Date,
    /// <summary>By the first word left of the match, then the second, then document order.</summary>
    Left1,
    /// <summary>By the second word left of the match, then the first, then document order.</summary>
    Left2,
    /// <summary>By the first word right of the match, then the second, then document order.</summary>
    Right1,
    /// <summary>By the second word right of the match, then the first, then document order.</summary>
    Right2,
}

/// <summary>
/// A concordance: every occurrence of what <see cref="Search"/>'s query matches in passage text, with
/// <see cref="Width"/> words each side. <see cref="Search"/> carries the query, its options (any, all, strict) and the
/// filters, read as a search reads them; its page and page size are not used (see <see cref="Page"/>, <see cref="PerPage"/>).
/// </summary>
public sealed record KwicRequest
{
    public SearchRequest Search { get; init; } = new();
    /// <summary>Words of context each side (1–<see cref="KwicLimits.MaxWidth"/>).</summary>
    public int Width { get; init; } = 8;
    public KwicSort Sort { get; init; } = KwicSort.Document;
    /// <summary>1-based page over all lines.</summary>
    public int Page { get; init; } = 1;
    public int PerPage { get; init; } = 50;
    /// <summary>Also the lines of word-for-word repeats of a matching passage (they are stored but not searchable).</summary>
    public bool WithCopies { get; init; }
    /// <summary>Only lines with this word (surface form, any case) within <see cref="Window"/> words of the match.</summary>
    public string? Near { get; init; }
    /// <summary>The window of <see cref="Near"/>, in words each side (1–<see cref="KwicLimits.MaxWindow"/>).</summary>
    public int Window { get; init; } = 5;
    /// <summary>Every line at once, for an export (at most <see cref="KwicLimits.MaxExportLines"/>); paging is ignored.</summary>
    public bool All { get; init; }
}

/// <summary>Limits of a concordance or collocates request.</summary>
public static class KwicLimits
{
    public const int MaxWidth = 30;
    public const int MaxPerPage = 500;
    public const int MaxWindow = 10;
    /// <summary>Lines one export writes at most.</summary>
    public const int MaxExportLines = 100_000;
    /// <summary>Occurrences one request reads at most (sorting, collocates, near): past it, narrow with filters.</summary>
    public const int MaxOccurrences = 200_000;
    public const int MaxCollocates = 1000;
}
