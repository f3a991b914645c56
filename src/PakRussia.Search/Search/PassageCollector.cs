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
/// It also checks the query's <paramref name="budget"/> every <see cref="QueryBudget.CheckEvery"/> matches (one layer
/// fewer than wrapping it: an OR query hands over hundreds of thousands of matches).
/// </summary>
internal sealed class PassageCollector(FacetSelections selections, bool countFacets, ICollector? hits, QueryBudget? budget = null) : ICollector
{
    // The relevance collector called directly (a sealed class, so no interface dispatch per match).
    private readonly RankedCollector? _ranked = hits as RankedCollector;
    private int _countdown;
    private FacetOrdinals? _ordinals;
    private long[] _yearCounts = [];
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
    // The ordinals counted in this segment, so that turning counts into labels (and clearing them) costs what was
    // counted, not the number of values the segment has (67,000 documents at scale).
    private readonly List<int> _sourceTouched = [], _documentTouched = [], _authorTouched = [];

    /// <summary>Passages the query matched, before the selections.</summary>
    public long Matched { get; private set; }

    /// <summary>Passages that pass every selection: the total shown.</summary>
    public long Total { get; private set; }

    /// <summary>Counting does not care about order; the hits collector decides (an OR query then scores in buckets).</summary>
    public bool AcceptsDocsOutOfOrder => hits?.AcceptsDocsOutOfOrder ?? true;

    public void SetScorer(Scorer scorer) => hits?.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        budget?.Check();
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
            _ordinals = FacetOrdinals.For(reader);
            _sourceCounts = Counts(_sourceCounts, _source);
            _documentCounts = Counts(_documentCounts, _document);
            _authorCounts = Counts(_authorCounts, _author);
            if (_yearCounts.Length < _ordinals.Years.Length)
            {
                _yearCounts = new long[_ordinals.Years.Length];
            }
        }

        hits?.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        if (--_countdown <= 0 && budget is not null)
        {
            budget.Check();
            _countdown = QueryBudget.CheckEvery;
        }

        Matched++;
        var failed = _select ? Failed(doc) : 0;
        if (failed == 0)
        {
            Total++;
            if (_ranked is not null)
            {
                _ranked.Collect(doc);
            }
            else
            {
                hits?.Collect(doc);
            }

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

    /// <summary>
    /// A zeroed array of at least the segment's value count. Arrays come from <see cref="ZeroedArrays"/> and go back to it
    /// when the counts are read (flushing leaves them at zero), so a search with facets allocates no large array: at 67,000
    /// documents one is 268 KB, which .NET puts on the large-object heap, and a new one per search meant a full collection
    /// every few dozen searches.
    /// </summary>
    private static int[] Counts(int[] reuse, SortedDocValues? values)
    {
        var size = Math.Max(0, values?.ValueCount ?? 0);
        if (reuse.Length >= size)
        {
            return reuse;
        }

        ZeroedArrays.Return(reuse);
        return ZeroedArrays.Rent(size);
    }

    /// <summary>
    /// Count arrays kept between searches. Only arrays that are all zeros come back (a search stopped midway by its budget
    /// never returns its arrays, the collector simply drops them), so a rented array is ready to count in.
    /// </summary>
    private static class ZeroedArrays
    {
        private const int Kept = 16;
        private static readonly System.Threading.Lock Gate = new();
        private static readonly List<int[]> Free = [];

        public static int[] Rent(int size)
        {
            lock (Gate)
            {
                for (var i = Free.Count - 1; i >= 0; i--)
                {
                    if (Free[i].Length >= size)
                    {
                        var array = Free[i];
                        Free.RemoveAt(i);
                        return array;
                    }
                }
            }

            return new int[size];
        }

        public static void Return(int[] array)
        {
            if (array.Length < 1024)
            {
                return; // small arrays cost nothing to allocate
            }

            lock (Gate)
            {
                if (Free.Count < Kept)
                {
                    Free.Add(array);
                }
            }
        }
    }

    private void CountSource(int doc)
    {
        var ord = _ordinals!.SourceOrds[doc];
        if (ord >= 0 && _sourceCounts[ord]++ == 0) _sourceTouched.Add(ord);
    }

    private void CountDocument(int doc)
    {
        var ord = _ordinals!.DocumentOrds[doc];
        if (ord >= 0 && _documentCounts[ord]++ == 0) _documentTouched.Add(ord);
    }

    private void CountAuthor(int doc)
    {
        var ord = _ordinals!.AuthorOrds[doc];
        if (ord >= 0 && _authorCounts[ord]++ == 0) _authorTouched.Add(ord);
    }

    private void CountYear(int doc)
    {
        var ord = _ordinals!.YearOrds[doc];
        if (ord >= 0) _yearCounts[ord]++;
    }

    /// <summary>Turns this segment's counts by ordinal into counts by value.</summary>
    private void FlushSegment()
    {
        if (!countFacets)
        {
            return;
        }

        Flush(_source, _sourceCounts, _sourceTouched, _sources);
        // A document's passages are all in one segment (written as one block), so its top values here are final.
        Flush(_document, _documentCounts, _documentTouched, _documents, Threshold(_documentCounts, _documentTouched, MaxFacetValues));
        Flush(_author, _authorCounts, _authorTouched, _authors);
        if (_ordinals is { } ordinals)
        {
            for (var i = 0; i < ordinals.Years.Length; i++)
            {
                if (_yearCounts[i] > 0)
                {
                    _years[ordinals.Years[i]] = _years.GetValueOrDefault(ordinals.Years[i]) + _yearCounts[i];
                    _yearCounts[i] = 0;
                }
            }
        }
    }

    /// <summary>The count the <paramref name="top"/>th largest value has (1 when there are fewer): values below it cannot be shown.</summary>
    private static int Threshold(int[] counts, List<int> touched, int top)
    {
        if (touched.Count <= top)
        {
            return 1;
        }

        var heap = new PriorityQueue<int, int>(top + 1);
        foreach (var ord in touched)
        {
            var count = counts[ord];
            if (count == 0 || (heap.Count == top && count <= heap.Peek()))
            {
                continue;
            }

            heap.Enqueue(count, count);
            if (heap.Count > top)
            {
                heap.Dequeue();
            }
        }

        return heap.Count == top ? heap.Peek() : 1;
    }

    private static void Flush(SortedDocValues? values, int[] counts, List<int> touched, Dictionary<string, long> into, int threshold = 1)
    {
        if (values is null)
        {
            touched.Clear();
            return;
        }

        var scratch = new BytesRef();
        foreach (var ord in touched)
        {
            if (counts[ord] >= threshold)
            {
                values.LookupOrd(ord, scratch);
                var label = scratch.Utf8ToString();
                into[label] = into.GetValueOrDefault(label) + counts[ord];
            }

            counts[ord] = 0;
        }

        touched.Clear();
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
        _ordinals = null;
        foreach (var counts in new[] { _sourceCounts, _documentCounts, _authorCounts })
        {
            ZeroedArrays.Return(counts);
        }

        _sourceCounts = _documentCounts = _authorCounts = [];

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
