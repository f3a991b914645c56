using PakRussia.Search.Evaluation;

namespace PakRussia.Search.Tests.Evaluation;

/// <summary>
/// The metrics against values worked out by hand (log2(3) = 1.5849625, log2(5) = 2.3219281).
///
/// Qrels:  q1 (graded)  d1=2, d2=1, d3=0, d4=2      → 3 relevant (d1, d2, d4)
///         q2 (binary)  a=1, d=1                    → 2 relevant
///         q3           x=0                         → nothing relevant: skipped
///         q4           m=1                         → not in the run: scores 0 (-c)
/// Run:    q1  d3 0.9, d1 0.8, d5 0.7 (unjudged), d2 0.6   (d4 not retrieved)
///         q2  a 1.0, b 1.0, c 1.0, d 0.5, e 0.2           (three-way tie)
///         q3  x 1.0
///         q5  z 1.0                                       (not in the qrels: ignored)
/// </summary>
public sealed class RelevanceMetricsTests
{
    private const double Tolerance = 1e-9;

    private static readonly Qrels Judgments = new(
    [
        ("q1", "d1", 2), ("q1", "d2", 1), ("q1", "d3", 0), ("q1", "d4", 2),
        ("q2", "a", 1), ("q2", "d", 1),
        ("q3", "x", 0),
        ("q4", "m", 1),
    ]);

    private static readonly Dictionary<string, IReadOnlyList<RankedDocument>> Run = new()
    {
        ["q1"] = [new("d3", 0.9), new("d1", 0.8), new("d5", 0.7), new("d2", 0.6)],
        ["q2"] = [new("a", 1.0), new("b", 1.0), new("c", 1.0), new("d", 0.5), new("e", 0.2)],
        ["q3"] = [new("x", 1.0)],
        ["q5"] = [new("z", 1.0)],
    };

    [Fact]
    public void Graded_query_scores_match_the_hand_computation()
    {
        // Order d3, d1, d5, d2 → grades 0, 2, 0, 1.
        // DCG@10   = 2/log2(3) + 1/log2(5) = 1.2618595 + 0.4306766 = 1.6925361
        // ideal    = grades 2, 2, 1 (d1, d4, d2 — d4 counts though not retrieved)
        //          = 2/log2(2) + 2/log2(3) + 1/log2(4) = 2 + 1.2618595 + 0.5 = 3.7618595
        // nDCG@10  = 1.6925361 / 3.7618595 = 0.4499201
        // Recall@100 = 2 of 3 relevant retrieved (only 4 retrieved, no padding) = 0.6666667
        // MRR@10   = first relevant at rank 2 = 0.5
        // AP       = (1/2 at rank 2 + 2/4 at rank 4) / 3 relevant = 1/3
        var scores = RelevanceMetrics.ScoreQuery(Run["q1"], Judgments.For("q1"));

        Assert.Equal(0.4499200627, scores.Ndcg10, Tolerance);
        Assert.Equal(2.0 / 3, scores.Recall100, Tolerance);
        Assert.Equal(0.5, scores.Mrr10, Tolerance);
        Assert.Equal(1.0 / 3, scores.Map, Tolerance);
        Assert.Equal(1, scores.Success10);
        Assert.Equal(3, scores.Relevant);
        Assert.Equal(4, scores.Retrieved);
    }

    [Fact]
    public void Ties_are_broken_by_docid_descending_like_trec_eval()
    {
        // a, b, c all score 1.0; trec_eval orders ties by docid descending: c, b, a, then d, e.
        // Grades 0, 0, 1, 1, 0. (In the given order a would be rank 1 and MRR would be 1.)
        // DCG@10  = 1/log2(4) + 1/log2(5) = 0.5 + 0.4306766 = 0.9306766
        // ideal   = 1/log2(2) + 1/log2(3) = 1 + 0.6309298 = 1.6309298
        // nDCG@10 = 0.9306766 / 1.6309298 = 0.5706417
        // Recall@100 = 2/2 = 1;  MRR@10 = 1/3;  AP = (1/3 + 2/4) / 2 = 0.4166667
        var sorted = RelevanceMetrics.SortLikeTrecEval(Run["q2"]);
        Assert.Equal(["c", "b", "a", "d", "e"], sorted.Select(d => d.DocId));

        var scores = RelevanceMetrics.ScoreQuery(Run["q2"], Judgments.For("q2"));
        Assert.Equal(0.5706417190, scores.Ndcg10, Tolerance);
        Assert.Equal(1.0, scores.Recall100, Tolerance);
        Assert.Equal(1.0 / 3, scores.Mrr10, Tolerance);
        Assert.Equal(5.0 / 12, scores.Map, Tolerance);
    }

    [Fact]
    public void Tied_docids_compare_as_strings_not_numbers()
    {
        // strcmp order is d1 < d10 < d9, so descending gives d9, d10, d1.
        var sorted = RelevanceMetrics.SortLikeTrecEval([new("d1", 2), new("d10", 2), new("d9", 2), new("d0", 3)]);
        Assert.Equal(["d0", "d9", "d10", "d1"], sorted.Select(d => d.DocId));
    }

