namespace PakRussia.Search.Evaluation;

/// <summary>
/// The last step of an Anserini run (its ScoreTiesAdjusterReranker): scores are rounded to 4 decimals and, within a
/// run of scores that round alike, each later document loses another millionth, so that any tool re-sorting the run by
/// score (trec_eval does) keeps Anserini's order: score descending, ties by docid ascending.
/// </summary>
public static class AnseriniScoreTies
{
    /// <summary>
    /// Adjusts <paramref name="ranked"/>, which must already be in Anserini's order, in single precision as Anserini does.
    /// </summary>
    public static IReadOnlyList<RankedDocument> Adjust(IReadOnlyList<(string DocId, float Score)> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        var result = new RankedDocument[ranked.Count];
        var previous = 0f;
        var duplicates = 0;
        for (var i = 0; i < ranked.Count; i++)
        {
            // Java's Math.round(float): floor(x + 0.5).
            var score = MathF.Floor(ranked[i].Score * 1e4f + 0.5f) / 1e4f;
            if (i == 0 || previous - score > 1e-4f)
            {
                duplicates = 0;
            }
            else
            {
                duplicates++;
                score -= 1e-6f * duplicates;
            }

            previous = score;
            result[i] = new RankedDocument(ranked[i].DocId, score);
        }

        return result;
    }
}
