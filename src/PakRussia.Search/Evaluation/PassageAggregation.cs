namespace PakRussia.Search.Evaluation;

/// <summary>Turns passage hits into document hits for document-level evaluation.</summary>
public static class PassageAggregation
{
    /// <summary>
    /// "A document scores as its best passage": keeps each document's highest passage score and returns the
    /// documents ranked by it, score descending, ties broken by docId ascending (ordinal), so the result does not
    /// depend on the order of <paramref name="passageHits"/>. (trec_eval would order such ties by docId descending;
    /// it re-sorts anyway, so this order matters only for what the engine shows.)
    /// </summary>
    /// <exception cref="ArgumentException">A score is NaN.</exception>
    public static IReadOnlyList<RankedDocument> BestPassagePerDocument(IEnumerable<(string docId, double score)> passageHits)
    {
        ArgumentNullException.ThrowIfNull(passageHits);
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (docId, score) in passageHits)
        {
            ArgumentNullException.ThrowIfNull(docId, nameof(passageHits));
            if (double.IsNaN(score))
            {
                throw new ArgumentException($"a passage of '{docId}' has a NaN score", nameof(passageHits));
            }

            if (!best.TryGetValue(docId, out var current) || score > current)
            {
                best[docId] = score;
            }
        }

        var ranked = best.Select(p => new RankedDocument(p.Key, p.Value)).ToArray();
        Array.Sort(ranked, static (x, y) =>
        {
            var byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(x.DocId, y.DocId);
        });
        return ranked;
    }

    /// <summary>
    /// A document scores as its best passage plus <paramref name="share"/> times the sum of its other passages' scores
    /// (so several matching passages lift a document a little); ranked and tie-broken as <see cref="BestPassagePerDocument"/>.
    /// A share of 0 is <see cref="BestPassagePerDocument"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A score is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="share"/> is negative or above 1.</exception>
    public static IReadOnlyList<RankedDocument> BestPlusShare(IEnumerable<(string docId, double score)> passageHits, double share)
    {
        ArgumentNullException.ThrowIfNull(passageHits);
        if (!(share >= 0 && share <= 1)) throw new ArgumentOutOfRangeException(nameof(share), share, "the share must be between 0 and 1");
        var best = new Dictionary<string, (double Best, double Sum)>(StringComparer.Ordinal);
        foreach (var (docId, score) in passageHits)
        {
            ArgumentNullException.ThrowIfNull(docId, nameof(passageHits));
            if (double.IsNaN(score))
            {
                throw new ArgumentException($"a passage of '{docId}' has a NaN score", nameof(passageHits));
            }

            var current = best.TryGetValue(docId, out var c) ? c : (double.NegativeInfinity, 0);
            best[docId] = (Math.Max(current.Best, score), current.Sum + score);
        }

        var ranked = best.Select(p => new RankedDocument(p.Key, p.Value.Best + share * (p.Value.Sum - p.Value.Best))).ToArray();
        Array.Sort(ranked, static (x, y) =>
        {
            var byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(x.DocId, y.DocId);
        });
        return ranked;
    }
}
