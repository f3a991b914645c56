namespace PakRussia.Search.Evaluation;

/// <summary>
/// Relevance judgments: for each query, the graded relevance of the judged documents. A grade above 0 means
/// relevant (trec_eval's default relevance level 1); 0 means judged non-relevant; negative grades (trec_eval's
/// "in the pool but unjudged") count as non-relevant. Documents not listed are non-relevant.
/// </summary>
public sealed class Qrels
{
    private static readonly IReadOnlyDictionary<string, int> Empty = new Dictionary<string, int>();
    private readonly Dictionary<string, IReadOnlyDictionary<string, int>> _byQuery;
    private readonly Dictionary<string, int> _relevantCounts;

    /// <summary>Builds the judgments; a (query, document) pair given twice is an error, as in trec_eval.</summary>
    /// <exception cref="ArgumentException">A document judged twice for the same query.</exception>
    public Qrels(IEnumerable<(string QueryId, string DocId, int Grade)> judgments)
    {
        var byQuery = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (queryId, docId, grade) in judgments)
        {
            if (!byQuery.TryGetValue(queryId, out var docs))
            {
                byQuery[queryId] = docs = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            if (!docs.TryAdd(docId, grade))
            {
                throw new ArgumentException($"document '{docId}' is judged twice for query '{queryId}'", nameof(judgments));
            }

            JudgmentCount++;
        }

        _byQuery = byQuery.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value, StringComparer.Ordinal);
        _relevantCounts = byQuery.ToDictionary(p => p.Key, p => p.Value.Values.Count(g => g > 0), StringComparer.Ordinal);
    }

    /// <summary>Number of judgment lines (query, document, grade).</summary>
    public int JudgmentCount { get; }

    /// <summary>Every query that has at least one judgment, relevant or not, in ordinal order.</summary>
    public IReadOnlyList<string> QueryIds => _byQuery.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The judged documents of <paramref name="queryId"/> and their grades (empty for an unknown query).</summary>
    public IReadOnlyDictionary<string, int> For(string queryId) => _byQuery.GetValueOrDefault(queryId, Empty);

    /// <summary>How many documents of <paramref name="queryId"/> have a grade above 0.</summary>
    public int RelevantCount(string queryId) => _relevantCounts.GetValueOrDefault(queryId);
}
