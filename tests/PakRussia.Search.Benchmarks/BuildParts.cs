using System.Diagnostics;
using System.Text.Json.Nodes;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Benchmarks;

/// <summary>
/// Where an index build's time goes, on the first N contract passages: reading and grouping alone, the vocabulary
/// tokenizer alone, passage hashing alone, then whole builds with and without the final FTS5 optimize.
/// </summary>
public static class BuildParts
{
    public static JsonArray Measure(string passagesPath, int limit, string workdir)
    {
        var result = new JsonArray();
        void Step(string name, Action action)
        {
            GC.Collect();
            var start = Stopwatch.GetTimestamp();
            action();
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            result.Add(new JsonObject { ["step"] = name, ["seconds"] = Math.Round(seconds, 3), ["passages"] = limit });
            Console.Error.WriteLine($"{name,-45} {seconds,8:0.000} s");
        }

        IEnumerable<IngestedDocument> Documents()
        {
            var n = 0;
            foreach (var doc in PrebuiltPassages.Read(passagesPath, []))
            {
                if (n >= limit) yield break;
                n += doc.Passages.Count;
                yield return doc;
            }
        }

        long words = 0;
        Step("read + parse + group + hash (PrebuiltPassages)", () => { foreach (var d in Documents()) words += d.Passages.Count; });
        var texts = Documents().SelectMany(d => d.Passages.Select(p => p.Text)).ToList();
        Step("vocabulary tokenizer (Words().Distinct())", () => { foreach (var t in texts) words += WordTokenizer.Words(t).Distinct().Count(); });
        Step("passage hash (PassageHasher.Hash)", () => { foreach (var t in texts) words += Passages.PassageHasher.Hash(t).Length; });
        texts.Clear();
        Directory.CreateDirectory(workdir);
        var index = Path.Combine(workdir, "build-parts.db");
        Step("BuildFrom, no optimize", () => IndexBuilder.BuildFrom(Documents(), index, "build-parts", null, new BuildOptions { Optimize = false }));
        Step("BuildFrom (with optimize, as the product)", () => IndexBuilder.BuildFrom(Documents(), index, "build-parts"));
        File.Delete(index);
        GC.KeepAlive(words);
        return result;
    }
}
