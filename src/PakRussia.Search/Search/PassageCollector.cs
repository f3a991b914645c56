using System.Buffers;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Search;

/// <summary>
/// One pass over every passage the query matches, reading doc values only: it tests the facet selections, counts the
/// passages that pass (the total), counts facet values (each facet over the passages that pass every selection but
/// its own), and hands the passages that pass to the collector that keeps the page of hits. Counts go into arrays
/// indexed by the generation's ordinal of each value (<see cref="FacetValueOrdinals"/>), counted per segment in doc order
/// from one array of ordinals (<see cref="FacetOrdinals"/>), and only the values shown become labels, once, after the
/// pass: nothing is allocated or stored-field read per match.
/// It also checks the query's <paramref name="budget"/> every <see cref="QueryBudget.CheckEvery"/> matches (one layer
/// fewer than wrapping it: an OR query hands over hundreds of thousands of matches).
/// </summary>
internal sealed class PassageCollector(IndexGeneration generation, FacetSelections selections, bool countFacets, ICollector? hits, QueryBudget? budget = null) : ICollector
{
    // The relevance collector called directly (a sealed class, so no interface dispatch per match).
    private readonly RankedCollector? _ranked = hits as RankedCollector;
    private int _countdown;
    private FacetOrdinals? _ordinals;
    private FacetOrdinals.Entry[] _entries = [];
    private long[] _yearCounts = [];
    private const int SourceBit = 1, YearBit = 2, DocumentBit = 4, AuthorBit = 8;

    private readonly Dictionary<int, long> _years = [];
    private readonly bool _select = !selections.IsEmpty;

    // The passages of this segment that pass every selection, one bit each, counted in doc order when the segment ends
    // (FlushSegment): Lucene hands an OR query's matches over in buckets, out of order, and at 638k passages counting
    // each match where it came cost a cache miss in every array it read (about 300 ns a match). The bits (160 KB for
    // 1.27M Lucene documents) stay in cache while the query runs.
    private long[] _passed = [];
    private int _passedWords;

    private readonly Counter? _sourceCounter = countFacets ? new Counter(generation.SourceValues) : null;
    private readonly Counter? _documentCounter = countFacets ? new Counter(generation.DocumentValues) : null;
    private readonly Counter? _authorCounter = countFacets ? new Counter(generation.AuthorValues) : null;

