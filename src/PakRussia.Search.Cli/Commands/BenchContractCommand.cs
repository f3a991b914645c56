using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia bench-contract PASSAGES.jsonl QUERIES.txt</c>: our engine under the peer benchmarks' contract
/// (see the shared peers README), so it sits in the same results folder and goes through <c>compare.py</c>.
/// </summary>
/// <remarks>
/// Passages are read and parsed once first (untimed, <c>parse_s</c>); the timed build then streams the file again
/// through <see cref="PrebuiltPassages"/> and <see cref="IndexBuilder.BuildFrom"/>, so <c>index_s</c> includes a second
/// JSON parse (conservative; <c>index_s_excl_parse</c> subtracts the first pass's time) and the corpus is never held
/// in memory. Each run times what the contract asks (the top-k passage ids) through <see cref="Searcher.Top"/>: the
/// query parsed, matched and ranked by the engine, ids read from doc values; <c>--facets</c> adds a run that also
/// counts the four facets over every match (engine <c>pakrussia+facets</c>), <c>--highlight</c> one through the full
/// <see cref="Searcher.Search"/> (stored text, highlights, snippets, citations: engine <c>pakrussia+hl</c>), as the
/// Lucene.Net peer's <c>+facets</c> and <c>+hl</c> lines do.
/// </remarks>
public static class BenchContractCommand
{
    private const string FallbackWarning = "No passage has all the words";
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var passages = new Argument<string>("passages") { Description = "JSON Lines, one passage per line: {\"id\",\"text\",\"title\"}" };
        var queries = new Argument<string>("queries") { Description = "Text file, one query per line" };
        var repeat = new Option<int>("--repeat", "-n") { Description = "Timed passes (default 10)", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed passes first (default 1)", DefaultValueFactory = _ => 1 };
        var k = new Option<int>("--k") { Description = "Top-k (default 10)", DefaultValueFactory = _ => 10 };
        var modes = new Option<string>("--modes") { Description = "and | or | and,or (default and,or)", DefaultValueFactory = _ => "and,or" };
        var outPrefix = new Option<string?>("--out") { Description = "Prefix of the top-k files (default results/DATASET/ENGINE)" };
        var workdir = new Option<string?>("--workdir") { Description = "Folder for the index (default a fresh temporary folder)" };
        var keep = new Option<bool>("--keep-index") { Description = "Keep the index (and the workdir)" };
        var reuse = new Option<bool>("--reuse-index") { Description = "Search the index a --keep-index run left in --workdir instead of building one (index_s is then 0): two builds of the engine timed on one index" };
        var facets = new Option<bool>("--facets", "--facets-too") { Description = "Also run the queries counting the four facets over every match (engine pakrussia+facets)" };
        var highlight = new Option<bool>("--highlight") { Description = "Also run the queries through the full search: stored text, highlights, citations (engine pakrussia+hl)" };
        var textOnly = new Option<bool>("--text-only-too") { Description = "Also run the top-k ids searching the text field alone, as the peers' harnesses do (engine pakrussia-text; the product searches title and section too)" };
        var command = new Command("bench-contract", "Benchmark the engine under the peer harnesses' contract (JSON lines on stdout, logs on stderr)")
        {
            passages, queries, repeat, warmup, k, modes, outPrefix, workdir, keep, reuse, facets, highlight, textOnly,
        };
        command.Hidden = true;
        command.SetAction(parse => CommandRunner.Run(error, () => Run(new Settings(
            parse.GetValue(passages)!, parse.GetValue(queries)!, parse.GetValue(repeat), parse.GetValue(warmup), parse.GetValue(k),
            parse.GetValue(modes)!, parse.GetValue(outPrefix), parse.GetValue(workdir), parse.GetValue(keep) || parse.GetValue(reuse), parse.GetValue(reuse),
            [RunKind.Ids, .. parse.GetValue(facets) ? new[] { RunKind.Facets } : [], .. parse.GetValue(highlight) ? new[] { RunKind.Highlight } : [],
                .. parse.GetValue(textOnly) ? new[] { RunKind.TextOnly } : []]), output, error)));
        return command;
    }

