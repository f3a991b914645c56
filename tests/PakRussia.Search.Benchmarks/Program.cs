using System.Text.Json.Nodes;
using PakRussia.Search;
using PakRussia.Search.Benchmarks;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Web;

// On-demand performance measurements (not run in CI). See notes/performance.md and run-scale.sh.
// --index is an index FOLDER (Lucene; default index/pakrussia), as `pakrussia index --index DIR` builds it.
//   kinds  --index DIR --bands real_queries.bands.tsv [--repeat 5] [--warmup 1] [--per-kind 100]
//   parts  --index DIR --queries FILE [--any] [--repeat 3]
//   build-parts --passages real.jsonl [--limit 100000] [--workdir DIR]
//   serve  --index DIR [--port 5099] [--rps 1000000] [--cache-mb 64]
//   alloc  --index DIR --queries FILE [--repeat 3]   (bytes allocated per Searcher.Search, facets on and off)
//   quotes --index DIR --passages real.jsonl [--count 20] [--words 15] [--repeat 3]   (quote lookup, issue 14)
//   similar --index DIR [--count 200] [--repeat 3]
//   kwic   --index DIR [--count 50] [--repeat 3] [--source document]   (concordance and collocates, issue 16)
//   trend|dispersion --index DIR [--terms "russia,pipeline,\"gas pipeline\""] [--repeat 20]
//   keywords --index DIR [--targets "source=forum,pipeline"] [--repeat 5]
static string Arg(string[] args, string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: kinds|parts|build-parts|serve|similar|kwic|trend|dispersion|keywords --index DIR ... (see Program.cs)");
    return 2;
}

var index = Path.GetFullPath(Arg(args, "--index", "index/pakrussia"));
if (args[0] is "kinds" or "parts" or "serve" or "alloc" or "quotes" or "similar" or "kwic" or "trend" or "dispersion" or "keywords" && !IndexDirectory.IsUsable(index, out var problem))
{
    Console.Error.WriteLine(problem);
    return 1;
}

