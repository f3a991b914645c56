namespace PakRussia.Search.Evaluation;

/// <summary>
/// Retrieval metrics computed the way trec_eval 9.x computes them, so our numbers compare with published
/// BEIR/Anserini figures (which come from <c>trec_eval -c -m ndcg_cut.10 -m recall.100 …</c>).
/// </summary>
/// <remarks>
/// <para><b>Ordering.</b> trec_eval ignores the rank column of a run. It sorts each query's documents by score,
/// highest first, and breaks ties by comparing the docids as strings in <i>reverse</i> order (its comparator is
/// <c>strcmp(docno2, docno1)</c>), so among equal scores "d9" ranks before "d10" before "d1". Every metric here first
/// puts the ranking in that order (<see cref="SortLikeTrecEval"/>); the order the engine returned is not used.
/// Docids are compared ordinally (UTF-16 code units), which equals strcmp on UTF-8 for the ASCII ids we use.</para>
/// <para><b>Relevance.</b> A document is relevant when its grade is above 0 (trec_eval's default relevance level 1);
/// unjudged documents count as non-relevant.</para>
/// <para><b>nDCG@10</b> (<c>ndcg_cut.10</c>): DCG = Σ over the top 10 of grade / log2(rank + 1), grade used as the
/// gain (graded; grades ≤ 0 give nothing). The ideal DCG puts <i>all</i> the query's judged documents with grade &gt; 0 in
/// grade order and cuts it at 10 too. nDCG = DCG / ideal DCG.</para>
/// <para><b>Recall@100</b> (<c>recall_100</c>): relevant documents in the top 100 / all relevant documents of the query
/// (so a ranking of fewer than 100 documents is not padded or penalised beyond what it misses).</para>
/// <para><b>MRR@10</b>: 1 / rank of the first relevant document within the top 10, 0 if none; this is trec_eval's
/// <c>recip_rank</c> on a run cut to 10 documents (<c>-M 10</c>), as MS MARCO-style MRR@10 is defined.</para>
/// <para><b>MAP</b> (<c>map</c>): for each relevant document retrieved, the precision at its rank; summed over the whole
/// ranking and divided by the number of relevant documents (retrieved or not).</para>
/// <para><b>Success@k</b> (<c>success.k</c>): 1 when any relevant document is in the top k.</para>
/// <para><b>Which queries are averaged.</b> Plain trec_eval averages over queries present in both the run and the
/// qrels; with <c>-c</c> (what Anserini and BEIR report) it averages over every qrels query, a query the run lacks
/// scoring 0 on everything. <see cref="Evaluate"/> follows <c>-c</c>, except that a query whose judgments hold no
/// relevant document is skipped altogether: no ranking can score on it (trec_eval 9.x would count it as 0, older
/// trec_eval skipped it). Queries in the run but not in the qrels are ignored, as trec_eval does.</para>
/// </remarks>
public static class RelevanceMetrics
{
    /// <summary>The trec_eval order: score descending, then docid descending (ordinal).</summary>
    public static int CompareLikeTrecEval(RankedDocument x, RankedDocument y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byScore = y.Score.CompareTo(x.Score);
        return byScore != 0 ? byScore : string.CompareOrdinal(y.DocId, x.DocId);
    }

    /// <summary>Returns the ranking in trec_eval's order (see <see cref="CompareLikeTrecEval"/>).</summary>
    /// <exception cref="ArgumentException">A document appears twice (trec_eval refuses such runs too) or a score is NaN.</exception>
    public static IReadOnlyList<RankedDocument> SortLikeTrecEval(IEnumerable<RankedDocument> ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var docs = ranking.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in docs)
        {
            if (double.IsNaN(doc.Score))
            {
                throw new ArgumentException($"document '{doc.DocId}' has a NaN score", nameof(ranking));
            }

            if (!seen.Add(doc.DocId))
            {
                throw new ArgumentException($"document '{doc.DocId}' appears twice in the ranking", nameof(ranking));
            }
        }

