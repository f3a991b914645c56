using PakRussia.Search.Indexing;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Search;

/// <summary>The facets a search counts; also the request filters that can be excluded from their own facet's counts.</summary>
public enum Facet { Source, Year, Document, Author }

/// <summary>
/// Document-level filters of one search: the request's facet selections (values within a facet combine
/// with OR, facets with AND) and the query's metadata filters. Kind filters are passage-level and are
/// applied in SQL instead.
/// </summary>
public sealed class DocumentFilter
{
    private readonly SearchRequest _request;
    private readonly IReadOnlyList<MetadataFilter> _queryFilters;
    private readonly (string First, string Last)? _from;
    private readonly (string First, string Last)? _to;

    public DocumentFilter(SearchRequest request, IReadOnlyList<MetadataFilter> queryFilters)
    {
        _request = request;
        _queryFilters = queryFilters.Where(f => f.Field != MetadataField.Kind).ToList();
        _from = ParseBound(request.From, "--from");
        _to = ParseBound(request.To, "--to");
        if (_from is { } f && _to is { } t && string.CompareOrdinal(f.First, t.Last) > 0)
        {
            throw new SearchRequestException($"The date range is reversed: from {request.From} is after to {request.To}.");
        }
    }

    /// <summary>True when the filters hold for the document, ignoring the request's selection in <paramref name="except"/>.</summary>
    public bool Allows(DocumentCatalog.Entry doc, Facet? except = null)
    {
        var meta = doc.Metadata;
        if (except != Facet.Source && _request.Sources.Count > 0 && !_request.Sources.Contains(meta.SourceType, StringComparer.OrdinalIgnoreCase))
            return false;
        if (except != Facet.Year && _request.Years.Count > 0 && !(meta.Year is { } y && _request.Years.Contains(y)))
            return false;
        if (except != Facet.Document && _request.Docs.Count > 0 && !_request.Docs.Contains(meta.DocId, StringComparer.Ordinal))
            return false;
        if (except != Facet.Author && _request.Authors.Count > 0 && !(meta.Author is { } a && _request.Authors.Contains(a, StringComparer.OrdinalIgnoreCase)))
            return false;
        // --from/--to belong to the year facet: a year bar chart shows the other years while a range is chosen.
        if (except != Facet.Year && !InDateRange(doc, _from?.First, _to?.Last))
            return false;
        return _queryFilters.All(filter => Holds(filter, doc));
    }

    /// <summary>True when no filter applies at all (every document is allowed).</summary>
    public bool IsEmpty =>
        _request.Sources.Count == 0 && _request.Years.Count == 0 && _request.Docs.Count == 0 && _request.Authors.Count == 0
        && _from is null && _to is null && _queryFilters.Count == 0;

    private static bool Holds(MetadataFilter filter, DocumentCatalog.Entry doc)
    {
        var meta = doc.Metadata;
        switch (filter)
        {
            case ValueFilter value:
                var hit = value.Field switch
                {
                    MetadataField.Source => value.Values.Contains(meta.SourceType, StringComparer.OrdinalIgnoreCase),
                    MetadataField.Doc => value.Values.Contains(meta.DocId, StringComparer.OrdinalIgnoreCase),
                    MetadataField.Author => meta.Author is { } author && value.Values.Any(v => author.Contains(v, StringComparison.OrdinalIgnoreCase)),
                    MetadataField.Year => meta.Year is { } year && value.Values.Contains(year.ToString()),
                    MetadataField.Date => value.Values.Any(v => DateRange.Parse(v) is { } d && InDateRange(doc, d.First, d.Last)),
                    _ => true,
                };
                return hit != value.Negated;
            case RangeFilter range when range.Field == MetadataField.Year:
                if (meta.Year is not { } y) return false;
                return (range.Lower is null || (int.TryParse(range.Lower, out var lo) && (range.LowerInclusive ? y >= lo : y > lo)))
                    && (range.Upper is null || (int.TryParse(range.Upper, out var hi) && (range.UpperInclusive ? y <= hi : y < hi)));
            case RangeFilter range when range.Field == MetadataField.Date:
                if (doc.DateFirst is null || doc.DateLast is null) return false;
                var lower = range.Lower is null ? null : DateRange.Parse(range.Lower);
                var upper = range.Upper is null ? null : DateRange.Parse(range.Upper);
                // Exclusive ends exclude the bound's whole span ({2014 TO …] starts after 2014).
                var okLower = lower is null || (range.LowerInclusive
                    ? string.CompareOrdinal(doc.DateLast, lower.Value.First) >= 0
                    : string.CompareOrdinal(doc.DateLast, lower.Value.Last) > 0);
                var okUpper = upper is null || (range.UpperInclusive
                    ? string.CompareOrdinal(doc.DateFirst, upper.Value.Last) <= 0
                    : string.CompareOrdinal(doc.DateFirst, upper.Value.First) < 0);
                return okLower && okUpper;
            default:
                return true;
        }
    }

    private static bool InDateRange(DocumentCatalog.Entry doc, string? first, string? last)
    {
        if (first is null && last is null) return true;
        if (doc.DateFirst is null || doc.DateLast is null) return false;
        // Overlap: a document dated only to a year matches a range that touches that year.
        return (first is null || string.CompareOrdinal(doc.DateLast, first) >= 0)
            && (last is null || string.CompareOrdinal(doc.DateFirst, last) <= 0);
    }

    private static (string First, string Last)? ParseBound(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateRange.Parse(text) ?? throw new SearchRequestException($"{option} '{text}' is not a date: use a year (2014), a month (2014-03) or a day (2014-03-05).");
    }
}
