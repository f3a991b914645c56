namespace PakRussia.Search.Evaluation;

/// <summary>
/// Mean scores of a run over the evaluated queries: every query of the qrels with at least one relevant document,
/// a query missing from the run scoring 0 (trec_eval <c>-c</c>; see <see cref="RelevanceMetrics.Evaluate"/>).
/// </summary>
/// <param name="Queries">How many queries the means are over (= <see cref="PerQuery"/>.Count).</param>
/// <param name="Ndcg10">Mean nDCG@10.</param>
/// <param name="Recall100">Mean Recall@100.</param>
/// <param name="Mrr10">Mean reciprocal rank, cut at 10.</param>
/// <param name="Map">Mean average precision.</param>
/// <param name="PerQuery">Each evaluated query's scores, by query id.</param>
public sealed record EvalReport(
    int Queries,
    double Ndcg10,
    double Recall100,
    double Mrr10,
    double Map,
    IReadOnlyDictionary<string, QueryScores> PerQuery)
{
    /// <summary>Share of evaluated queries with a relevant document in the top 10.</summary>
    public double Success10 => Queries == 0 ? 0 : PerQuery.Values.Sum(q => q.Success10) / Queries;
}
