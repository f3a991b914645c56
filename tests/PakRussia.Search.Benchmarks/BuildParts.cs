using System.Diagnostics;
using System.Text.Json.Nodes;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Benchmarks;

/// <summary>
/// Where an index build's time goes, on the first N contract passages: reading and grouping alone, making the Lucene
/// documents alone (<see cref="PassageDocuments.Block"/>), analysis alone (the passage text through
/// <see cref="PassageAnalyzer.Index"/>, then every analyzed field of the documents through the writer's
/// <see cref="IndexAnalyzer.Writer"/>), passage hashing alone, then whole builds (<see cref="IndexBuilder.BuildFrom"/>,
/// one commit each) with one thread and with one per core, each without and with the final merge to one segment
/// (<see cref="BuildOptions.Optimize"/>; the product's default is all cores, merged). An untimed build of 20 documents
/// warms the JIT first. Each build line also has the folder's size and its segment count.
/// </summary>
public static class BuildParts
{
    public static JsonArray Measure(string passagesPath, int limit, string workdir)
    {
        var result = new JsonArray();
        var passages = 0;
        JsonObject Step(string name, Action action)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var start = Stopwatch.GetTimestamp();
            action();
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var line = new JsonObject { ["step"] = name, ["seconds"] = Math.Round(seconds, 3), ["passages"] = passages };
            result.Add(line);
            Console.Error.WriteLine($"{name,-58} {seconds,8:0.000} s");
            return line;
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

        long sink = 0;
        passages = Documents().Sum(d => d.Passages.Count); // also warms the file cache and the JIT
        Step("read + parse + group + hash (PrebuiltPassages)", () => { foreach (var d in Documents()) sink += d.Passages.Count; });
        var documents = Documents().ToList();
        Step("Lucene documents (PassageDocuments.Block)", () =>
        {
            long order = 0;
            foreach (var d in documents) sink += PassageDocuments.Block(d, null, order++).Count();
        });
        var texts = documents.SelectMany(d => d.Passages).Where(PassageDocuments.IsSearchable).Select(p => p.Text).ToList();
        foreach (var text in texts.Take(200)) // JIT warm-up of the analysis chain, untimed
        {
            using var stream = PassageAnalyzer.Index.GetTokenStream(IndexFields.Text, text);
            sink += Consume(stream);
        }

        Step("analysis: searchable text (PassageAnalyzer.Index)", () =>
        {
            foreach (var text in texts)
            {
                using var stream = PassageAnalyzer.Index.GetTokenStream(IndexFields.Text, text);
                sink += Consume(stream);
            }
        });
        Step("analysis: every analyzed field (IndexAnalyzer.Writer)", () =>
        {
            long order = 0;
            foreach (var d in documents)
            {
                foreach (var fields in PassageDocuments.Block(d, null, order++))
                {
                    foreach (var field in fields)
                    {
                        if (field.IndexableFieldType is { IsIndexed: true, IsTokenized: true })
                        {
                            using var stream = field.GetTokenStream(IndexAnalyzer.Writer);
                            sink += Consume(stream);
                        }
                    }
                }
            }
        });
        Step("passage hash (PassageHasher.Hash)", () => { foreach (var text in texts) sink += PassageHasher.Hash(text).Length; });
        texts.Clear();
        documents.Clear();

        Directory.CreateDirectory(workdir);
        var index = Path.Combine(workdir, "build-parts");
        var cores = Environment.ProcessorCount;
        IndexBuilder.BuildFrom(Documents().Take(20), index, "build-parts warm-up"); // JIT warm-up of the writer, untimed
        foreach (var optimize in new[] { false, true })
        {
            foreach (var threads in cores > 1 ? new[] { 1, cores } : new[] { 1 })
            {
                if (Directory.Exists(index)) Directory.Delete(index, recursive: true);
                BuildSummary? summary = null;
                var name = $"BuildFrom, {threads} thread{(threads > 1 ? "s" : "")}, {(optimize ? "merged to one segment" : "no final merge")}"
                    + (optimize && threads == cores ? " (the product)" : "");
                var line = Step(name, () => summary = IndexBuilder.BuildFrom(Documents(), index, "build-parts", null,
                    new BuildOptions { Threads = threads, Optimize = optimize }));
                line["threads"] = threads;
                line["optimize"] = optimize;
                line["documents"] = summary!.Documents;
                line["index_bytes"] = FolderBytes(index);
                line["segments"] = Segments(index);
            }
        }

        Directory.Delete(index, recursive: true);
        GC.KeepAlive(sink);
        return result;
    }

    private static long Consume(Lucene.Net.Analysis.TokenStream stream)
    {
        var term = stream.AddAttribute<ICharTermAttribute>();
        long tokens = 0;
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens += term.Length > 0 ? 1 : 0;
        }

        stream.End();
        return tokens;
    }

    private static long FolderBytes(string folder) => new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length);

    private static int Segments(string folder)
    {
        using var directory = IndexDirectory.Open(folder);
        var infos = new SegmentInfos();
        infos.Read(directory);
        return infos.Count;
    }
}