switch (args[0])
{
    case "kinds":
    {
        var kinds = QueryKinds.FromBands(Arg(args, "--bands", "real_queries.bands.tsv"), index, int.Parse(Arg(args, "--per-kind", "100")));
        using var searcher = new Searcher(index);
        var repeat = int.Parse(Arg(args, "--repeat", "5"));
        var warmup = int.Parse(Arg(args, "--warmup", "1"));
        foreach (var kind in kinds)
        {
            foreach (var facets in new[] { false, true })
            {
                var result = QueryKinds.Measure(searcher, kind, facets, warmup, repeat);
                var json = QueryKinds.ToJson(result);
                json["load"] = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
                Console.WriteLine(json.ToJsonString(JsonDefaults.Web));
                Console.Error.WriteLine($"{kind.Name,-14} facets={(facets ? "on " : "off")} n={result.Queries,3} p50 {result.P50,8:0.000} p95 {result.P95,8:0.000} p99 {result.P99,8:0.000} ms  qps {result.Qps,7:0.0}  zero-hit {result.ZeroHit}  suggested {result.Suggested}");
            }
        }

        return 0;
    }
    case "parts":
    {
        var queries = File.ReadLines(Arg(args, "--queries", "real_queries.txt")).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var any = args.Contains("--any");
        var parts = QueryParts.Measure(index, queries, any, int.Parse(Arg(args, "--repeat", "3")));
        foreach (var part in parts)
        {
            Console.WriteLine(part!.ToJsonString(JsonDefaults.Web));
        }

        return 0;
    }
    case "similar":
    {
        foreach (var result in SimilarBench.Measure(index, int.Parse(Arg(args, "--count", "200")), int.Parse(Arg(args, "--repeat", "3"))))
        {
            Console.WriteLine(result.ToJsonString(JsonDefaults.Web));
        }

        return 0;
    }
    case "kwic":
    {
        foreach (var result in KwicBench.Measure(index, int.Parse(Arg(args, "--count", "50")), int.Parse(Arg(args, "--repeat", "3")), Arg(args, "--source", "document")))
        {
            Console.WriteLine(result.ToJsonString(JsonDefaults.Web));
        }

        return 0;
    }
    case "trend" or "dispersion" or "keywords":
    {
        var list = Arg(args, args[0] == "keywords" ? "--targets" : "--terms", args[0] == "keywords" ? "source=forum,pipeline" : "russia,pipeline,\"gas pipeline\"")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var repeat = int.Parse(Arg(args, "--repeat", args[0] == "keywords" ? "5" : "20"));
        var results = args[0] switch
        {
            "trend" => StatsBench.Trend(index, list, repeat),
            "dispersion" => StatsBench.Dispersion(index, list, repeat),
            _ => StatsBench.Keywords(index, list, repeat),
        };
        foreach (var result in results)
        {
            Console.WriteLine(result.ToJsonString(JsonDefaults.Web));
        }

        return 0;
    }
    case "build-parts":
    {
        var parts = BuildParts.Measure(Arg(args, "--passages", "real.jsonl"), int.Parse(Arg(args, "--limit", "100000")),
            Arg(args, "--workdir", Path.Combine(Path.GetTempPath(), "pakrussia-build-parts")));
        foreach (var part in parts)
        {
            Console.WriteLine(part!.ToJsonString(JsonDefaults.Web));
        }

        return 0;
    }
    case "alloc":
    {
        // What one search page costs the garbage collector: the bytes this thread allocates per Searcher.Search (the
        // page the API answers: 10 stored, highlighted passages), after a pass that warms the caches and the JIT.
        var queries = File.ReadLines(Arg(args, "--queries", "real_queries.txt")).Where(q => q.Trim().Length > 0).ToList();
        using var searcher = new Searcher(index);
        foreach (var query in queries)
        {
            searcher.Search(new SearchRequest { Query = query });
        }

        foreach (var facets in new[] { true, false })
        {
            for (var round = 0; round < int.Parse(Arg(args, "--repeat", "3")); round++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var clock = System.Diagnostics.Stopwatch.StartNew();
                foreach (var query in queries)
                {
                    searcher.Search(new SearchRequest { Query = query, Facets = facets });
                }

                var perQuery = (GC.GetAllocatedBytesForCurrentThread() - before) / 1024.0 / queries.Count;
                Console.WriteLine($"facets {(facets ? "on " : "off")} round {round + 1}: {perQuery:0} KB allocated per search, {clock.Elapsed.TotalMilliseconds / queries.Count:0.00} ms per search");
            }
        }

        return 0;
    }
    case "quotes":
    {
        // Quote lookup as a researcher uses it: --count passages spread evenly through the contract file (those of 40
        // words or more), --words consecutive words from each (from its 10th word), each looked up --repeat times after
        // one untimed pass; found = the lookup says found with an exact match.
        var count = int.Parse(Arg(args, "--count", "20"));
        var length = int.Parse(Arg(args, "--words", "15"));
        var lines = File.ReadLines(Arg(args, "--passages", "real.jsonl")).ToList();
        var quotes = new List<string>();
        for (var i = 0; i < lines.Count && quotes.Count < count; i += Math.Max(1, lines.Count / count))
        {
            for (var j = i; j < lines.Count; j++)
            {
                var words = (JsonNode.Parse(lines[j])!["text"]!.GetValue<string>()).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length >= 40)
                {
                    quotes.Add(string.Join(' ', words.Skip(10).Take(length)));
                    break;
                }
            }
        }

        using var searcher = new Searcher(index) { TimeBudget = Timeout.InfiniteTimeSpan };
        var found = quotes.Count(q => searcher.FindQuote(q) is { Found: true } r && r.Matches.Any(m => m.Exact));
        var times = new List<double>();
        for (var round = 0; round < int.Parse(Arg(args, "--repeat", "3")); round++)
        {
            foreach (var quote in quotes)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                searcher.FindQuote(quote);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine($"quote lookup, {quotes.Count} quotes of {length} words, {times.Count} timed: p50 {At(0.5):0.0} ms, p99 {At(0.99):0.0} ms, max {times[^1]:0.0} ms; found with an exact match {found}/{quotes.Count}");
        return 0;
    }
    case "serve":
    {
        var port = int.Parse(Arg(args, "--port", "5099"));
        var app = WebServer.Build(new WebServerOptions
        {
            IndexPath = index,
            Urls = [$"http://127.0.0.1:{port}"],
            RequestsPerSecond = int.Parse(Arg(args, "--rps", "1000000")),
            ResultCacheBytes = long.Parse(Arg(args, "--cache-mb", "64")) * 1024 * 1024,
        });
        app.Lifetime.ApplicationStarted.Register(() => Console.Error.WriteLine($"serving {index} on port {port}"));
        app.Run();
        return 0;
    }
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}
