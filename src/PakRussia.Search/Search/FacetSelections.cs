using PakRussia.Search.Indexing;

namespace PakRussia.Search.Search;

/// <summary>The facets a search counts; also the request filters that can be excluded from their own facet's counts.</summary>
public enum Facet { Source, Year, Document, Author }

/// <summary>
/// The facet selections of one request (values within a facet combine with OR, facets with AND), tested against each
/// matching passage's doc values by <see cref="PassageCollector"/>. They are not part of the Lucene query: each facet
/// counts with every selection but its own (multi-select, as Solr's tag/exclude), so the query matches without them and
/// the collector decides, per passage, which selections it fails. <c>--from</c>/<c>--to</c> belong to the year facet:
/// a year chart shows the other years while a range is chosen.
/// </summary>
internal sealed class FacetSelections
{
    public FacetSelections(SearchRequest request)
    {
        Sources = request.Sources.Select(s => s.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        Years = request.Years.ToHashSet();
        Docs = request.Docs.Select(d => d.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        Authors = request.Authors.Select(a => a.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var from = ParseBound(request.From, "--from");
        var to = ParseBound(request.To, "--to");
        if (from is { } f && to is { } t && string.CompareOrdinal(f.First, t.Last) > 0)
        {
            throw new SearchRequestException($"The date range is reversed: from {request.From} is after to {request.To}.");
        }

        From = from is { } lower ? IndexSchema.DateNumber(lower.First) : null;
        To = to is { } upper ? IndexSchema.DateNumber(upper.Last) : null;
    }

    public HashSet<string> Sources { get; }
    public HashSet<int> Years { get; }
    public HashSet<string> Docs { get; }
    public HashSet<string> Authors { get; }
    /// <summary>yyyymmdd of the first day allowed, or null.</summary>
    public int? From { get; }
    /// <summary>yyyymmdd of the last day allowed, or null.</summary>
    public int? To { get; }

    public bool HasYearSelection => Years.Count > 0 || From is not null || To is not null;

    public bool IsEmpty => Sources.Count == 0 && Docs.Count == 0 && Authors.Count == 0 && !HasYearSelection;

    /// <summary>True when a passage dated <paramref name="year"/> (0: undated) over [first, last] passes the year selection.</summary>
    public bool AllowsDate(long year, long first, long last)
    {
        if (Years.Count > 0 && !Years.Contains((int)year))
        {
            return false;
        }

        if (From is null && To is null)
        {
            return true;
        }

        // Overlap: a document dated only to a year matches a range that touches that year.
        return first > 0 && last > 0 && (From is not { } from || last >= from) && (To is not { } to || first <= to);
    }

    private static (string First, string Last)? ParseBound(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateRange.Parse(text) ?? throw new SearchRequestException($"{option} '{text}' is not a date: use a year (2014), a month (2014-03) or a day (2014-03-05).");
    }
}