    [Fact]
    public void Run_is_averaged_over_qrels_queries_with_relevant_documents_missing_ones_scoring_zero()
    {
        // Evaluated: q1, q2, q4 (q3 has no relevant document; q5 is not judged).
        // nDCG@10    = (0.4499201 + 0.5706417 + 0) / 3 = 0.3401873
        // Recall@100 = (2/3 + 1 + 0) / 3 = 5/9
        // MRR@10     = (1/2 + 1/3 + 0) / 3 = 5/18
        // MAP        = (1/3 + 5/12 + 0) / 3 = 1/4
        // Success@10 = (1 + 1 + 0) / 3 = 2/3
        var report = RelevanceMetrics.Evaluate(Run, Judgments);

        Assert.Equal(3, report.Queries);
        Assert.Equal(["q1", "q2", "q4"], report.PerQuery.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0.3401872605, report.Ndcg10, Tolerance);
        Assert.Equal(5.0 / 9, report.Recall100, Tolerance);
        Assert.Equal(5.0 / 18, report.Mrr10, Tolerance);
        Assert.Equal(0.25, report.Map, Tolerance);
        Assert.Equal(2.0 / 3, report.Success10, Tolerance);
        Assert.Equal(new QueryScores(0, 0, 0, 0, 0, Relevant: 1, Retrieved: 0), report.PerQuery["q4"]);
    }

    [Fact]
    public void Cutoffs_ignore_documents_below_rank_10_and_100()
    {
        // One relevant document r at rank 11 (ten higher-scoring non-relevant n0..n9):
        // nDCG@10 = 0, MRR@10 = 0, Success@10 = 0, Recall@100 = 1, AP = (1/11) / 1.
        var judgments = new Dictionary<string, int> { ["r"] = 1 };
        var at11 = Enumerable.Range(0, 10).Select(i => new RankedDocument($"n{i}", 100 - i)).Append(new("r", 1)).ToList();
        var s11 = RelevanceMetrics.ScoreQuery(at11, judgments);
        Assert.Equal(new QueryScores(0, 1, 0, 1.0 / 11, 0, 1, 11), s11);

        // Same document at rank 101: Recall@100 = 0, but AP still counts it: 1/101.
        var at101 = Enumerable.Range(0, 100).Select(i => new RankedDocument($"n{i:D3}", 1000 - i)).Append(new("r", 1)).ToList();
        Assert.Equal(0, RelevanceMetrics.RecallAt(at101, judgments, 100));
        Assert.Equal(1.0 / 101, RelevanceMetrics.AveragePrecision(at101, judgments), Tolerance);
        Assert.Equal(1, RelevanceMetrics.SuccessAt(at101, judgments, 101));
    }

    [Fact]
    public void Ideal_dcg_is_cut_at_10_too()
    {
        // 12 relevant documents ranked 1..12: the top 10 equal the ideal top 10, so nDCG@10 = 1 (not 10 of 12 gains).
        var judgments = Enumerable.Range(0, 12).ToDictionary(i => $"r{i:D2}", _ => 1);
        var ranking = Enumerable.Range(0, 12).Select(i => new RankedDocument($"r{i:D2}", 12 - i)).ToList();
        Assert.Equal(1.0, RelevanceMetrics.NdcgAt(ranking, judgments, 10), Tolerance);
        // Recall@100 = 12/12; AP = 1 (every rank's precision is 1).
        Assert.Equal(1.0, RelevanceMetrics.RecallAt(ranking, judgments, 100), Tolerance);
        Assert.Equal(1.0, RelevanceMetrics.AveragePrecision(ranking, judgments), Tolerance);
    }

    [Fact]
    public void Binary_judgments_give_the_textbook_values()
    {
        // Relevant at ranks 1 and 3 of 3, 2 relevant: DCG = 1 + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3) = 1.6309298;
        // nDCG = 0.9197208. AP = (1/1 + 2/3) / 2 = 0.8333333. MRR = 1.
        var judgments = new Dictionary<string, int> { ["a"] = 1, ["c"] = 1 };
        var ranking = new RankedDocument[] { new("a", 3), new("b", 2), new("c", 1) };
        Assert.Equal(1.5 / (1 + 1 / Math.Log2(3)), RelevanceMetrics.NdcgAt(ranking, judgments, 10), Tolerance);
        Assert.Equal(0.9197207891, RelevanceMetrics.NdcgAt(ranking, judgments, 10), 1e-9);
        Assert.Equal(5.0 / 6, RelevanceMetrics.AveragePrecision(ranking, judgments), Tolerance);
        Assert.Equal(1.0, RelevanceMetrics.ReciprocalRankAt(ranking, judgments, 10));
    }

    [Fact]
    public void A_document_listed_twice_is_refused_like_trec_eval()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            RelevanceMetrics.Evaluate(new Dictionary<string, IReadOnlyList<RankedDocument>> { ["q1"] = [new("d1", 2), new("d1", 1)] }, Judgments));
        Assert.Contains("q1", ex.Message);
        Assert.Contains("d1", ex.Message);
    }

    [Fact]
    public void No_evaluable_query_gives_zero_means_not_NaN()
    {
        var report = RelevanceMetrics.Evaluate(Run, new Qrels([("q3", "x", 0)]));
        Assert.Equal(0, report.Queries);
        Assert.Equal(0, report.Ndcg10);
        Assert.Equal(0, report.Success10);
    }
}
