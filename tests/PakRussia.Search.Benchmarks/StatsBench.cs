using System.Diagnostics;
using System.Text.Json.Nodes;
using PakRussia.Search.Concordance;
using PakRussia.Search.Search;

namespace PakRussia.Search.Benchmarks;

/// <summary>
/// Latency of the corpus statistics (issue 16): <c>trend</c>, <c>dispersion</c> and <c>keywords</c> for the terms or
/// targets given, each call timed alone after one untimed warm-up (which also reads each segment's passage lengths once,
/// timed separately as "first call").
/// </summary>
public static class StatsBench
{
    public static IEnumerable<JsonObject> Trend(string indexPath, IReadOnlyList<string> terms, int repeat)
    {
        using var searcher = new Searcher(indexPath) { TimeBudget = Timeout.InfiniteTimeSpan };
        foreach (var term in terms)
            yield return Run($"trend {term}", repeat, () => searcher.Trend(new TrendRequest { Terms = [term] }).Counts[term]);
        yield return Run("trend by source", repeat, () => searcher.Trend(new TrendRequest { Terms = [terms[0]], BySource = true }).Counts[terms[0]]);
        yield return Run("trend forum", repeat, () => searcher.Trend(new TrendRequest { Terms = [terms[0]], Filters = new SearchRequest { Sources = ["forum"] } }).Counts[terms[0]]);
    }

    public static IEnumerable<JsonObject> Dispersion(string indexPath, IReadOnlyList<string> terms, int repeat)
    {
        using var searcher = new Searcher(indexPath) { TimeBudget = Timeout.InfiniteTimeSpan };
        foreach (var term in terms)
            yield return Run($"dispersion {term}", repeat, () => searcher.Dispersion(new DispersionRequest { Term = term }).Total);
    }

    public static IEnumerable<JsonObject> Keywords(string indexPath, IReadOnlyList<string> targets, int repeat)
    {
        using var searcher = new Searcher(indexPath) { TimeBudget = Timeout.InfiniteTimeSpan };
        foreach (var target in targets)
        {
            // "source=forum" is a filter target; anything else is a query.
            var request = target.StartsWith("source=", StringComparison.Ordinal)
                ? new SearchRequest { Sources = [target["source=".Length..]] }
                : new SearchRequest { Query = target };
            yield return Run($"keywords {target}", repeat, () => searcher.Keywords(new KeywordRequest { Target = request }).Keywords.Count);
        }
    }

    private static JsonObject Run(string name, int repeat, Func<long> call)
    {
        var first = Stopwatch.StartNew();
        var found = call();
        var firstMs = first.Elapsed.TotalMilliseconds;
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            call();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        double At(double q) => Math.Round(times[Math.Min(times.Count - 1, (int)(q * times.Count))], 3);
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
        Console.Error.WriteLine($"{name,-28} calls={times.Count} first {firstMs,9:0.0} p50 {At(0.5),9:0.000} p95 {At(0.95),9:0.000} ms  found {found}  load {load}");
        return new JsonObject
        {
            ["kind"] = name, ["calls"] = times.Count, ["firstMs"] = Math.Round(firstMs, 1), ["p50"] = At(0.5), ["p95"] = At(0.95), ["found"] = found, ["load"] = load,
        };
    }
}
