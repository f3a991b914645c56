using System.Diagnostics;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;

namespace PakRussia.Search.Evaluation;

/// <summary>How the documents of a test collection are ranked.</summary>
public enum EvalRanking
{
    /// <summary>Whole documents by BM25 from the index's postings, with pseudo-relevance feedback (<see cref="DocumentRanker"/>). The default: it scores best.</summary>
    Documents,

    /// <summary>Passages by Lucene BM25 over text, title and section (what <c>pakrussia search --any</c> does), documents by their best passage.</summary>
    Passages,

    /// <summary>
    /// Exactly what <c>pakrussia search</c> does with the topic typed as it is (its words, no syntax): passages with every
    /// word, then with most of them (a sentence-like query), by rank tier and BM25; documents by their best passage.
    /// </summary>
    Search,
}

/// <summary>Settings of a <see cref="CorpusEvaluation"/> run.</summary>
public sealed record CorpusEvaluationOptions
{
    public EvalRanking Ranking { get; init; } = EvalRanking.Documents;

    /// <summary>Documents ranked per topic (1000, as Anserini's regressions).</summary>
    public int Depth { get; init; } = 1000;

    /// <summary>Topics searched at once.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Scoring of <see cref="EvalRanking.Documents"/>.</summary>
    public DocumentRankOptions Documents { get; init; } = new();

    /// <summary>
    /// <see cref="EvalRanking.Passages"/> only: a document scores as its best passage plus this share of its other
    /// matching passages' scores (0 = best passage only).
    /// </summary>
    public double PassageShare { get; init; }

    /// <summary><see cref="EvalRanking.Passages"/> and <see cref="EvalRanking.Search"/>: the proximity rescoring, as <c>pakrussia search</c> does by default.</summary>
    public PassageProximity Proximity { get; init; } = PassageProximity.Default;

    /// <summary>
    /// The preset the run reproduces (<see cref="EvalPresets"/>), or null. Set together with <see cref="Anserini"/>.
    /// </summary>
    public string? Preset { get; init; }

    /// <summary>
    /// When set, documents are ranked by <see cref="AnseriniBaseline"/> (Lucene's own analysis and BM25 over a separate
    /// in-memory index) instead of the engine's index; <see cref="Ranking"/> is then not used.
    /// </summary>
    public AnseriniOptions? Anserini { get; init; }
}

/// <summary>An index built from a JSON Lines test collection, with the records' own ids.</summary>
/// <param name="IndexPath">The index file.</param>
/// <param name="Summary">What the build did.</param>
/// <param name="OriginalIds">Index doc id → the record's own id (as the qrels name it).</param>
public sealed record EvaluationIndex(string IndexPath, BuildSummary Summary, IReadOnlyDictionary<string, string> OriginalIds);

/// <summary>The outcome of <see cref="CorpusEvaluation.Run"/>: scores, rankings and where the time went.</summary>
public sealed record CorpusEvaluationResult(
    EvaluationResult Evaluation,
    int Documents,
    long Passages,
    int Topics,
    TimeSpan IndexTime,
    TimeSpan QueryTime);

/// <summary>
/// Measures the engine on a test collection (BEIR-style JSON Lines corpus, TSV topics, TREC qrels): indexes the corpus
/// through the same pipeline as any JSON Lines import, ranks every topic, and scores the rankings as trec_eval -c does.
/// Used by <c>pakrussia eval</c>, the tests and the benchmarks.
/// </summary>
public static class CorpusEvaluation
{
    /// <summary>Builds an index of <paramref name="corpusPath"/> at <paramref name="indexPath"/>.</summary>
    public static EvaluationIndex BuildIndex(string corpusPath, string indexPath, IProgress<BuildProgress>? progress = null)
    {
        var skipped = new List<SkippedFile>();
        var originalIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var documents = JsonlDocuments.Read(corpusPath, skipped, originalIds);
        var summary = IndexBuilder.BuildFrom(documents, indexPath, "jsonl:" + Path.GetFullPath(corpusPath), skipped, new BuildOptions { Progress = progress });
        return new EvaluationIndex(Path.GetFullPath(indexPath), summary, originalIds);
    }

