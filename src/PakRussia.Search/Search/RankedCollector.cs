using Lucene.Net.Index;
using Lucene.Net.Search;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Search;

/// <summary>
/// The best <c>k</c> passages by score, ties broken by document id and then passage ordinal, so a ranking never depends
/// on the order a build happened to write documents in. A bounded heap of (score, key) pairs, where the key is the
/// document id's ordinal across the generation's segments (Lucene's <see cref="MultiDocValues.OrdinalMap"/>) shifted
/// over the ordinal; keys are computed only for documents that could enter the heap. Accepts documents out of order,
/// so a top-level OR is scored in buckets.
/// <para>
/// With <paramref name="tiers"/>, passages rank by their tier first (<see cref="RankTiers"/>: how many words of a
/// sentence-like query they have, whether a word is in their own text, whether they are body text), then by score.
/// </para>
/// </summary>
internal sealed class RankedCollector(int k, IndexGeneration generation, RankTiers? tiers = null, bool wordsFromScorer = false) : ICollector
{
    private readonly float[] _scores = new float[Math.Max(1, k)];
    private readonly int[] _tiers = new int[Math.Max(1, k)];
    private RankTiers.Segment? _segmentTiers;
    private readonly long[] _keys = new long[Math.Max(1, k)];
    private readonly int[] _docs = new int[Math.Max(1, k)];
    private readonly MultiDocValues.OrdinalMap? _documentOrdinals = generation.DocumentOrdinals;
    private int _count;
    private Scorer? _scorer;
    private int _docBase;
    private int _segment;
    private SortedDocValues? _documentIds;
    private NumericDocValues? _ordinals;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        _docBase = context.DocBase;
        _segment = context.Ord;
        _documentIds = context.AtomicReader.GetSortedDocValues(IndexFields.DocId);
        _ordinals = context.AtomicReader.GetNumericDocValues(IndexFields.Ordinal);
        _segmentTiers = tiers?.Open(context, readWords: !wordsFromScorer);
    }

    /// <summary>How many collected passages have every word (of a sentence-like query).</summary>
    public long FirstTierCount { get; private set; }

    /// <summary>True when passages are ranked in two tiers.</summary>
    public bool HasTiers => tiers is { Words.Length: > 0 };


    /// <summary>
    /// A passage scoring below this cannot enter: the heap is full and its worst entry is at the best tier a passage can
    /// have. Negative infinity otherwise, and always for a sentence-like query, whose every passage is counted
    /// (<see cref="FirstTierCount"/>). Most matches of a common word stop here, after one comparison.
    /// </summary>
    private float _rejectBelow = float.NegativeInfinity;

    /// <summary>The best tier any passage can have for this query (0 without tiers).</summary>
    private readonly int _bestTier = tiers is null ? 0 : tiers.Words.Length * 3 + RankTiers.Segment.BestTextTier;

    public void Collect(int doc)
    {
        var score = _scorer!.GetScore();
        if (score < _rejectBelow)
        {
            return;
        }

        var tier = 0;
        if (_segmentTiers is { } segment)
        {
            // The scorer counts the words it matched when the query is the words alone (Searcher.WordsCountedByScorer).
            var words = wordsFromScorer ? _scorer!.Freq : segment.WordsOf(doc);
            if (words == tiers!.Words.Length && words > 0)
            {
                FirstTierCount++;
            }

            // The text tier costs postings reads: skip it for a passage that cannot beat the worst kept even at the best tier.
            var best = words * 3 + RankTiers.Segment.BestTextTier;
            if (_count == _scores.Length && (best < _tiers[0] || (best == _tiers[0] && score < _scores[0])))
            {
                return;
            }

            tier = words * 3 + segment.TextTier(doc);
        }

        if (_count < _scores.Length)
        {
            _scores[_count] = score;
            _tiers[_count] = tier;
            _keys[_count] = Key(doc);
            _docs[_count] = _docBase + doc;
            SiftUp(_count++);
            Threshold();
            return;
        }

        // Entry 0 is the worst kept: beat it by tier, by score, or tie it with a smaller key.
        if (tier < _tiers[0] || (tier == _tiers[0] && (score < _scores[0] || (score == _scores[0] && Key(doc) >= _keys[0]))))
        {
            return;
        }

        _scores[0] = score;
        _tiers[0] = tier;
        _keys[0] = Key(doc);
        _docs[0] = _docBase + doc;
        SiftDown(0);
        Threshold();
    }

    private void Threshold()
    {
        if (_count == _scores.Length && !HasTiers)
        {
            _rejectBelow = _tiers[0] == _bestTier ? _scores[0] : float.NegativeInfinity;
        }
    }

    private long Key(int doc)
    {
        var ord = _documentIds?.GetOrd(doc) ?? -1;
        var global = ord < 0 ? long.MaxValue >> IndexSchemaOrdinalBits : _documentOrdinals?.GetGlobalOrd(_segment, ord) ?? ord;
        return (global << IndexSchemaOrdinalBits) | (uint)(_ordinals?.Get(doc) ?? 0);
    }

    private const int IndexSchemaOrdinalBits = 20;

    /// <summary>The kept passages, best first, <paramref name="howMany"/> of them after the first <paramref name="start"/>.</summary>
    public ScoreDoc[] Top(int start, int howMany) =>
        Ordered().Skip(start).Take(howMany).Select(i => new ScoreDoc(_docs[i], _scores[i])).ToArray();

    /// <summary>The kept entries' indexes, best first.</summary>
    private int[] Ordered()
    {
        var order = Enumerable.Range(0, _count).ToArray();
        Array.Sort(order, (a, b) => Worse(a, b) ? 1 : Worse(b, a) ? -1 : 0);
        return order;
    }

    /// <summary>
    /// Adds <paramref name="extra"/>'s score (never negative) to the first <paramref name="window"/> passages kept. The
    /// rest keep their order behind them: within a tier, a passage outside the window scored no more than any inside it.
    /// Once only, after collecting.
    /// </summary>
    public void Rescore(int window, Func<IReadOnlyList<int>, float[]> extra)
    {
        var first = Ordered().Take(window).ToArray();
        var added = extra(first.Select(i => _docs[i]).ToArray());
        for (var i = 0; i < first.Length; i++)
        {
            if (added[i] > 0)
            {
                _scores[first[i]] += added[i];
            }
        }
    }

    /// <summary>True when entry a ranks below entry b.</summary>
    private bool Worse(int a, int b) =>
        _tiers[a] != _tiers[b] ? _tiers[a] < _tiers[b] : _scores[a] < _scores[b] || (_scores[a] == _scores[b] && _keys[a] > _keys[b]);

    // A min-heap on "worse": the root is the worst entry kept.
    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Worse(i, parent))
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = 2 * i + 1;
            if (left >= _count)
            {
                return;
            }

            var worst = left + 1 < _count && Worse(left + 1, left) ? left + 1 : left;
            if (!Worse(worst, i))
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_tiers[a], _tiers[b]) = (_tiers[b], _tiers[a]);
        (_keys[a], _keys[b]) = (_keys[b], _keys[a]);
        (_docs[a], _docs[b]) = (_docs[b], _docs[a]);
    }
}
