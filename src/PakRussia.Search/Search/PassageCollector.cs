using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Search;

/// <summary>
/// One pass over every passage the query matches, reading doc values only: it tests the facet selections, counts the
/// passages that pass (the total), counts facet values (each facet over the passages that pass every selection but
/// its own), and hands the passages that pass to the collector that keeps the page of hits. Counts go into arrays per
/// segment, indexed by ordinal, and become labels once per segment: nothing is allocated or stored-field read per match.
/// </summary>
internal sealed class PassageCollector(FacetSelections selections, bool countFacets, ICollector? hits) : ICollector
{
    private const int SourceBit = 1, YearBit = 2, DocumentBit = 4, AuthorBit = 8;

    private readonly Dictionary<string, long> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _authors = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _years = [];
    private readonly bool _select = !selections.IsEmpty;

    private SortedDocValues? _source, _document, _author;
    private NumericDocValues? _year, _first, _last;
    private bool[]? _allowedSources, _allowedDocuments, _allowedAuthors;
    private int[] _sourceCounts = [], _documentCounts = [], _authorCounts = [];

    /// <summary>Passages the query matched, before the selections.</summary>
    public long Matched { get; private set; }

    /// <summary>Passages that pass every selection: the total shown.</summary>
    public long Total { get; private set; }

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => hits?.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        var reader = context.AtomicReader;
        _source = reader.GetSortedDocValues(IndexFields.Source);
        _document = reader.GetSortedDocValues(IndexFields.DocId);
        _author = reader.GetSortedDocValues(IndexFields.Author);
        _year = reader.GetNumericDocValues(IndexFields.Year);
        _first = reader.GetNumericDocValues(IndexFields.DateFirst);
        _last = reader.GetNumericDocValues(IndexFields.DateLast);
        _allowedSources = Allowed(_source, selections.Sources, ignoreCase: false);
        _allowedDocuments = Allowed(_document, selections.Docs, ignoreCase: false);
        _allowedAuthors = Allowed(_author, selections.Authors, ignoreCase: true);
        if (countFacets)
        {
            _sourceCounts = Counts(_sourceCounts, _source);
            _documentCounts = Counts(_documentCounts, _document);
            _authorCounts = Counts(_authorCounts, _author);
        }

        hits?.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        Matched++;
        var failed = _select ? Failed(doc) : 0;
        if (failed == 0)
        {
            Total++;
            hits?.Collect(doc);
            if (countFacets)
            {
                CountSource(doc);
                CountYear(doc);
                CountDocument(doc);
                CountAuthor(doc);
            }
        }
        else if (countFacets && (failed & (failed - 1)) == 0)
        {
            // Fails only one facet's selection: it still counts in that facet (multi-select).
            switch (failed)
            {
                case SourceBit: CountSource(doc); break;
                case YearBit: CountYear(doc); break;
                case DocumentBit: CountDocument(doc); break;
                default: CountAuthor(doc); break;
            }
        }
    }

    private int Failed(int doc)
    {
        var failed = 0;
        if (_allowedSources is { } sources && !Allowed(sources, _source, doc)) failed |= SourceBit;
        if (selections.HasYearSelection && !selections.AllowsDate(_year?.Get(doc) ?? 0, _first?.Get(doc) ?? 0, _last?.Get(doc) ?? 0)) failed |= YearBit;
        if (_allowedDocuments is { } documents && !Allowed(documents, _document, doc)) failed |= DocumentBit;
        if (_allowedAuthors is { } authors && !Allowed(authors, _author, doc)) failed |= AuthorBit;
        return failed;
    }

    private static bool Allowed(bool[] allowed, SortedDocValues? values, int doc)
    {
        var ord = values?.GetOrd(doc) ?? -1;
        return ord >= 0 && allowed[ord];
    }

    /// <summary>Per ordinal of this segment: whether the value is selected; null when the facet has no selection.</summary>
    private static bool[]? Allowed(SortedDocValues? values, HashSet<string> selected, bool ignoreCase)
    {
        if (selected.Count == 0)
        {
            return null;
        }

        var allowed = new bool[Math.Max(0, values?.ValueCount ?? 0)];
        if (values is null)
        {
            return allowed;
        }

        if (!ignoreCase)
        {
            foreach (var value in selected)
            {
                var ord = values.LookupTerm(new BytesRef(value));
                if (ord >= 0)
                {
                    allowed[ord] = true;
                }
            }

            return allowed;
        }

        var scratch = new BytesRef();
        for (var ord = 0; ord < allowed.Length; ord++)
        {
            values.LookupOrd(ord, scratch);
            allowed[ord] = selected.Contains(scratch.Utf8ToString());
        }

        return allowed;
    }

    private static int[] Counts(int[] reuse, SortedDocValues? values)
    {
        var size = Math.Max(0, values?.ValueCount ?? 0);
        if (reuse.Length < size)
        {
            return new int[size];
        }

        Array.Clear(reuse, 0, size);
        return reuse;
    }

    private void CountSource(int doc)
    {
        var ord = _source?.GetOrd(doc) ?? -1;
        if (ord >= 0) _sourceCounts[ord]++;
    }

    private void CountDocument(int doc)
    {
        var ord = _document?.GetOrd(doc) ?? -1;
        if (ord >= 0) _documentCounts[ord]++;
    }

    private void CountAuthor(int doc)
    {
        var ord = _author?.GetOrd(doc) ?? -1;
        if (ord >= 0) _authorCounts[ord]++;
    }

    private void CountYear(int doc)
    {
        var year = (int)(_year?.Get(doc) ?? 0);
        if (year > 0)
        {
            _years[year] = _years.GetValueOrDefault(year) + 1;
        }
    }

    /// <summary>Turns this segment's counts by ordinal into counts by value.</summary>
    private void FlushSegment()
    {
        if (!countFacets)
        {
            return;
        }

        Flush(_source, _sourceCounts, _sources);
        Flush(_document, _documentCounts, _documents);
        Flush(_author, _authorCounts, _authors);
    }

    private static void Flush(SortedDocValues? values, int[] counts, Dictionary<string, long> into)
    {
        if (values is null)
        {
            return;
        }

        var scratch = new BytesRef();
        for (var ord = 0; ord < values.ValueCount && ord < counts.Length; ord++)
        {
            if (counts[ord] > 0)
            {
                values.LookupOrd(ord, scratch);
                var label = scratch.Utf8ToString();
                into[label] = into.GetValueOrDefault(label) + counts[ord];
                counts[ord] = 0;
            }
        }
    }

    /// <summary>The facet counts, after the search: the 50 largest values of each facet (years: all, in order).</summary>
    public FacetSet Facets(Func<string, string?> documentTitle)
    {
        if (!countFacets)
        {
            return new FacetSet();
        }

        FlushSegment();
        _source = _document = _author = null;

        static IReadOnlyList<FacetValue> Top(IEnumerable<FacetValue> values) =>
            values.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).Take(MaxFacetValues).ToList();

        return new FacetSet
        {
            SourceType = Top(_sources.Select(p => new FacetValue(p.Key, p.Value))),
            // Years read best in order; the web page draws them as a bar chart.
            Year = _years.OrderBy(p => p.Key).Select(p => new FacetValue(p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Value)).ToList(),
            Document = Top(_documents.Select(p => new FacetValue(p.Key, p.Value))).Select(v => v with { Label = documentTitle(v.Value) ?? v.Value }).ToList(),
            Author = Top(_authors.Select(p => new FacetValue(p.Key, p.Value))),
        };
    }

    /// <summary>Values shown per facet (years are all shown).</summary>
    public const int MaxFacetValues = 50;
}
