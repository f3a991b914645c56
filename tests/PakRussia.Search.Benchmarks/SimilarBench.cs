using System.Diagnostics;
using System.Text.Json.Nodes;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;

namespace PakRussia.Search.Benchmarks;

/// <summary>
/// Latency of "more like this" (<see cref="Searcher.Similar"/>, top 10 with highlights and shared words) from passages
/// drawn at random (fixed seed) among the searchable ones, and of <see cref="Searcher.SimilarDocuments"/> from their
/// documents: W untimed passes, then N timed passes, each call timed alone.
/// </summary>
public static class SimilarBench
{
    public static IEnumerable<JsonObject> Measure(string indexPath, int count, int repeat, int seed = 17)
    {
        var (passages, documents) = Sample(indexPath, count, seed);
        using var searcher = new Searcher(indexPath) { TimeBudget = Timeout.InfiniteTimeSpan };
        yield return Run("similar passage", passages, repeat, id => searcher.Similar(new SimilarRequest { PassageId = id })!.Hits.Count);
        // Where the time goes: one hit (no page of highlights); words matched in the text only; other word limits.
        yield return Run("  top 1", passages, repeat, id => searcher.Similar(new SimilarRequest { PassageId = id, Top = 1 })!.Hits.Count);
        var variants = new (string Name, SimilarSettings Settings)[]
        {
            ("  text only", SimilarSettings.Default with { SectionWeight = 0, TitleWeight = 0 }),
            ("  25 words", SimilarSettings.Default with { MaxQueryTerms = 25 }),
            ("  max df 33%", SimilarSettings.Default with { MaxDocFreqPercent = 33 }),
            ("  25 words, 33%", SimilarSettings.Default with { MaxQueryTerms = 25, MaxDocFreqPercent = 33 }),
        };
        foreach (var (name, settings) in variants)
            yield return Run(name, passages, repeat, id => searcher.Similar(new SimilarRequest { PassageId = id, Settings = settings })!.Hits.Count);
        yield return Run("similar document", documents, repeat, id => searcher.SimilarDocuments(new SimilarRequest { DocId = id })!.Documents.Count);
    }

    private static JsonObject Run(string name, IReadOnlyList<string> ids, int repeat, Func<string, int> call)
    {
        foreach (var id in ids)
        {
            call(id); // warm-up pass
        }

        var times = new List<double>();
        long empty = 0;
        for (var pass = 0; pass < repeat; pass++)
        {
            foreach (var id in ids)
            {
                var clock = Stopwatch.StartNew();
                var found = call(id);
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (found == 0)
                {
                    empty++;
                }
            }
        }

        times.Sort();
        double At(double q) => Math.Round(times[Math.Min(times.Count - 1, (int)(q * times.Count))], 3);
        var result = new JsonObject
        {
            ["kind"] = name, ["sources"] = ids.Count, ["calls"] = times.Count, ["p50"] = At(0.5), ["p95"] = At(0.95), ["p99"] = At(0.99),
            ["empty"] = empty, ["load"] = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "",
        };
        Console.Error.WriteLine($"{name,-17} n={ids.Count} calls={times.Count} p50 {At(0.5),8:0.000} p95 {At(0.95),8:0.000} p99 {At(0.99),8:0.000} ms  empty {empty}");
        return result;
    }

    /// <summary><paramref name="count"/> searchable passages at random, and their documents.</summary>
    private static (List<string> Passages, List<string> Documents) Sample(string indexPath, int count, int seed)
    {
        using var directory = FSDirectory.Open(indexPath);
        using var reader = DirectoryReader.Open(directory);
        var random = new Random(seed);
        var passages = new List<string>();
        var documents = new List<string>();
        var scratch = new BytesRef();
        var searchable = new Term(IndexFields.Searchable, "1");
        var attempts = 0;
        while (passages.Count < count && attempts++ < count * 1000)
        {
            var doc = random.Next(reader.MaxDoc);
            var leaf = reader.Leaves[ReaderUtil.SubIndex(doc, reader.Leaves)];
            var local = doc - leaf.DocBase;
            if (leaf.AtomicReader.LiveDocs is { } live && !live.Get(local))
                continue;
            var docs = leaf.AtomicReader.GetTermDocsEnum(searchable);
            if (docs is null || docs.Advance(local) != local)
                continue;
            leaf.AtomicReader.GetBinaryDocValues(IndexFields.PassageId).Get(local, scratch);
            passages.Add(scratch.Utf8ToString());
            leaf.AtomicReader.GetSortedDocValues(IndexFields.DocId).Get(local, scratch);
            documents.Add(scratch.Utf8ToString());
        }

        return (passages, documents.Distinct().ToList());
    }
}