    private enum RunKind { Ids, Facets, Highlight, TextOnly }

    private static readonly IReadOnlyDictionary<string, float> TextField = new Dictionary<string, float> { [IndexFields.Text] = 1f };

    private sealed record Settings(string Passages, string Queries, int Repeat, int Warmup, int K, string Modes, string? Out,
        string? Workdir, bool Keep, bool Reuse, RunKind[] Runs);

    private static int Run(Settings settings, TextWriter output, TextWriter error)
    {
        if (!File.Exists(settings.Passages)) throw new UsageException($"no passages file at {Path.GetFullPath(settings.Passages)}");
        if (!File.Exists(settings.Queries)) throw new UsageException($"no queries file at {Path.GetFullPath(settings.Queries)}");
        if (settings.Repeat < 1 || settings.Warmup < 0 || settings.K is < 1 or > SearchLimits.MaxPageSize)
            throw new UsageException($"--repeat must be 1 or more, --warmup 0 or more, --k 1 to {SearchLimits.MaxPageSize}");
        var modeList = settings.Modes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(m => m.ToLowerInvariant()).ToList();
        if (modeList.Count == 0 || modeList.Any(m => m is not ("and" or "or"))) throw new UsageException("--modes must be and, or, or and,or");

        var dataset = DatasetName(settings.Passages);
        var queryList = File.ReadLines(settings.Queries).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        // Untimed first pass: parse every record (what the peers do before their clock starts), count, size.
        var clock = Stopwatch.StartNew();
        long passageCount = 0, textBytes = 0;
        var problems = new List<string>();
        foreach (var record in JsonlRecordReader.Read(settings.Passages, problems))
        {
            passageCount++;
            textBytes += Encoding.UTF8.GetByteCount(record.Text);
        }

        var parseSeconds = clock.Elapsed.TotalSeconds;
        error.WriteLine($"[pakrussia] parsed {passageCount} passages ({textBytes / 1e6:0.0} MB of text, {problems.Count} bad lines) in {parseSeconds:0.00}s (untimed)");

        var workdir = Path.GetFullPath(settings.Workdir ?? Path.Combine(Path.GetTempPath(), $"pakrussia-bench-{Environment.ProcessId}"));
        var createdWorkdir = !Directory.Exists(workdir);
        Directory.CreateDirectory(workdir);
        var indexPath = Path.Combine(workdir, "index");
        try
        {
            // Timed: stream, group into documents, build (hashing, duplicates, Lucene documents on every core, merge, commit).
            var originalIds = new Dictionary<string, string>(StringComparer.Ordinal);
            var skipped = new List<SkippedFile>();
            clock.Restart();
            BuildSummary summary;
            if (settings.Reuse)
            {
                if (settings.Workdir is null || !Directory.Exists(indexPath))
                    throw new UsageException($"--reuse-index needs --workdir with the index of an earlier --keep-index run (no index at {indexPath})");
                var documents = PrebuiltPassages.Read(settings.Passages, skipped, originalIds).LongCount(); // the ids only
                summary = new BuildSummary { UpToDate = true, Documents = documents, Passages = passageCount, Skipped = skipped };
            }
            else
            {
                summary = IndexBuilder.BuildFrom(PrebuiltPassages.Read(settings.Passages, skipped, originalIds), indexPath,
                    "bench-contract:" + Path.GetFullPath(settings.Passages), skipped);
            }

            var indexSeconds = settings.Reuse ? 0 : clock.Elapsed.TotalSeconds;
            var buildPeakMb = PeakRssMb();
            var indexBytes = Directory.EnumerateFiles(indexPath).Sum(f => new FileInfo(f).Length);
            error.WriteLine($"[pakrussia] indexed {summary.Documents} documents, {summary.Passages} passages in {indexSeconds:0.00}s "
                + $"({indexBytes / 1e6:0.0} MB, {summary.Skipped.Count} skipped, peak RSS so far {buildPeakMb:0} MB)");
            foreach (var skip in summary.Skipped.Take(5))
            {
                error.WriteLine($"[pakrussia]   skipped {skip.Path}: {skip.Reason}");
            }

            // As the peers' harnesses do: drop the build's garbage before timing queries, so no query pays for it.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            using var searcher = new Searcher(indexPath);
            foreach (var kind in settings.Runs)
            {
                var suffix = kind switch { RunKind.Facets => "+facets", RunKind.Highlight => "+hl", _ => "" };
                var engine = (kind == RunKind.TextOnly ? "pakrussia-text" : "pakrussia") + suffix;
                var prefix = settings.Out is null ? Path.Combine("results", dataset, engine) : settings.Out + (kind == RunKind.TextOnly ? "-text" : suffix);
                foreach (var mode in modeList)
                {
                    var run = RunQueries(searcher, queryList, mode == "or", kind, settings, originalIds);
                    var all = run.Latencies.SelectMany(l => l).Order().ToArray();
                    var totalMs = all.Sum();
                    var line = new JsonObject
                    {
                        ["engine"] = engine,
                        ["passages"] = summary.Passages,
                        ["index_s"] = Math.Round(indexSeconds, 3),
                        ["index_bytes"] = indexBytes,
                        ["query_p50_ms"] = Math.Round(Percentile(all, 50), 4),
                        ["query_p99_ms"] = Math.Round(Percentile(all, 99), 4),
                        ["qps_single_thread"] = Math.Round(all.Length / (totalMs / 1000.0), 1),
                        ["mode"] = mode,
                        ["dataset"] = dataset,
                        ["queries"] = queryList.Count,
                        ["repeat"] = settings.Repeat,
                        ["query_mean_ms"] = Math.Round(totalMs / all.Length, 4),
                        ["zero_hit_queries"] = run.Ids.Count(ids => ids.Count == 0),
                        ["query_p95_ms"] = Math.Round(Percentile(all, 95), 4),
                        ["peak_rss_mb"] = Math.Round(PeakRssMb(), 1),
                        ["build_peak_rss_mb"] = Math.Round(buildPeakMb, 1),
                        ["index_passages_per_s"] = indexSeconds > 0 ? Math.Round(summary.Passages / indexSeconds, 1) : null,
                        ["index_mb_per_s"] = indexSeconds > 0 ? Math.Round(textBytes / 1e6 / indexSeconds, 3) : null,
                        ["text_mb"] = Math.Round(textBytes / 1e6, 1),
                        ["parse_s"] = Math.Round(parseSeconds, 3),
                        ["index_s_excl_parse"] = indexSeconds > 0 ? Math.Round(indexSeconds - parseSeconds, 3) : null,
                        ["and_fallback_queries"] = run.Fallbacks,
                        ["facets"] = kind == RunKind.Facets,
                        ["highlight"] = kind == RunKind.Highlight,
                        ["id_source"] = kind == RunKind.Highlight ? "stored fields (the full search)" : "doc values",
                        ["documents"] = summary.Documents,
                        ["lucene_version"] = LuceneVersion(),
                        ["analyzer"] = "StandardTokenizer, EnglishPossessive, LowerCase, ASCIIFolding, Porter; "
                            + (kind == RunKind.TextOnly ? "field text alone" : "fields text,title,section (BM25 boosts 1,1,1)"),
                        ["load"] = LoadAverage(),
                        ["gc_timed"] = run.GcTimed,
                    };
                    WriteTopK($"{prefix}.{mode}.topk.jsonl", queryList, run);
                    output.WriteLine(line.ToJsonString(RelaxedJson));
                    output.Flush();
                    error.WriteLine($"[pakrussia] {engine} {mode}: p50 {Percentile(all, 50):0.000} ms, p99 {Percentile(all, 99):0.000} ms, "
                        + $"{run.Fallbacks} AND queries fell back to OR; top-k -> {prefix}.{mode}.topk.jsonl");
                }
            }
        }
        finally
        {
            if (!settings.Keep)
            {
                try { Directory.Delete(indexPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }

                if (createdWorkdir)
                {
                    try { Directory.Delete(workdir, recursive: true); } catch (IOException) { }
                }
            }
        }

        return ExitCodes.Ok;
    }

    private sealed record QueryRun(List<double>[] Latencies, List<string>[] Ids, List<double>[] Scores, int Fallbacks, JsonObject GcTimed);

    private static QueryRun RunQueries(Searcher searcher, List<string> queries, bool any, RunKind kind, Settings settings, Dictionary<string, string> originalIds)
    {
        SearchRequest Request(string q) => new()
        {
            Query = q, Any = any, All = !any, Facets = kind == RunKind.Facets, PageSize = settings.K, Fields = kind == RunKind.TextOnly ? TextField : null,
        };

        // One execution: the top-k ids (the contract), and whether the AND fell back to OR.
        (List<(string PassageId, string DocId, double Score)> Hits, bool FellBack) Execute(string q)
        {
            if (kind == RunKind.Highlight)
            {
                var response = searcher.Search(Request(q));
                return (response.Hits.Select(h => (h.PassageId, h.DocId, h.Score)).ToList(),
                    response.Warnings.Any(w => w.StartsWith(FallbackWarning, StringComparison.Ordinal)));
            }

            var top = searcher.Top(Request(q), settings.K);
            return (top.Hits.Select(h => (h.PassageId, h.DocId, h.Score)).ToList(), top.FellBack);
        }

        for (var pass = 0; pass < settings.Warmup; pass++)
        {
            foreach (var q in queries) Execute(q);
        }

        var latencies = queries.Select(_ => new List<double>(settings.Repeat)).ToArray();
        var ids = new List<string>[queries.Count];
        var scores = new List<double>[queries.Count];
        var fallbacks = 0;
        var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var paused = GC.GetTotalPauseDuration();
        for (var pass = 0; pass < settings.Repeat; pass++)
        {
            for (var i = 0; i < queries.Count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var (hits, fellBack) = Execute(queries[i]);
                latencies[i].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (ids[i] is null)
                {
                    ids[i] = hits.Select(h => PrebuiltPassages.OriginalId(h.PassageId, h.DocId, Ordinal(h.PassageId), originalIds)).ToList();
                    scores[i] = hits.Select(h => h.Score).ToList();
                    if (fellBack) fallbacks++;
                }
            }
        }

        // Collections during the timed passes, as the peers' harnesses report them.
        var gc = new JsonObject
        {
            ["gen0"] = GC.CollectionCount(0) - collections[0],
            ["gen1"] = GC.CollectionCount(1) - collections[1],
            ["gen2"] = GC.CollectionCount(2) - collections[2],
            ["pause_ms"] = Math.Round((GC.GetTotalPauseDuration() - paused).TotalMilliseconds, 2),
        };
        return new QueryRun(latencies, ids, scores, fallbacks, gc);
    }

    /// <summary>The ordinal at the end of a passage id ("doc.p3" → 3).</summary>
    private static int Ordinal(string passageId) =>
        int.TryParse(passageId.AsSpan(passageId.LastIndexOf(".p", StringComparison.Ordinal) + 2), out var n) ? n : 0;

    private static void WriteTopK(string path, List<string> queries, QueryRun run)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        for (var i = 0; i < queries.Count; i++)
        {
            var line = new JsonObject
            {
                ["qid"] = i,
                ["query"] = queries[i],
                ["ids"] = new JsonArray([.. run.Ids[i].Select(id => JsonValue.Create(id))]),
                ["scores"] = new JsonArray([.. run.Scores[i].Select(s => JsonValue.Create(Math.Round(s, 6)))]),
                ["p50_ms"] = Math.Round(Percentile(run.Latencies[i].Order().ToArray(), 50), 4),
            };
            writer.WriteLine(line.ToJsonString(RelaxedJson));
        }
    }

    internal static double Percentile(double[] sorted, double p) => Evaluation.Percentiles.Interpolated(sorted, p);

    /// <summary>The dataset name as the peers derive it: the file's stem, or its folder's name for passages.jsonl.</summary>
    private static string DatasetName(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        return stem == "passages" ? new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path))!).Name : stem;
    }

    /// <summary>Peak resident set (VmHWM on Linux) of this process so far, in MB.</summary>
    private static double PeakRssMb()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / 1048576.0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

    private static string LuceneVersion() =>
        typeof(Lucene.Net.Index.IndexWriter).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "";
}
