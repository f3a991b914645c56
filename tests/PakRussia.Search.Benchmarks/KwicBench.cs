using System.Diagnostics;
using System.Text.Json.Nodes;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PakRussia.Search.Concordance;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Search;

namespace PakRussia.Search.Benchmarks;

/// <summary>
/// Latency of the concordance and of collocates (issue 16's costs) on words chosen by their frequency in the index
/// (fixed seed): kwic's first page for words in 100–5,000 passages (the <c>words</c> field's document frequency), and
/// collocates for words whose indexed form occurs 8,000–12,000 times (the <c>text</c> field's total term frequency).
/// W untimed passes, then N timed passes, each call timed alone.
/// </summary>
public static class KwicBench
{
    public static IEnumerable<JsonObject> Measure(string indexPath, int count, int repeat, string filter, int seed = 16)
    {
        var (medium, common) = Sample(indexPath, count, seed);
        Console.Error.WriteLine($"kwic words (df 100-5000): {string.Join(' ', medium.Take(12))} …");
        Console.Error.WriteLine($"collocates words (8k-12k occurrences): {string.Join(' ', common.Take(12))} …");
        using var searcher = new Searcher(indexPath) { TimeBudget = Timeout.InfiniteTimeSpan };
        KwicRequest Kwic(string word) => new() { Search = new SearchRequest { Query = word } };
        yield return Run("kwic page 1", medium, repeat, w => searcher.Kwic(Kwic(w)).Total);
        yield return Run("  sort 1L", medium, repeat, w => searcher.Kwic(Kwic(w) with { Sort = KwicSort.Left1 }).Total);
        // A filter that every passage passes: the filtered path at its largest (the scale corpus has one source type).
        yield return Run("  filtered", medium, repeat, w => searcher.Kwic(Kwic(w) with { Search = new SearchRequest { Query = w, Sources = [filter] } }).Total);
        yield return Run("kwic 10k words", common, repeat, w => searcher.Kwic(Kwic(w)).Total);
        CollocateRequest Collocates(string word) => new() { Search = new SearchRequest { Query = word } };
        yield return Run("collocates 10k", common, repeat, w => searcher.Collocates(Collocates(w)).Collocates.Count);
        // Filtered, the subcorpus is counted from stored word counts and f(y) from postings: its worst case, 3 words once.
        yield return Run("  filtered", common.Take(3).ToList(), 1, w => searcher.Collocates(Collocates(w) with { Search = new SearchRequest { Query = w, Sources = [filter] } }).Collocates.Count);
    }

    private static JsonObject Run(string name, IReadOnlyList<string> words, int repeat, Func<string, long> call)
    {
        foreach (var word in words)
            call(word); // warm-up pass
        var times = new List<double>();
        long empty = 0;
        for (var pass = 0; pass < repeat; pass++)
        {
            foreach (var word in words)
            {
                var clock = Stopwatch.StartNew();
                if (call(word) == 0)
                    empty++;
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        double At(double q) => Math.Round(times[Math.Min(times.Count - 1, (int)(q * times.Count))], 3);
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
        Console.Error.WriteLine($"{name,-17} n={words.Count} calls={times.Count} p50 {At(0.5),8:0.000} p95 {At(0.95),8:0.000} p99 {At(0.99),8:0.000} ms  empty {empty}  load {load}");
        return new JsonObject
        {
            ["kind"] = name, ["words"] = words.Count, ["calls"] = times.Count, ["p50"] = At(0.5), ["p95"] = At(0.95), ["p99"] = At(0.99),
            ["empty"] = empty, ["load"] = load,
        };
    }

    /// <summary>Surface words (the <c>words</c> field) at random: <paramref name="count"/> in 100–5,000 passages, and up to <paramref name="count"/> whose stem occurs 8,000–12,000 times.</summary>
    private static (List<string> Medium, List<string> Common) Sample(string indexPath, int count, int seed)
    {
        using var directory = FSDirectory.Open(indexPath);
        using var reader = DirectoryReader.Open(directory);
        var medium = new List<string>();
        var common = new List<string>();
        var terms = MultiFields.GetTerms(reader, IndexFields.Words);
        var iterator = terms.GetEnumerator();
        var random = new Random(seed);
        while (iterator.MoveNext())
        {
            var word = iterator.Term.Utf8ToString();
            if (!word.All(char.IsLetter) || word.Length < 3)
                continue;
            var df = iterator.DocFreq;
            if (df is >= 100 and <= 5000 && random.Next(20) == 0)
                medium.Add(word);
            if (df is >= 2000 and <= 12000 && PassageAnalyzer.Index.Terms(word) is [var stem])
            {
                var occurrences = reader.TotalTermFreq(new Term(IndexFields.Text, stem));
                if (occurrences is >= 8000 and <= 12000)
                    common.Add(word);
            }
        }

        var shuffled = new Random(seed);
        return (medium.OrderBy(_ => shuffled.Next()).Take(count).ToList(), common.OrderBy(_ => shuffled.Next()).Take(count).ToList());
    }
}