    /// <summary>
    /// The search function for <see cref="EvaluationRunner"/>: topic text → ranked documents named by the records' ids.
    /// Topics are free text (no query syntax); words combine with OR, stop words dropped.
    /// </summary>
    public static Func<string, int, IReadOnlyList<RankedDocument>> SearchFunction(EvaluationIndex index, CorpusEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        options ??= new CorpusEvaluationOptions();
        string Original(string docId) => index.OriginalIds.GetValueOrDefault(docId, docId);
        if (options.Ranking == EvalRanking.Documents)
        {
            var ranker = new DocumentRanker(index.IndexPath, options.Documents);
            return (text, depth) => ranker.Rank(text, depth).Select(d => d with { DocId = Original(d.DocId) }).ToList();
        }

        var searcher = new Searcher(index.IndexPath) { TimeBudget = Timeout.InfiniteTimeSpan, Proximity = options.Proximity }; // a batch run: a busy machine must not stop a topic
        var share = options.PassageShare;
        return (text, depth) =>
        {
            // Documents have several passages: ask for more passages than documents wanted.
            var passages = searcher.Rank(new SearchRequest { Query = text, Any = options.Ranking == EvalRanking.Passages, PlainText = true, Facets = false },
                (int)Math.Min(SearchLimits.MaxResultWindow, depth * 3L));
            var hits = passages.Select(p => (Original(p.DocId), p.Score));
            var ranked = share > 0 ? PassageAggregation.BestPlusShare(hits, share) : PassageAggregation.BestPassagePerDocument(hits);
            return ranked.Count <= depth ? ranked : ranked.Take(depth).ToList();
        };
    }

    /// <summary>Ranks every topic over an existing evaluation index and scores the run.</summary>
    public static EvaluationResult Evaluate(EvaluationIndex index, IReadOnlyList<TrecTopic> topics, Qrels qrels,
        CorpusEvaluationOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new CorpusEvaluationOptions();
        var runner = new EvaluationRunner(SearchFunction(index, options), topics, qrels) { Depth = options.Depth, Workers = options.Workers };
        return runner.Run(progress, cancellationToken);
    }

    /// <summary>
    /// The whole measurement: builds a temporary index of <paramref name="corpusPath"/> in a new folder under the
    /// system temp folder, ranks every topic, scores the run, and deletes the folder (also on failure).
    /// </summary>
    public static CorpusEvaluationResult Run(string corpusPath, IReadOnlyList<TrecTopic> topics, Qrels qrels, CorpusEvaluationOptions? options = null,
        IProgress<BuildProgress>? indexProgress = null, IProgress<int>? queryProgress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(qrels);
        options ??= new CorpusEvaluationOptions();
        if (options.Anserini is not null)
        {
            return RunAnserini(corpusPath, topics, qrels, options, indexProgress, queryProgress, cancellationToken);
        }

        var folder = Path.Combine(Path.GetTempPath(), "pakrussia-eval-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            var clock = Stopwatch.StartNew();
            var index = BuildIndex(corpusPath, Path.Combine(folder, "index"), indexProgress);
            var indexTime = clock.Elapsed;
            clock.Restart();
            var evaluation = Evaluate(index, topics, qrels, options, queryProgress, cancellationToken);
            var queryTime = clock.Elapsed;
            return new CorpusEvaluationResult(evaluation, (int)index.Summary.Documents, index.Summary.Passages, topics.Count, indexTime, queryTime);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// <see cref="Run"/> for <see cref="CorpusEvaluationOptions.Anserini"/>: the corpus goes into an in-memory Lucene
    /// index of its own (progress: records indexed, every 1,000), and <see cref="AnseriniBaseline.Rank"/> ranks.
    /// </summary>
    private static CorpusEvaluationResult RunAnserini(string corpusPath, IReadOnlyList<TrecTopic> topics, Qrels qrels, CorpusEvaluationOptions options,
        IProgress<BuildProgress>? indexProgress, IProgress<int>? queryProgress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var baseline = AnseriniBaseline.Build(corpusPath, options.Anserini,
            indexProgress is null ? null : new RecordCountProgress(indexProgress, corpusPath));
        var indexTime = clock.Elapsed;
        clock.Restart();
        var runner = new EvaluationRunner((text, depth) => baseline.Rank(text, depth), topics, qrels) { Depth = options.Depth, Workers = options.Workers };
        var evaluation = runner.Run(queryProgress, cancellationToken);
        return new CorpusEvaluationResult(evaluation, baseline.DocumentCount, 0, topics.Count, indexTime, clock.Elapsed);
    }

    /// <summary>Records indexed by <see cref="AnseriniBaseline.Build"/>, reported as build progress (total unknown).</summary>
    private sealed class RecordCountProgress(IProgress<BuildProgress> target, string corpusPath) : IProgress<int>
    {
        public void Report(int value) => target.Report(new BuildProgress(value, 0, corpusPath));
    }
}