        Array.Sort(docs, CompareLikeTrecEval);
        return docs;
    }

    /// <summary>nDCG@<paramref name="k"/> of one query (trec_eval <c>ndcg_cut.k</c>).</summary>
    public static double NdcgAt(IEnumerable<RankedDocument> ranking, IReadOnlyDictionary<string, int> judgments, int k) =>
        Ndcg(Grades(ranking, judgments), judgments, k);

    /// <summary>Recall@<paramref name="k"/> of one query (trec_eval <c>recall_k</c>); 0 when nothing is relevant.</summary>
    public static double RecallAt(IEnumerable<RankedDocument> ranking, IReadOnlyDictionary<string, int> judgments, int k) =>
        Recall(Grades(ranking, judgments), CountRelevant(judgments), k);

    /// <summary>Reciprocal rank of the first relevant document within the top <paramref name="k"/>, else 0.</summary>
    public static double ReciprocalRankAt(IEnumerable<RankedDocument> ranking, IReadOnlyDictionary<string, int> judgments, int k) =>
        ReciprocalRank(Grades(ranking, judgments), k);

    /// <summary>Average precision of one query over the whole ranking (trec_eval <c>map</c>); 0 when nothing is relevant.</summary>
    public static double AveragePrecision(IEnumerable<RankedDocument> ranking, IReadOnlyDictionary<string, int> judgments) =>
        AveragePrecision(Grades(ranking, judgments), CountRelevant(judgments));

    /// <summary>1 when a relevant document is within the top <paramref name="k"/>, else 0 (trec_eval <c>success.k</c>).</summary>
    public static double SuccessAt(IEnumerable<RankedDocument> ranking, IReadOnlyDictionary<string, int> judgments, int k) =>
        ReciprocalRank(Grades(ranking, judgments), k) > 0 ? 1 : 0;

    /// <summary>All scores of one query; <paramref name="ranking"/> may be in any order (it is sorted like trec_eval).</summary>
    public static QueryScores ScoreQuery(IEnumerable<RankedDocument> ranking, IReadOnlyDictionary<string, int> judgments)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        var grades = Grades(ranking, judgments);
        var relevant = CountRelevant(judgments);
        var rr10 = ReciprocalRank(grades, 10);
        return new QueryScores(
            Ndcg10: Ndcg(grades, judgments, 10),
            Recall100: Recall(grades, relevant, 100),
            Mrr10: rr10,
            Map: AveragePrecision(grades, relevant),
            Success10: rr10 > 0 ? 1 : 0,
            Relevant: relevant,
            Retrieved: grades.Length);
    }

    /// <summary>
    /// Scores a whole run with trec_eval <c>-c</c> semantics: every qrels query with a relevant document is evaluated,
    /// a query missing from <paramref name="run"/> with an empty ranking (0 on everything); queries with no relevant
    /// document, and run queries absent from the qrels, are left out. Means are over the evaluated queries (0 when none).
    /// </summary>
    public static EvalReport Evaluate(IReadOnlyDictionary<string, IReadOnlyList<RankedDocument>> run, Qrels qrels)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(qrels);
        var perQuery = new Dictionary<string, QueryScores>(StringComparer.Ordinal);
        foreach (var queryId in qrels.QueryIds)
        {
            if (qrels.RelevantCount(queryId) == 0)
            {
                continue;
            }

            var ranking = run.GetValueOrDefault(queryId) ?? [];
            try
            {
                perQuery[queryId] = ScoreQuery(ranking, qrels.For(queryId));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"query '{queryId}': {ex.Message}", nameof(run), ex);
            }
        }

        var n = perQuery.Count;
        double Mean(Func<QueryScores, double> metric) => n == 0 ? 0 : perQuery.Values.Sum(metric) / n;
        return new EvalReport(n, Mean(q => q.Ndcg10), Mean(q => q.Recall100), Mean(q => q.Mrr10), Mean(q => q.Map), perQuery);
    }

    /// <summary>The grade of each ranked document in trec_eval order; unjudged documents get 0.</summary>
    private static int[] Grades(IEnumerable<RankedDocument> ranking, IReadOnlyDictionary<string, int> judgments)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        var sorted = SortLikeTrecEval(ranking);
        var grades = new int[sorted.Count];
        for (var i = 0; i < grades.Length; i++)
        {
            grades[i] = judgments.GetValueOrDefault(sorted[i].DocId);
        }

        return grades;
    }

    private static int CountRelevant(IReadOnlyDictionary<string, int> judgments) => judgments.Values.Count(g => g > 0);

    private static double Ndcg(int[] grades, IReadOnlyDictionary<string, int> judgments, int k)
    {
        CheckCutoff(k);
        var dcg = Dcg(grades.Take(k));
        var ideal = Dcg(judgments.Values.Where(g => g > 0).OrderDescending().Take(k));
        return ideal > 0 ? dcg / ideal : 0;
    }

    /// <summary>Σ grade / log2(rank + 1) over positive grades, rank 1-based.</summary>
    private static double Dcg(IEnumerable<int> gradesInRankOrder)
    {
        var sum = 0.0;
        var rank = 0;
        foreach (var grade in gradesInRankOrder)
        {
            rank++;
            if (grade > 0)
            {
                sum += grade / Math.Log2(rank + 1);
            }
        }

        return sum;
    }

    private static double Recall(int[] grades, int relevant, int k)
    {
        CheckCutoff(k);
        return relevant == 0 ? 0 : (double)grades.Take(k).Count(g => g > 0) / relevant;
    }

    private static double ReciprocalRank(int[] grades, int k)
    {
        CheckCutoff(k);
        var limit = Math.Min(k, grades.Length);
        for (var i = 0; i < limit; i++)
        {
            if (grades[i] > 0)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    private static double AveragePrecision(int[] grades, int relevant)
    {
        if (relevant == 0)
        {
            return 0;
        }

        var found = 0;
        var sum = 0.0;
        for (var i = 0; i < grades.Length; i++)
        {
            if (grades[i] > 0)
            {
                found++;
                sum += (double)found / (i + 1);
            }
        }

        return sum / relevant;
    }

    private static void CheckCutoff(int k) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
}
