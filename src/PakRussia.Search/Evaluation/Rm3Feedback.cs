using Lucene.Net.Index;
using Lucene.Net.Search;

namespace PakRussia.Search.Evaluation;

/// <summary>
/// RM3 as Anserini's Rm3Reranker computes it, on the index's term vectors: each of the first ranking's top
/// <see cref="Rm3Options.FeedbackDocuments"/> documents becomes a vector of its term counts (only terms of 2–20
/// characters a–z, 0–9, in at most 10% of the documents), cut to its <see cref="Rm3Options.FeedbackTerms"/> heaviest;
/// a term's relevance-model weight is Σ over those documents of count / the vector's L1 norm × the document's first
/// score; the model is cut to its heaviest terms, scaled to sum 1, and mixed with the query's own term distribution
/// (<see cref="Rm3Options.OriginalQueryWeight"/> of it). All in single precision, as Anserini.
/// </summary>
/// <remarks>Ties in a cut go to the term first in ordinal order (Anserini leaves them to a hash map's order).</remarks>
public static class Rm3Feedback
{
    /// <summary>Largest share of the documents a feedback term may occur in (Anserini's fixed 10%).</summary>
    private const float MaxDocumentShare = 0.1f;

    /// <summary>
    /// The expanded query: each term with its weight. <paramref name="queryTerms"/> are the analysed query words with
    /// their counts; <paramref name="firstRanking"/> the first ranking, best first, with its scores.
    /// </summary>
    public static IReadOnlyList<(string Term, float Weight)> Expand(IndexReader reader, string field,
        IReadOnlyList<(string Term, int Count)> queryTerms, IReadOnlyList<ScoreDoc> firstRanking, Rm3Options options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(queryTerms);
        ArgumentNullException.ThrowIfNull(firstRanking);
        ArgumentNullException.ThrowIfNull(options);
        var total = (float)queryTerms.Sum(t => t.Count);
        var query = queryTerms.ToDictionary(t => t.Term, t => t.Count / total, StringComparer.Ordinal);

        var feedback = Math.Min(options.FeedbackDocuments, firstRanking.Count);
        var model = new Dictionary<string, float>(StringComparer.Ordinal);
        var vectors = new List<(Dictionary<string, float> Vector, float Norm, float Score)>();
        for (var i = 0; i < feedback; i++)
        {
            var vector = Prune(DocumentVector(reader, field, firstRanking[i].Doc), options.FeedbackTerms);
            vectors.Add((vector, vector.Values.Sum(), firstRanking[i].Score));
        }

        foreach (var term in vectors.SelectMany(v => v.Vector.Keys).Distinct(StringComparer.Ordinal))
        {
            var weight = 0f;
            foreach (var (vector, norm, score) in vectors)
            {
                if (norm > 0.001f)
                {
                    weight += vector.GetValueOrDefault(term) / norm * score;
                }
            }

            model[term] = weight;
        }

        model = Prune(model, options.FeedbackTerms);
        var modelTotal = model.Values.Sum();
        var originalWeight = (float)options.OriginalQueryWeight;
        return query.Keys.Union(model.Keys, StringComparer.Ordinal)
            .Select(term => (term, (float)(originalWeight * query.GetValueOrDefault(term)
                + (1.0 - originalWeight) * (modelTotal > 0 ? model.GetValueOrDefault(term) / modelTotal : 0))))
            .ToList();
    }

    /// <summary>A document's feedback terms and their counts, from its term vector (empty without one).</summary>
    private static Dictionary<string, float> DocumentVector(IndexReader reader, string field, int doc)
    {
        var vector = new Dictionary<string, float>(StringComparer.Ordinal);
        var terms = reader.GetTermVector(doc, field);
        if (terms is null)
        {
            return vector;
        }

        var documents = (float)reader.NumDocs;
        var each = terms.GetEnumerator();
        while (each.MoveNext())
        {
            var term = each.Term.Utf8ToString();
            if (term.Length is < 2 or > 20 || !term.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                continue;
            }

            if (reader.DocFreq(new Term(field, term)) / documents > MaxDocumentShare)
            {
                continue;
            }

            vector[term] = each.TotalTermFreq;
        }

        return vector;
    }

    /// <summary>The <paramref name="size"/> heaviest entries (ties to the ordinally first term).</summary>
    private static Dictionary<string, float> Prune(Dictionary<string, float> vector, int size) =>
        vector.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(size)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
