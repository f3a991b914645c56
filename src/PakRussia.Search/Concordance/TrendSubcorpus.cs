using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;

namespace PakRussia.Search.Concordance;

/// <summary>
/// The passages a corpus statistic counts in (trend, dispersion, keywords): the searchable passages (word-for-word
/// repeats and headings are not, so each repeated text counts once) that match a query, if any, and pass the request's
/// filters, tested as a search tests them (<see cref="PassageCollector"/> over <see cref="FacetSelections"/>). One bit set per
/// segment, in segment order.
/// </summary>
internal sealed class TrendSubcorpus : ICollector
{
    private readonly List<FixedBitSet> _segments = [];
    private FixedBitSet? _current;

    public IReadOnlyList<FixedBitSet> Segments => _segments;

    /// <summary>Passages in the subcorpus.</summary>
    public long Count { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        while (_segments.Count < context.Ord)
            _segments.Add(new FixedBitSet(0)); // a segment the query never reached
        _current = new FixedBitSet(context.AtomicReader.MaxDoc);
        _segments.Add(_current);
    }

    public void Collect(int doc)
    {
        _current!.Set(doc);
        Count++;
    }

    /// <summary>The bits of segment <paramref name="ord"/> (empty when nothing in it passed).</summary>
    public FixedBitSet Of(int ord) => ord < _segments.Count ? _segments[ord] : Empty;

    public bool Contains(int ord, int doc)
    {
        var bits = Of(ord);
        return doc < bits.Length && bits.Get(doc);
    }

    private static readonly FixedBitSet Empty = new(0);
}
