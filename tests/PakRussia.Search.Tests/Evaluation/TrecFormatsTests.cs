using PakRussia.Search.Evaluation;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Evaluation;

public sealed class TrecFormatsTests
{
    [Fact]
    public void Topics_qrels_and_run_round_trip()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("topics.tsv"), "1\twarm waters\n\n2\tMi-35 helicopters \n");
        File.WriteAllText(temp.File("qrels.txt"), "1 0 d1 2\n1\t0\td2   0\n\n2 0 d9 1\n");

        var topics = TrecTopics.Read(temp.File("topics.tsv"));
        Assert.Equal([new TrecTopic("1", "warm waters"), new TrecTopic("2", "Mi-35 helicopters")], topics);

        var qrels = TrecQrels.Read(temp.File("qrels.txt"));
        Assert.Equal(3, qrels.JudgmentCount);
        Assert.Equal(["1", "2"], qrels.QueryIds);
        Assert.Equal(2, qrels.For("1")["d1"]);
        Assert.Equal(1, qrels.RelevantCount("1"));
        Assert.Empty(qrels.For("unknown"));

        var writer = new StringWriter { NewLine = "\n" };
        TrecRun.Write(writer, "1", [new("d1", 12.5), new("d2", 0.1 + 0.2)], "bm25");
        Assert.Equal("1 Q0 d1 1 12.5 bm25\n1 Q0 d2 2 0.30000000000000004 bm25\n", writer.ToString());

        File.WriteAllText(temp.File("run.txt"), writer.ToString());
        var run = TrecRun.Read(temp.File("run.txt"));
        Assert.Equal([new RankedDocument("d1", 12.5), new RankedDocument("d2", 0.1 + 0.2)], run["1"]);
    }

    [Fact]
    public void Bad_lines_are_reported_with_their_line_number()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("qrels.txt"), "1 0 d1 1\n1 0 d2 yes\n");
        var ex = Assert.Throws<FormatException>(() => TrecQrels.Read(temp.File("qrels.txt")));
        Assert.Contains("qrels.txt:2:", ex.Message);

        File.WriteAllText(temp.File("topics.tsv"), "1 no tab here\n");
        Assert.Throws<FormatException>(() => TrecTopics.Read(temp.File("topics.tsv")));

        Assert.Throws<ArgumentException>(() => TrecRun.Write(TextWriter.Null, "q 1", [], "tag"));
        Assert.Throws<ArgumentException>(() => TrecRun.Write(TextWriter.Null, "q1", [new("d", double.NaN)], "tag"));
    }

    [Fact]
    public void SciFact_topics_and_qrels_read_as_published()
    {
        if (RepoPaths.Shared is not { } shared || !Directory.Exists(Path.Combine(shared, "data", "scifact")))
        {
            return; // the shared data is not on this machine
        }

        var folder = Path.Combine(shared, "data", "scifact");
        var topics = TrecTopics.Read(Path.Combine(folder, "topics.beir-v1.0.0-scifact.test.tsv"));
        var qrels = TrecQrels.Read(Path.Combine(folder, "qrels.beir-v1.0.0-scifact.test.txt"));

        Assert.Equal(300, topics.Count);
        Assert.Equal(339, qrels.JudgmentCount);
        Assert.Equal(300, qrels.QueryIds.Count);
        Assert.Equal("0-dimensional biomaterials show inductive properties.", topics[0].Text);
        Assert.All(qrels.QueryIds, q => Assert.True(qrels.RelevantCount(q) > 0));

        // A run that returns exactly the judged documents scores 1 on everything.
        var perfect = qrels.QueryIds.ToDictionary(
            q => q, q => (IReadOnlyList<RankedDocument>)qrels.For(q).Keys.Select(d => new RankedDocument(d, 1)).ToList());
        var report = RelevanceMetrics.Evaluate(perfect, qrels);
        Assert.Equal(300, report.Queries);
        Assert.Equal(1.0, report.Ndcg10, 1e-12);
        Assert.Equal(1.0, report.Map, 1e-12);
    }
}
