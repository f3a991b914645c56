using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PakRussia.Search.Evaluation;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia eval</c>: measures ranking quality on a test collection (JSON Lines corpus, TSV topics, TREC qrels).
/// Builds a temporary index, ranks every topic, prints nDCG@10, Recall@100, MRR@10 and MAP as trec_eval -c computes
/// them, with index and query times; progress goes to stderr. <c>--preset</c> ranks with a reference configuration done
/// in Lucene itself (<see cref="EvalPresets"/>) instead; <c>--set</c> changes a ranking's settings, and the report
/// lists every setting in force so each figure can be rerun.
/// </summary>
public static class EvalCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var corpus = new Option<string>("--corpus") { Description = "Corpus as JSON Lines (.jsonl or .jsonl.gz; BEIR's _id, title, text)", Required = true };
        var topics = new Option<string>("--topics") { Description = "Topics: one 'id<TAB>text' a line", Required = true };
        var qrels = new Option<string>("--qrels") { Description = "Judgments: TREC qrels, 'qid 0 docid rel' a line", Required = true };
        var run = new Option<string?>("--run") { Description = "Also write the rankings to this file as a TREC run" };
        var json = CommonOptions.Json();
        var depth = new Option<int>("--depth") { Description = "Documents ranked per topic (default 1000)", DefaultValueFactory = _ => 1000 };
        var workers = new Option<int>("--workers") { Description = "Topics searched at once (default 2)", DefaultValueFactory = _ => 2 };
        var ranking = new Option<EvalRanking>("--ranking")
        {
            Description = "documents (default): BM25 over whole documents with a proximity bonus and pseudo-relevance feedback (RM3); passages: the search command's passage ranking with --any, a document scoring as its best passage; search: exactly what the search command does with the topic's words (every word first, then most of them), a document scoring as its best passage",
            DefaultValueFactory = _ => EvalRanking.Documents,
        };
        var split = new Option<TopicHalf>("--split")
        {
            Description = "all (default): every topic; odd or even: only the topics at odd (1st, 3rd, …) or even positions of the topics file, scored over their own judgments (choose settings on one half, measure on the other)",
            DefaultValueFactory = _ => TopicHalf.All,
        };
        var preset = new Option<string?>("--preset")
        {
            Description = "Rank with a reference configuration done in Lucene itself instead of --ranking: "
                + "anserini-bm25 (Anserini's BEIR flat BM25: title and text in one field, Lucene's EnglishAnalyzer, BM25 k1 0.9 b 0.4), "
                + "anserini-bm25-rm3 (the same with Anserini's RM3 feedback: 10 terms, 10 documents, original query weight 0.5) "
                + "or anserini-bm25-sdm (Anserini's sequential dependence query: neighbouring query words in windows, weights 0.85/0.1/0.05)",
        };
        var lengths = new Option<string?>("--lengths")
        {
            Description = "With --preset: how BM25 knows a document's length: lucene48 (default, Lucene 4.8's one-byte norm), "
                + "lucene9 (Lucene 9's one-byte norm, as Anserini's figures) or exact",
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Change a setting of the ranking, name=value (repeatable), e.g. --set k1=1.2 --set b=0.75; the report lists every setting in force",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("eval", "Measure ranking quality on a test collection (nDCG@10, Recall@100, MRR@10, MAP)")
        {
            corpus, topics, qrels, run, json, depth, workers, ranking, split, preset, lengths, set,
        };
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var corpusPath = parse.GetValue(corpus)!;
            var topicsPath = parse.GetValue(topics)!;
            var qrelsPath = parse.GetValue(qrels)!;
            var runPath = parse.GetValue(run);
            RequireFile(corpusPath, "corpus");
            RequireFile(topicsPath, "topics");
            RequireFile(qrelsPath, "qrels");
            if (runPath is not null && Path.GetDirectoryName(Path.GetFullPath(runPath)) is { } runFolder && !Directory.Exists(runFolder))
            {
                throw new UsageException($"no folder {runFolder} for the run file");
            }

            var depthValue = parse.GetValue(depth);
            var workerCount = parse.GetValue(workers);
            if (depthValue is < 1 or > 10_000) throw new UsageException($"--depth must be between 1 and 10000 (got {depthValue})");
            if (workerCount is < 1 or > 64) throw new UsageException($"--workers must be between 1 and 64 (got {workerCount})");

            var half = parse.GetValue(split);
            var topicList = TopicSplit.Select(Read(() => TrecTopics.Read(topicsPath)), half);
            var judgments = Read(() => TrecQrels.Read(qrelsPath));
            if (half != TopicHalf.All)
            {
                judgments = TopicSplit.Restrict(judgments, topicList);
            }

            var judged = topicList.Count(t => judgments.RelevantCount(t.Id) > 0);
            if (judged == 0)
            {
                throw new UsageException($"no topic of {topicsPath} has a relevant document in {qrelsPath}");
            }

            var options = new CorpusEvaluationOptions { Ranking = parse.GetValue(ranking), Depth = depthValue, Workers = workerCount };
            options = WithPreset(options, parse.GetValue(preset), parse.GetValue(lengths), rankingGiven: parse.GetResult(ranking) is { Implicit: false });
            options = Read(() => EvalSettings.Apply(options, parse.GetValue(set) ?? []));
            error.WriteLine($"eval: indexing {corpusPath}");
            var result = CorpusEvaluation.Run(corpusPath, topicList, judgments, options,
                new IndexCountProgress(error), new TopicProgress(error, topicList.Count));
            if (result.Documents == 0)
            {
                throw new UsageException($"{corpusPath} holds no readable JSON Lines record");
            }

            error.WriteLine($"eval: indexed {result.Documents:N0} documents ({result.Passages:N0} passages) in {result.IndexTime.TotalSeconds:0.0} s; "
                + $"ranked {result.Topics} topics in {result.QueryTime.TotalSeconds:0.0} s");
            if (runPath is not null)
            {
                using var writer = new StreamWriter(runPath);
                result.Evaluation.WriteRun(writer, "pakrussia-" + RankingName(options));
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(ToJson(result, options, half), JsonDefaults.WebIndented));
            }
            else
            {
                WriteReport(output, result, options, half, runPath);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Applies --preset (and its --lengths); a preset with --ranking, or --lengths without a preset, is bad input.</summary>
    private static CorpusEvaluationOptions WithPreset(CorpusEvaluationOptions options, string? name, string? lengthsName, bool rankingGiven)
    {
        if (name is null)
        {
            return lengthsName is not null ? throw new UsageException("--lengths needs --preset (the engine's own rankings keep exact lengths)") : options;
        }

        var anserini = EvalPresets.Find(name)
            ?? throw new UsageException($"unknown preset '{TerminalView.Printable(name)}': use {string.Join(", ", EvalPresets.Names.SkipLast(1))} or {EvalPresets.Names[^1]}");
        if (rankingGiven)
        {
            throw new UsageException("--preset and --ranking cannot be combined: a preset ranks with its own Lucene index");
        }

        var lengths = lengthsName switch
        {
            null or "lucene48" => DocumentLengths.Lucene48,
            "lucene9" => DocumentLengths.Lucene9,
            "exact" => DocumentLengths.Exact,
            _ => throw new UsageException($"unknown --lengths '{TerminalView.Printable(lengthsName)}': use lucene48, lucene9 or exact"),
        };
        return options with { Preset = name, Anserini = anserini with { Lengths = lengths } };
    }

    /// <summary>The preset's name, else the ranking's.</summary>
    private static string RankingName(CorpusEvaluationOptions options) => options.Preset ?? options.Ranking.ToString().ToLowerInvariant();

    private static string SettingsLine(CorpusEvaluationOptions options) =>
        string.Join(' ', EvalSettings.Describe(options).Select(p => $"{p.Key}={p.Value}"));

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"no {what} file at {Path.GetFullPath(path)}");
        }
    }

    /// <summary>A malformed topics or qrels file is bad input: its message names the file and line.</summary>
    private static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static void WriteReport(TextWriter output, CorpusEvaluationResult result, CorpusEvaluationOptions options, TopicHalf split, string? runPath)
    {
        var report = result.Evaluation.Report;
        string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
        output.WriteLine($"ranking     {RankingName(options)} (depth {options.Depth})");
        output.WriteLine($"settings    {SettingsLine(options)}");
        output.WriteLine(options.Anserini is null
            ? $"documents   {result.Documents:N0} ({result.Passages:N0} passages)"
            : $"documents   {result.Documents:N0} (the preset's own Lucene index, one contents field each)");
        var half = split == TopicHalf.All ? "" : $" ({split.ToString().ToLowerInvariant()} half)";
        output.WriteLine($"queries     {report.Queries} judged of {result.Topics} topics{half}");
        output.WriteLine($"nDCG@10     {F(report.Ndcg10)}");
        output.WriteLine($"Recall@100  {F(report.Recall100)}");
        output.WriteLine($"MRR@10      {F(report.Mrr10)}");
        output.WriteLine($"MAP         {F(report.Map)}");
        output.WriteLine($"index time  {result.IndexTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        output.WriteLine($"query time  {result.QueryTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        if (runPath is not null)
        {
            output.WriteLine($"run file    {Path.GetFullPath(runPath)}");
        }
    }

    private static object ToJson(CorpusEvaluationResult result, CorpusEvaluationOptions options, TopicHalf split)
    {
        var report = result.Evaluation.Report;
        return new
        {
            Ranking = RankingName(options),
            options.Preset,
            Settings = EvalSettings.Describe(options).ToDictionary(p => p.Key, p => p.Value),
            options.Depth,
            Split = split.ToString().ToLowerInvariant(),
            result.Documents,
            result.Passages,
            result.Topics,
            report.Queries,
            report.Ndcg10,
            report.Recall100,
            report.Mrr10,
            report.Map,
            report.Success10,
            IndexSeconds = Math.Round(result.IndexTime.TotalSeconds, 3),
            QuerySeconds = Math.Round(result.QueryTime.TotalSeconds, 3),
            PerQuery = report.PerQuery.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value),
        };
    }

    /// <summary>Every 1,000 documents indexed, a line on stderr.</summary>
    private sealed class IndexCountProgress(TextWriter error) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value)
        {
            if (value.Done % 1000 == 0)
            {
                error.WriteLine($"eval: {value.Done:N0} documents indexed");
            }
        }
    }

    /// <summary>About every tenth of the topics, a line on stderr (workers report from several threads).</summary>
    private sealed class TopicProgress(TextWriter error, int total) : IProgress<int>
    {
        private readonly Lock _gate = new();
        private readonly int _step = Math.Max(1, total / 10);

        public void Report(int done)
        {
            if (done % _step == 0 || done == total)
            {
                lock (_gate)
                {
                    error.WriteLine($"eval: {done}/{total} topics ranked");
                }
            }
        }
    }
}
