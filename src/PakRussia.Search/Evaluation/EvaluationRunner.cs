using System.Runtime.ExceptionServices;

namespace PakRussia.Search.Evaluation;

/// <summary>A finished evaluation: the scores and the rankings they were computed from.</summary>
/// <param name="Report">The scores (trec_eval <c>-c</c> semantics, see <see cref="RelevanceMetrics.Evaluate"/>).</param>
/// <param name="Run">Each topic's ranking as the search function returned it, by topic id.</param>
public sealed record EvaluationResult(EvalReport Report, IReadOnlyDictionary<string, IReadOnlyList<RankedDocument>> Run)
{
    /// <summary>Writes <see cref="Run"/> as a TREC run file (topics in ordinal order) for trec_eval or later comparison.</summary>
    public void WriteRun(TextWriter writer, string runTag)
    {
        foreach (var queryId in Run.Keys.Order(StringComparer.Ordinal))
        {
            TrecRun.Write(writer, queryId, Run[queryId], runTag);
        }
    }
}

/// <summary>
/// Runs every topic through a search function and scores the rankings against the qrels. It knows nothing of the
/// engine: the function receives the topic text and the number of documents wanted (<see cref="Depth"/>) and returns
/// ranked documents with scores (use <see cref="PassageAggregation.BestPassagePerDocument"/> to go from passages to documents).
/// </summary>
public sealed class EvaluationRunner
{
    private readonly Func<string, int, IReadOnlyList<RankedDocument>> _search;
    private readonly IReadOnlyList<TrecTopic> _topics;
    private readonly Qrels _qrels;

    /// <summary>Creates a runner over <paramref name="topics"/>, judged by <paramref name="qrels"/>.</summary>
    public EvaluationRunner(Func<string, int, IReadOnlyList<RankedDocument>> search, IReadOnlyList<TrecTopic> topics, Qrels qrels)
    {
        _search = search ?? throw new ArgumentNullException(nameof(search));
        _topics = topics ?? throw new ArgumentNullException(nameof(topics));
        _qrels = qrels ?? throw new ArgumentNullException(nameof(qrels));
    }

    /// <summary>How many documents to ask for per topic (1000, as Anserini's regressions; at least 100 for Recall@100).</summary>
    public int Depth { get; init; } = 1000;

    /// <summary>How many topics to search at once: 1 (default) or more; the search function must then be thread-safe.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>
    /// Searches every topic, reporting the number of topics finished so far to <paramref name="progress"/>, and scores the run.
    /// An exception from the search function stops the run and is rethrown as is.
    /// </summary>
    public EvaluationResult Run(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Depth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Workers);
        var rankings = new IReadOnlyList<RankedDocument>[_topics.Count];
        var done = 0;
        void SearchTopic(int i)
        {
            var topic = _topics[i];
            rankings[i] = _search(topic.Text, Depth)
                ?? throw new InvalidOperationException($"the search function returned null for topic '{topic.Id}'");
            progress?.Report(Interlocked.Increment(ref done));
        }

        if (Workers == 1)
        {
            for (var i = 0; i < _topics.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                SearchTopic(i);
            }
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellationToken };
            try
            {
                Parallel.For(0, _topics.Count, options, SearchTopic);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count >= 1)
            {
                ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
            }
        }

        var run = new Dictionary<string, IReadOnlyList<RankedDocument>>(StringComparer.Ordinal);
        for (var i = 0; i < _topics.Count; i++)
        {
            run[_topics[i].Id] = rankings[i];
        }

        return new EvaluationResult(RelevanceMetrics.Evaluate(run, _qrels), run);
    }
}
