namespace PakRussia.Search.Evaluation;

/// <summary>The scores of one query (see <see cref="RelevanceMetrics"/> for how each is computed).</summary>
/// <param name="Ndcg10">trec_eval <c>ndcg_cut.10</c>.</param>
/// <param name="Recall100">trec_eval <c>recall_100</c>.</param>
/// <param name="Mrr10">Reciprocal rank of the first relevant document in the top 10, else 0.</param>
/// <param name="Map">trec_eval <c>map</c> (average precision over the whole ranking).</param>
/// <param name="Success10">1 when a relevant document is in the top 10, else 0 (trec_eval <c>success.10</c>).</param>
/// <param name="Relevant">Judged documents with grade above 0.</param>
/// <param name="Retrieved">Documents in the ranking (0 for a query missing from the run).</param>
public sealed record QueryScores(
    double Ndcg10,
    double Recall100,
    double Mrr10,
    double Map,
    double Success10,
    int Relevant,
    int Retrieved);
