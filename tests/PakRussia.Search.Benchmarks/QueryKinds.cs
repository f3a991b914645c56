using System.Diagnostics;
using System.Text.Json.Nodes;
using PakRussia.Search.Search;

namespace PakRussia.Search.Benchmarks;

/// <summary>
/// Latency by query kind through the public <see cref="Searcher.Search"/> (top-10 highlighted hits), facets off and on:
/// plain Stopwatch loops (W untimed passes, then N timed passes over the kind's queries, each execution timed alone).
/// BenchmarkDotNet is not used here: a kind has up to 200 queries over a 640k-passage index, and its per-benchmark
/// pilot/overhead/warm-up phases would take hours for numbers a timing loop gives as well.
/// </summary>
public static class QueryKinds
{
    /// <summary>One kind of query: its name, its queries, and how one execution runs.</summary>
    public sealed record Kind(string Name, IReadOnlyList<string> Queries, Func<Searcher, string, bool, Outcome> Run);

    /// <summary>What one execution returned, for the zero-hit and suggestion counts.</summary>
    public readonly record struct Outcome(long Total, int Hits, string? Suggestion);

    /// <summary>
    /// Extra kinds other parts of the product register (e.g. quote lookup, once its API is in the engine):
    /// <c>QueryKinds.Extra.Add(index => new Kind("quote", quotes, (searcher, q, facets) => ...))</c>.
    /// </summary>
    public static List<Func<string, Kind>> Extra { get; } = [];

    public static Outcome Search(Searcher searcher, string query, bool any, bool facets, bool all = false)
    {
        var response = searcher.Search(new SearchRequest { Query = query, Any = any, All = all, Facets = facets, PageSize = 10 });
        return new Outcome(response.Total, response.Hits.Count, response.Suggestion);
    }

    /// <summary>The kinds built from the peers' real queries and their bands file (kind, band, ..., query).</summary>
    public static List<Kind> FromBands(string bandsPath, string indexPath, int perKind)
    {
        var rows = File.ReadLines(bandsPath).Skip(1).Select(l => l.Split('\t')).Where(f => f.Length >= 8)
            .Select(f => (Kind: f[1], Band: f[2], Query: f[7].Trim())).ToList();
        List<string> Take(IEnumerable<string> queries) => queries.Take(perKind).ToList();
        var single = rows.Where(r => r.Kind == "1w").ToList();
        var multi = rows.Where(r => r.Kind is "2w" or "3w").Select(r => r.Query).ToList();
        var two = rows.Where(r => r.Kind == "2w").Select(r => r.Query).ToList();
        Kind Plain(string name, IEnumerable<string> queries, bool any = false) =>
            new(name, Take(queries), (s, q, f) => Search(s, q, any, f));

        var only = Environment.GetEnvironmentVariable("PAKRUSSIA_BENCH_KINDS")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var kinds = new List<Kind>
        {
            Plain("1w rare", single.Where(r => r.Band == "rare").Select(r => r.Query)),
            Plain("1w medium", single.Where(r => r.Band == "medium").Select(r => r.Query)),
            Plain("1w common", single.Where(r => r.Band == "common").Select(r => r.Query)),
            Plain("2-3w AND", multi),
            Plain("2-3w OR", multi, any: true),
            // Every word required (--all): what "2-3w AND" cost before three-word queries also listed passages with most words.
            new("2-3w --all", Take(multi), (s, q, f) => Search(s, q, any: false, f, all: true)),
            // Sentence-like queries: four to eight words (two 2-3 word queries joined), with most-words matching.
            new("4-6w sentence", Take(multi.Zip(multi.Skip(1)).Select(p => p.First + " " + p.Second)), (s, q, f) => Search(s, q, any: false, f)),
            new("4-6w --all", Take(multi.Zip(multi.Skip(1)).Select(p => p.First + " " + p.Second)), (s, q, f) => Search(s, q, any: false, f, all: true)),
            // Two words of a 2-word query as a phrase: adjacent in some passages, in none for others (zero hits count).
            Plain("phrase", two.Select(q => $"\"{q}\"")),
            // word* from the first max(4, length-3) letters of the single words of 5+ letters.
            Plain("prefix", single.Where(r => r.Query.Length >= 5).Select(r => r.Query[..Math.Max(4, r.Query.Length - 3)] + "*")),
            Plain("fuzzy", single.Select(r => r.Query + "~1")),
            // "Did you mean": a medium word with one middle letter dropped; the suggestion is counted when it restores the word.
            new("did-you-mean", Take(single.Where(r => r.Band == "medium" && r.Query.Length >= 5).Select(r => r.Query.Remove(r.Query.Length / 2, 1))),
                (s, q, f) => Search(s, q, any: false, f)),
        };
        kinds.AddRange(Extra.Select(make => make(indexPath)));
        // PAKRUSSIA_BENCH_KINDS="2-3w AND,2-3w --all": only these kinds.
        return only is null ? kinds : kinds.Where(k => only.Contains(k.Name)).ToList();
    }

    public sealed record Result(string Kind, bool Facets, int Queries, int Executions, double P50, double P95, double P99, double Mean, double Qps,
        int ZeroHit, int Suggested, double MeanTotal);

    public static Result Measure(Searcher searcher, Kind kind, bool facets, int warmup, int repeat)
    {
        for (var pass = 0; pass < warmup; pass++)
        {
            foreach (var q in kind.Queries) kind.Run(searcher, q, facets);
        }

        var latencies = new List<double>(kind.Queries.Count * repeat);
        var outcomes = new Outcome[kind.Queries.Count];
        for (var pass = 0; pass < repeat; pass++)
        {
            for (var i = 0; i < kind.Queries.Count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                outcomes[i] = kind.Run(searcher, kind.Queries[i], facets);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        var sorted = latencies.Order().ToArray();
        var total = sorted.Sum();
        return new Result(kind.Name, facets, kind.Queries.Count, sorted.Length, Stats.Percentile(sorted, 50), Stats.Percentile(sorted, 95),
            Stats.Percentile(sorted, 99), total / sorted.Length, sorted.Length / (total / 1000.0),
            outcomes.Count(o => o.Total == 0), outcomes.Count(o => o.Suggestion is not null), outcomes.Average(o => (double)o.Total));
    }

    public static JsonObject ToJson(Result r) => new()
    {
        ["kind"] = r.Kind, ["facets"] = r.Facets, ["queries"] = r.Queries, ["executions"] = r.Executions,
        ["p50_ms"] = Math.Round(r.P50, 3), ["p95_ms"] = Math.Round(r.P95, 3), ["p99_ms"] = Math.Round(r.P99, 3),
        ["mean_ms"] = Math.Round(r.Mean, 3), ["qps_single_thread"] = Math.Round(r.Qps, 1),
        ["zero_hit"] = r.ZeroHit, ["suggested"] = r.Suggested, ["mean_total"] = Math.Round(r.MeanTotal, 1),
    };
}

public static class Stats
{
    public static double Percentile(double[] sorted, double p) => PakRussia.Search.Evaluation.Percentiles.Interpolated(sorted, p);
}
