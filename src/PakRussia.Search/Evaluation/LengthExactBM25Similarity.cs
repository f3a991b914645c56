using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace PakRussia.Search.Evaluation;

/// <summary>
/// Lucene 4.8's BM25 (the formula, idf and average length of <see cref="BM25Similarity"/>, in the same single-precision
/// steps) with the document length kept exactly: the norm is the token count itself, a long (Lucene 4.8 norms are
/// numeric doc values, so any long may be stored), and the scorer turns it into the length that
/// <see cref="Lengths"/> says, exact or as a Lucene version's one-byte norm would have it. It exists to measure what
/// the norm alone changes: with <see cref="DocumentLengths.Lucene48"/> it scores exactly as BM25Similarity does
/// (a test holds it to that), so any other figure differs only by the lengths.
/// </summary>
/// <remarks>
/// Length = tokens minus those at the same position as the one before (BM25Similarity's discountOverlaps, on by
/// default); index-time boosts are not used (the evaluation indexes none). Both the index writer and the searcher
/// must use this similarity.
/// </remarks>
public sealed class LengthExactBM25Similarity : Similarity
{
    /// <summary>A BM25 with the given parameters whose lengths are scored as <paramref name="lengths"/> says.</summary>
    public LengthExactBM25Similarity(float k1, float b, DocumentLengths lengths)
    {
        K1 = k1;
        B = b;
        Lengths = lengths;
    }

    public float K1 { get; }

    public float B { get; }

    /// <summary>How the stored exact length is scored.</summary>
    public DocumentLengths Lengths { get; }

    /// <summary>The field's token count, overlaps discounted, stored as is.</summary>
    public override long ComputeNorm(FieldInvertState state) => state.Length - state.NumOverlap;

    public override SimWeight ComputeWeight(float queryBoost, CollectionStatistics collectionStats, params TermStatistics[] termStats)
    {
        // As BM25Similarity.idfExplain and avgFieldLength: per term log(1 + (maxDoc - df + 0.5) / (df + 0.5)), summed.
        var idf = 0f;
        foreach (var term in termStats)
        {
            idf += (float)Math.Log(1 + (collectionStats.MaxDoc - term.DocFreq + 0.5D) / (term.DocFreq + 0.5D));
        }

        var sum = collectionStats.SumTotalTermFreq;
        var averageLength = sum <= 0 ? 1f : (float)(sum / (double)collectionStats.MaxDoc);
        return new Stats(collectionStats.Field, idf, averageLength, queryBoost);
    }

    public override SimScorer GetSimScorer(SimWeight weight, AtomicReaderContext context)
    {
        var stats = (Stats)weight;
        return new Scorer(this, stats, context.AtomicReader.GetNormValues(stats.Field));
    }

    /// <summary>The query-side part: idf, boosts and the collection's average length.</summary>
    private sealed class Stats(string field, float idf, float averageLength, float queryBoost) : SimWeight
    {
        public string Field { get; } = field;

        public float AverageLength { get; } = averageLength;

        /// <summary>idf × query boost × top-level boost, set by <see cref="Normalize"/>.</summary>
        public float Weight { get; private set; } = idf * queryBoost;

        public override float GetValueForNormalization()
        {
            var queryWeight = idf * queryBoost;
            return queryWeight * queryWeight;
        }

        public override void Normalize(float queryNorm, float topLevelBoost) => Weight = idf * queryBoost * topLevelBoost;
    }

    /// <summary>weight × (k1 + 1) × freq / (freq + k1 × (1 − b + b × length / average length)).</summary>
    private sealed class Scorer(LengthExactBM25Similarity similarity, Stats stats, NumericDocValues? norms) : SimScorer
    {
        private readonly float _weightValue = stats.Weight * (similarity.K1 + 1);

        public override float Score(int doc, float freq)
        {
            var k1 = similarity.K1;
            var b = similarity.B;
            var norm = norms is null
                ? k1
                : k1 * ((1 - b) + b * LuceneNorms.Quantize((int)norms.Get(doc), similarity.Lengths) / stats.AverageLength);
            return _weightValue * freq / (freq + norm);
        }

        public override float ComputeSlopFactor(int distance) => 1.0f / (distance + 1);

        public override float ComputePayloadFactor(int doc, int start, int end, BytesRef payload) => 1;
    }
}
