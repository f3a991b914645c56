using System.Text.Json;
using PakRussia.Search.Evaluation;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Evaluation;

/// <summary>
/// <c>pakrussia eval --preset</c>, <c>--lengths</c> and <c>--set</c> on the command line: the preset's run and the
/// settings it reports, and every misuse as bad input (exit 2) with a one-line message. The collection is
/// <see cref="EvalCommandTests"/>' six documents, whose hand-computed scores the preset must reach too (Doc:1's three
/// "zebra" in six words outscore Doc:2's one in a long text; "setonix" is in no document).
/// </summary>
public sealed class EvalPresetCommandTests : IDisposable
{
    private readonly ZebraCollection _zebra = new();
    private TempFolder _folder => _zebra.Folder;
    private string _corpus => _zebra.Corpus;
    private string _topics => _zebra.Topics;
    private string _qrels => _zebra.Qrels;

    public void Dispose() => _zebra.Dispose();

    private (int Exit, string Output, string Error) Eval(params string[] more) =>
        SeedIndex.RunCli(["eval", "--corpus", _corpus, "--topics", _topics, "--qrels", _qrels, .. more]);

    [Fact]
    public void The_preset_ranks_with_Lucene_and_reports_its_settings()
    {
        var run = _folder.File("preset.run");
        var (exit, output, error) = Eval("--preset", "anserini-bm25", "--json", "--run", run);

        Assert.True(exit == 0, error);
        using var report = JsonDocument.Parse(output);
        var root = report.RootElement;
        Assert.Equal("anserini-bm25", root.GetProperty("ranking").GetString());
        Assert.Equal("anserini-bm25", root.GetProperty("preset").GetString());
        var settings = root.GetProperty("settings");
        Assert.Equal("0.9", settings.GetProperty("k1").GetString());
        Assert.Equal("0.4", settings.GetProperty("b").GetString());
        Assert.Equal("lucene48", settings.GetProperty("lengths").GetString());
        Assert.Equal(6, root.GetProperty("documents").GetInt32());
        Assert.Equal(0, root.GetProperty("passages").GetInt32());
        Assert.Equal((1 / Math.Log2(3) + 1 / (1 + 1 / Math.Log2(3))) / 3, root.GetProperty("ndcg10").GetDouble(), 6);
        Assert.Equal(1.0 / 3, root.GetProperty("map").GetDouble(), 6);
        Assert.Equal(["T1 Q0 Doc:1 1", "T1 Q0 Doc:2 2", "T2 Q0 Doc:3 1"], File.ReadAllLines(run).Select(l => string.Join(' ', l.Split(' ')[..4])));
        Assert.All(File.ReadAllLines(run), l => Assert.EndsWith(" pakrussia-anserini-bm25", l));
    }

    [Fact]
    public void The_text_report_names_the_preset_and_every_setting_including_overrides()
    {
        var (exit, output, error) = Eval("--preset", "anserini-bm25-rm3", "--lengths", "exact", "--set", "k1=1.2", "--set", "fb-docs=3");

        Assert.True(exit == 0, error);
        Assert.Contains("ranking     anserini-bm25-rm3 (depth 1000)", output);
        Assert.Contains("settings    k1=1.2 b=0.4 lengths=exact fb-docs=3 fb-terms=10 fb-original-weight=0.5", output);

        (exit, output, error) = Eval("--set", "title-weight=2", "--set", "fb-docs=0");
        Assert.True(exit == 0, error);
        Assert.Contains("settings    k1=1.2 b=0.9 title-weight=2 proximity-weight=0.5 proximity-window=3 fb-docs=0 fb-terms=10 fb-original-weight=0.9 fb-max-share=0.1", output);
    }

    [Theory]
    [InlineData("unknown preset 'bm42': use anserini-bm25, anserini-bm25-rm3 or anserini-bm25-sdm", "--preset", "bm42")]
    [InlineData("--preset and --ranking cannot be combined: a preset ranks with its own Lucene index", "--preset", "anserini-bm25", "--ranking", "documents")]
    [InlineData("unknown --lengths 'Lucene9': use lucene48, lucene9 or exact", "--preset", "anserini-bm25", "--lengths", "Lucene9")]
    [InlineData("--lengths needs --preset (the engine's own rankings keep exact lengths)", "--lengths", "exact")]
    [InlineData("--set: this preset has no setting 'title-weight' (it has k1, b)", "--preset", "anserini-bm25", "--set", "title-weight=2")]
    [InlineData("--set: the passages ranking has no setting 'k1' (it has passage-share, proximity-weight, proximity-slop, proximity-depth)", "--ranking", "passages", "--set", "k1=2")]
    [InlineData("--set b: '1.5' is not a number from 0 to 1", "--set", "b=1.5")]
    [InlineData("--set 'k1': expected name=value", "--set", "k1")]
    public void Misused_options_are_bad_input_with_a_one_line_message(string message, params string[] options)
    {
        var (exit, output, error) = Eval(options);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"error: {message}", error.TrimEnd());
    }

    [Fact]
    public void A_preset_name_is_exact()
    {
        Assert.NotNull(EvalPresets.Find("anserini-bm25"));
        Assert.Null(EvalPresets.Find("Anserini-BM25"));
        Assert.Null(EvalPresets.Find(null));
        Assert.NotNull(EvalPresets.Find("anserini-bm25-rm3")!.Rm3);
    }
}
