using System.Collections.Concurrent;
using PakRussia.Search.Evaluation;

namespace PakRussia.Search.Tests.Evaluation;

public sealed class EvaluationRunnerTests
{
    private static readonly TrecTopic[] Topics = [new("q1", "alpha"), new("q2", "beta"), new("q3", "gamma")];
    private static readonly Qrels Judgments = new([("q1", "d1", 1), ("q2", "d2", 1), ("q4", "d4", 1)]);

    /// <summary>Returns d1 for "alpha" first, d2 for "beta" second, nothing for "gamma".</summary>
    private static IReadOnlyList<RankedDocument> FakeEngine(string query, int depth) => query switch
    {
        "alpha" => [new("d1", 2), new("d2", 1)],
        "beta" => [new("d1", 2), new("d2", 1)],
        _ => [],
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Runs_every_topic_and_scores_the_run(int workers)
    {
        var depths = new ConcurrentBag<int>();
        var progress = new SynchronousProgress();
        var runner = new EvaluationRunner((q, depth) => { depths.Add(depth); return FakeEngine(q, depth); }, Topics, Judgments)
        {
            Depth = 100,
            Workers = workers,
        };

        var result = runner.Run(progress);

        // q1: MRR 1; q2: MRR 1/2; q4 judged but no topic: 0. q3 has no judgments: not evaluated.
        Assert.Equal(3, result.Report.Queries);
        Assert.Equal((1 + 0.5 + 0) / 3, result.Report.Mrr10, 1e-12);
        Assert.Equal(["q1", "q2", "q3"], result.Run.Keys.Order(StringComparer.Ordinal));
        Assert.All(depths, d => Assert.Equal(100, d));
        Assert.Equal([1, 2, 3], progress.Reports.Order());

        var writer = new StringWriter { NewLine = "\n" };
        result.WriteRun(writer, "fake");
        Assert.Equal("q1 Q0 d1 1 2 fake\nq1 Q0 d2 2 1 fake\nq2 Q0 d1 1 2 fake\nq2 Q0 d2 2 1 fake\n", writer.ToString());
    }

    [Fact]
    public void An_engine_failure_is_rethrown_as_is()
    {
        var runner = new EvaluationRunner((_, _) => throw new TimeoutException("slow"), Topics, Judgments) { Workers = 2 };
        Assert.Throws<TimeoutException>(() => runner.Run());
    }

    [Fact]
    public void Best_passage_gives_the_document_score_with_deterministic_ties()
    {
        var ranked = PassageAggregation.BestPassagePerDocument(
        [
            ("b", 1.0), ("a", 3.0), ("c", 3.0), ("b", 5.0), ("a", 2.0), ("d", 0.5),
        ]);

        // b's best passage is 5; a and c tie at 3 → docId ascending: a, c.
        Assert.Equal(
            [new RankedDocument("b", 5), new RankedDocument("a", 3), new RankedDocument("c", 3), new RankedDocument("d", 0.5)],
            ranked);
    }

    private sealed class SynchronousProgress : IProgress<int>
    {
        public ConcurrentQueue<int> Reports { get; } = new();

        public void Report(int value) => Reports.Enqueue(value);
    }
}
