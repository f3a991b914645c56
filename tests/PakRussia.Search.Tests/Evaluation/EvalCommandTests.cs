using System.Text.Json;
using PakRussia.Search.Evaluation;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Evaluation;

/// <summary>
/// <c>pakrussia eval</c> end to end on a four-document collection whose rankings are obvious, so the metrics can be
/// worked out by hand:
/// <list type="bullet">
/// <item>T1 "Zebra?": Doc:1 (zebra ×3, short) ranks above Doc:2 (zebra once, long); only Doc:2 is relevant, at rank 2:
/// nDCG@10 = 1/log2(3) = 0.63093, Recall@100 = 1, RR = 0.5, AP = 0.5.</item>
/// <item>T2 "quokka (Setonix)": only Doc:3 matches, relevant at rank 1; Doc:4, also relevant, is never retrieved:
/// nDCG@10 = 1 / (1 + 1/log2(3)) = 0.61315, Recall@100 = 0.5, RR = 1, AP = 0.5.</item>
/// <item>T3 "narwhal-tusk": nothing matches: everything 0.</item>
/// </list>
/// Means: nDCG@10 0.41469, Recall@100 0.5, MRR@10 0.5, MAP 0.33333. Ids hold ':' so the mapping back to the records'
/// ids is exercised too. Doc:5 and Doc:6 match nothing; they are there so that "zebra" (in 2 of 6 documents) gets a
/// clearly positive idf (the FTS5 engine floored the idf of a word in half the rows or more; the fixture keeps them).
/// </summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly ZebraCollection _zebra = new();
    private TempFolder _folder => _zebra.Folder;
    private string _corpus => _zebra.Corpus;
    private string _topics => _zebra.Topics;
    private string _qrels => _zebra.Qrels;

    public void Dispose() => _zebra.Dispose();

    [Theory]
    [InlineData("documents")]
    [InlineData("passages")]
    public void Reports_the_hand_computed_metrics_and_writes_the_run(string ranking)
    {
        var run = _folder.File($"{ranking}.run");
        var (exit, output, error) = SeedIndex.RunCli("eval", "--corpus", _corpus, "--topics", _topics, "--qrels", _qrels,
            "--run", run, "--json", "--ranking", ranking, "--workers", "1");

        Assert.True(exit == 0, error);
        using var report = JsonDocument.Parse(output);
        var root = report.RootElement;
        Assert.Equal(3, root.GetProperty("queries").GetInt32());
        Assert.Equal(6, root.GetProperty("documents").GetInt32());
        Assert.Equal((1 / Math.Log2(3) + 1 / (1 + 1 / Math.Log2(3))) / 3, root.GetProperty("ndcg10").GetDouble(), 6);
        Assert.Equal(0.5, root.GetProperty("recall100").GetDouble(), 6);
        Assert.Equal(0.5, root.GetProperty("mrr10").GetDouble(), 6);
        Assert.Equal(1.0 / 3, root.GetProperty("map").GetDouble(), 6);
        Assert.True(root.GetProperty("indexSeconds").GetDouble() >= 0);
        Assert.True(root.GetProperty("querySeconds").GetDouble() >= 0);
        Assert.Contains("topics ranked", error);

        var lines = File.ReadAllLines(run);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("T1 Q0 Doc:1 1 ", lines[0]);
        Assert.StartsWith("T1 Q0 Doc:2 2 ", lines[1]);
        Assert.StartsWith("T2 Q0 Doc:3 1 ", lines[2]);
        // Read back, the run scores the same.
        var reread = RelevanceMetrics.Evaluate(TrecRun.Read(run), TrecQrels.Read(_qrels));
        Assert.Equal(0.5, reread.Mrr10, 6);
    }

    [Fact]
    public void Text_report_names_every_metric_and_both_times()
    {
        var (exit, output, error) = SeedIndex.RunCli("eval", "--corpus", _corpus, "--topics", _topics, "--qrels", _qrels);

        Assert.True(exit == 0, error);
        foreach (var label in new[] { "nDCG@10     0.4147", "Recall@100  0.5000", "MRR@10      0.5000", "MAP         0.3333", "index time", "query time" })
        {
            Assert.Contains(label, output);
        }
    }

    [Fact]
    public void Split_scores_each_half_over_its_own_topics()
    {
        // Odd positions: T1 and T3 (nDCG 0.63093 and 0; Recall 1 and 0; RR 0.5 and 0; AP 0.5 and 0). Even: T2 alone.
        var run = _folder.File("odd.run");
        var (exit, output, error) = SeedIndex.RunCli("eval", "--corpus", _corpus, "--topics", _topics, "--qrels", _qrels,
            "--split", "odd", "--json", "--run", run);
        Assert.True(exit == 0, error);
        using (var report = JsonDocument.Parse(output))
        {
            var root = report.RootElement;
            Assert.Equal("odd", root.GetProperty("split").GetString());
            Assert.Equal(2, root.GetProperty("queries").GetInt32());
            Assert.Equal(2, root.GetProperty("topics").GetInt32());
            Assert.Equal(1 / Math.Log2(3) / 2, root.GetProperty("ndcg10").GetDouble(), 6);
            Assert.Equal(0.5, root.GetProperty("recall100").GetDouble(), 6);
            Assert.Equal(0.25, root.GetProperty("mrr10").GetDouble(), 6);
            Assert.Equal(0.25, root.GetProperty("map").GetDouble(), 6);
        }

        Assert.All(File.ReadAllLines(run), line => Assert.StartsWith("T1 ", line));

        (exit, output, error) = SeedIndex.RunCli("eval", "--corpus", _corpus, "--topics", _topics, "--qrels", _qrels, "--split", "even");
        Assert.True(exit == 0, error);
        foreach (var label in new[] { "queries     1 judged of 1 topics (even half)", "nDCG@10     0.6131", "Recall@100  0.5000", "MRR@10      1.0000", "MAP         0.5000" })
        {
            Assert.Contains(label, output);
        }
    }

    [Theory]
    [InlineData("corpus")]
    [InlineData("topics")]
    [InlineData("qrels")]
    public void A_missing_file_is_bad_input(string which)
    {
        string Path(string name, string actual) => name == which ? _folder.File("missing-" + name) : actual;
        var (exit, _, error) = SeedIndex.RunCli("eval", "--corpus", Path("corpus", _corpus), "--topics", Path("topics", _topics), "--qrels", Path("qrels", _qrels));

        Assert.Equal(2, exit);
        Assert.Contains($"no {which} file at", error);
    }

    [Fact]
    public void Malformed_qrels_and_a_missing_run_folder_are_bad_input()
    {
        var bad = _folder.File("bad.qrels");
        File.WriteAllText(bad, "T1 Doc:2 1\n");
        var (exit, _, error) = SeedIndex.RunCli("eval", "--corpus", _corpus, "--topics", _topics, "--qrels", bad);
        Assert.Equal(2, exit);
        Assert.Contains("bad.qrels:1", error);

        (exit, _, error) = SeedIndex.RunCli("eval", "--corpus", _corpus, "--topics", _topics, "--qrels", _qrels, "--run", _folder.File("nowhere/x.run"));
        Assert.Equal(2, exit);
        Assert.Contains("for the run file", error);
    }

    [Fact]
    public void The_document_ranker_scores_title_words_and_near_pairs_higher()
    {
        var index = CorpusEvaluation.BuildIndex(_corpus, _folder.File("ranker"));
        var ranker = new DocumentRanker(index.IndexPath);
        Assert.Equal(6, ranker.DocumentCount);
        // "island" is in Doc:3's title and text; "animals" in Doc:1's title and Doc:2's text: the title wins.
        Assert.Equal(["doc-3"], ranker.Rank("island", 10).Select(d => d.DocId));
        Assert.Equal(["doc-1", "doc-2"], ranker.Rank("the animals", 10).Select(d => d.DocId));
        Assert.DoesNotContain(ranker.Rank("the of and", 10), d => d.Score <= 0);
        Assert.Empty(ranker.Rank("?!", 10));
        // With proximity on, "zebra grazes" (adjacent in Doc:1) beats the same words without the bonus.
        var near = new DocumentRanker(index.IndexPath, new DocumentRankOptions { ProximityWeight = 1 }).Rank("zebra grazes", 1)[0];
        var far = new DocumentRanker(index.IndexPath, new DocumentRankOptions { ProximityWeight = 0 }).Rank("zebra grazes", 1)[0];
        Assert.Equal("doc-1", near.DocId);
        Assert.True(near.Score > far.Score);
    }
}