    private SortedDocValues? _source, _document, _author;
    private NumericDocValues? _year, _first, _last;
    private bool[]? _allowedSources, _allowedDocuments, _allowedAuthors;

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
            _entries = _ordinals.Entries;
            _sourceCounter!.Open(context.Ord);
            _documentCounter!.Open(context.Ord);
            _authorCounter!.Open(context.Ord);
            _passedWords = (reader.MaxDoc + 63) >> 6;
            if (_passed.Length < _passedWords)
            {
                ZeroedArrays<long>.Return(_passed);
                _passed = ZeroedArrays<long>.Rent(_passedWords);
            }

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
                _passed[doc >> 6] |= 1L << doc;
            }
        }
        else if (countFacets && (failed & (failed - 1)) == 0)
        {
            // Fails only one facet's selection: it still counts in that facet (multi-select).
            ref readonly var entry = ref _entries[doc];
            switch (failed)
            {
                case SourceBit: _sourceCounter!.Count(entry.Source); break;
                case YearBit: CountYear(entry.Year); break;
                case DocumentBit: _documentCounter!.Count(entry.Document); break;
                default: _authorCounter!.Count(entry.Author); break;
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
    /// One facet's counts by generation ordinal, with the ordinals counted so far (so that reading and clearing the counts
    /// costs what was counted, not the number of values: 67,000 documents at scale). The array is rented from
    /// <see cref="ZeroedArrays{T}"/> and goes back to it, cleared, when the counts are read.
    /// </summary>
    private sealed class Counter(FacetValueOrdinals values)
    {
        private int[] _counts = [];
        // The ordinals counted, in a pooled array (a common word touches tens of thousands of documents, and a list grown
        // per search put a new array on the large-object heap every time).
        private int[] _touched = [];
        private int _touchedCount;
        private int[]? _toGlobal;

        public void Open(int leaf)
        {
            _toGlobal = values.SegmentToGlobal(leaf);
            if (_counts.Length < values.ValueCount)
            {
                _counts = ZeroedArrays<int>.Rent(values.ValueCount);
            }
        }

        /// <summary>Counts the value with segment ordinal <paramref name="ord"/> (-1: none).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Count(int ord)
        {
            if (ord < 0)
            {
                return;
            }

            if (_toGlobal is { } map)
            {
                ord = map[ord];
            }

            if (_counts[ord]++ == 0)
            {
                if (_touchedCount == _touched.Length)
                {
                    Grow();
                }

                _touched[_touchedCount++] = ord;
            }
        }

        /// <summary>Asks the processor to bring the count of segment ordinal <paramref name="ord"/> into cache.</summary>
        public unsafe void Prefetch(int ord)
        {
            if (ord < 0)
            {
                return;
            }

            if (_toGlobal is { } map)
            {
                ord = map[ord];
            }

            fixed (int* counts = _counts)
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(counts + ord);
            }
        }

        private void Grow()
        {
            var larger = ArrayPool<int>.Shared.Rent(Math.Max(256, _touched.Length * 2));
            _touched.AsSpan(0, _touchedCount).CopyTo(larger);
            if (_touched.Length > 0)
            {
                ArrayPool<int>.Shared.Return(_touched);
            }

            _touched = larger;
        }

        /// <summary>
        /// The <paramref name="top"/> largest counts with their values, largest first, ties by value; then the counts are
        /// cleared and the arrays returned. Ties at the cut are decided by the index's order of values (UTF-8 bytes), the
        /// shown order by ordinal string comparison; the two differ only between characters above U+FFFF and U+E000–U+FFFF.
        /// </summary>
        public IReadOnlyList<FacetValue> TakeTop(int top, Func<string, FacetValue> value)
        {
            var heap = new PriorityQueue<int, (int Count, int Ord)>(top + 1, Worst);
            var worstCount = 0;
            foreach (var ord in _touched.AsSpan(0, _touchedCount))
            {
                var count = _counts[ord];
                if (heap.Count < top)
                {
                    heap.Enqueue(ord, (count, ord));
                    worstCount = heap.Count == top && heap.TryPeek(out _, out var first) ? first.Count : 0;
                }
                else if (count >= worstCount && heap.TryPeek(out _, out var worst) && Worst.Compare((count, ord), worst) > 0)
                {
                    heap.DequeueEnqueue(ord, (count, ord));
                    heap.TryPeek(out _, out worst);
                    worstCount = worst.Count;
                }
            }

            var shown = new List<FacetValue>(heap.Count);
            while (heap.TryDequeue(out var ord, out var key))
            {
                shown.Add(value(values.Label(ord)) with { Count = key.Count });
            }

            Release();
            return shown.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ToList();
        }

        /// <summary>Clears what was counted and gives the arrays back (the counts are gone).</summary>
        public void Release()
        {
            foreach (var ord in _touched.AsSpan(0, _touchedCount))
            {
                _counts[ord] = 0;
            }

            if (_touched.Length > 0)
            {
                ArrayPool<int>.Shared.Return(_touched);
            }

            ZeroedArrays<int>.Return(_counts);
            _touched = _counts = [];
            _touchedCount = 0;
        }

        /// <summary>Orders keys worst first: the smaller count, then (a tie) the later value.</summary>
        private static readonly Comparer<(int Count, int Ord)> Worst =
            Comparer<(int Count, int Ord)>.Create((a, b) => a.Count != b.Count ? a.Count.CompareTo(b.Count) : b.Ord.CompareTo(a.Ord));
    }

    /// <summary>
    /// Count and bit arrays kept between searches. Only arrays that are all zeros come back (a search stopped midway by its
    /// budget never returns its arrays, the collector simply drops them), so a rented array is ready to count in. At 638k
    /// documents a count array is 2.5 MB, which .NET puts on the large-object heap; a new one per search meant a full
    /// collection every few dozen searches. Arrays under 1,024 elements cost nothing to allocate and are not kept.
    /// </summary>
    private static class ZeroedArrays<T>
    {
        private const int Kept = 16;
        private static readonly System.Threading.Lock Gate = new();
        private static readonly List<T[]> Free = [];

        public static T[] Rent(int size)
        {
            if (size < 1024)
            {
                return new T[size];
            }

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

            return new T[size];
        }

        public static void Return(T[] array)
        {
            if (array.Length < 1024)
            {
                return;
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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void CountYear(int ord)
    {
        if (ord >= 0) _yearCounts[ord]++;
    }

    /// <summary>Counts the passages that passed in this segment, in doc order, clearing their bits; then the years.</summary>
    private void FlushSegment()
    {
        if (_ordinals is not { } ordinals)
        {
            return;
        }

        var passed = _passed;
        var entries = _entries;
        var docs = _chunk;
        var filled = 0;
        for (var word = 0; word < _passedWords; word++)
        {
            var bits = passed[word];
            if (bits == 0)
            {
                continue;
            }

            passed[word] = 0;
            var first = word << 6;
            do
            {
                docs[filled++] = first + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
            while (bits != 0);

            if (filled > docs.Length - 64)
            {
                CountChunk(entries, docs, filled);
                filled = 0;
            }
        }

        CountChunk(entries, docs, filled);
        FlushYears(ordinals);
    }

    // Doc ids decoded from the bits, a chunk at a time (small enough to stay in the first-level cache).
    private readonly int[] _chunk = countFacets ? new int[2048] : [];

    /// <summary>Prefetch distance, in matches: far enough ahead to cover a memory access (~100 ns).</summary>
    private const int Ahead = 12;

    /// <summary>
    /// Counts the passages <paramref name="docs"/>, in doc order, asking the processor for each one's entry
    /// <see cref="Ahead"/> matches early (and for its document's count half as early): matches are far apart in a
    /// large corpus, so every entry is a cache miss the hardware prefetcher does not foresee.
    /// </summary>
    private unsafe void CountChunk(FacetOrdinals.Entry[] entries, int[] docs, int count)
    {
        fixed (FacetOrdinals.Entry* entry0 = entries)
        {
            for (var i = 0; i < count; i++)
            {
                if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
                {
                    if (i + Ahead < count)
                    {
                        System.Runtime.Intrinsics.X86.Sse.Prefetch0(entry0 + docs[i + Ahead]);
                    }

                    if (i + Ahead / 2 < count)
                    {
                        _documentCounter!.Prefetch(entry0[docs[i + Ahead / 2]].Document);
                    }
                }

                ref readonly var entry = ref entries[docs[i]];
                _sourceCounter!.Count(entry.Source);
                CountYear(entry.Year);
                _documentCounter!.Count(entry.Document);
                _authorCounter!.Count(entry.Author);
            }
        }
    }

    /// <summary>Adds this segment's counts by year (a segment has a few dozen distinct years) to the counts by year.</summary>
    private void FlushYears(FacetOrdinals ordinals)
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

    /// <summary>The facet counts, after the search: the 50 largest values of each facet (years: all, in order).</summary>
    public FacetSet Facets(Func<string, string?> documentTitle)
    {
        if (!countFacets)
        {
            return new FacetSet();
        }

        FlushSegment();
        ZeroedArrays<long>.Return(_passed);
        _passed = [];
        _source = _document = _author = null;
        _ordinals = null;
        return new FacetSet
        {
            SourceType = _sourceCounter!.TakeTop(MaxFacetValues, v => new FacetValue(v, 0)),
            // Years read best in order; the web page draws them as a bar chart.
            Year = _years.OrderBy(p => p.Key).Select(p => new FacetValue(p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Value)).ToList(),
            Document = _documentCounter!.TakeTop(MaxFacetValues, v => new FacetValue(v, 0, documentTitle(v) ?? v)),
            Author = _authorCounter!.TakeTop(MaxFacetValues, v => new FacetValue(v, 0)),
        };
    }

    /// <summary>
    /// Gives the count arrays back without reading them, for a pass whose counts are not wanted (a sentence-like query
    /// asked again with one word fewer): without it the next search allocated its arrays anew.
    /// </summary>
    public void Release()
    {
        Array.Clear(_passed, 0, Math.Min(_passed.Length, _passedWords));
        ZeroedArrays<long>.Return(_passed);
        _passed = [];
        _sourceCounter?.Release();
        _documentCounter?.Release();
        _authorCounter?.Release();
    }

    /// <summary>Values shown per facet (years are all shown).</summary>
    public const int MaxFacetValues = 50;
}
