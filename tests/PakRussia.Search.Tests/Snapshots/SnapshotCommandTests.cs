using System.Text.Json;
using System.Text.Json.Nodes;
using PakRussia.Search.Cli;
using PakRussia.Search.Snapshots;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Snapshots;

/// <summary>
/// Snapshots round trip (issue 17): <c>search --snapshot</c> then <c>snapshot check</c>, on an unchanged index of the
/// seeds and on a copy of the seeds with one document edited.
/// </summary>
public sealed class SnapshotCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _corpus;
    private readonly string _index;

    public SnapshotCommandTests()
    {
        _corpus = _temp.File("corpus");
        Reliability.SyntheticCorpus.CopySeeds(_corpus);
        _index = _temp.File("index");
    }

    public void Dispose() => _temp.Dispose();

    private (int Exit, string Output, string Error) Cli(params string[] args) =>
        SeedIndex.RunCli([.. args, "--corpus", _corpus, "--index", _index]);

    private string Save(string query, params string[] options) => SaveAs(_temp.File($"snapshot-{Guid.NewGuid():N}.json"), query, options);

    private string SaveAs(string file, string query, params string[] options)
    {
        var (exit, output, error) = Cli(["search", query, "--snapshot", file, .. options]);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("1.", output); // the normal output is still printed
        Assert.Contains("snapshot:", error);
        return file;
    }

    [Fact]
    public void Snapshot_HoldsTheSearch_TheCorpus_AndEveryHit_NotOnlyThePage()
    {
        var file = Save("russia", "--source", "news", "--top", "3");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        Assert.Equal("pakrussia-snapshot", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.StartsWith("PakRussia.Search ", root.GetProperty("product").GetString());
        Assert.Matches("^sha256:[0-9a-f]{16}$", root.GetProperty("corpusFingerprint").GetString()!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", root.GetProperty("createdAt").GetString()!);
        Assert.Equal("russia", root.GetProperty("search").GetProperty("query").GetString());
        Assert.Equal("news", root.GetProperty("search").GetProperty("sources")[0].GetString());
        Assert.Equal("relevance", root.GetProperty("search").GetProperty("sort").GetString());
        var total = root.GetProperty("total").GetInt64();
        var hits = root.GetProperty("hits");
        Assert.True(total > 3, "the query should match more than one page");
        Assert.Equal(total, hits.GetArrayLength());
        Assert.True(root.GetProperty("facets").GetProperty("sourceType").GetArrayLength() > 0);
        var first = hits[0];
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        foreach (var field in new[] { "passageId", "docId", "score", "textHash", "citation" })
            Assert.True(first.TryGetProperty(field, out _), field);
        Assert.StartsWith("sha256:", first.GetProperty("textHash").GetString());
        Assert.Equal(5, root.GetProperty("documents").GetArrayLength());
        Assert.True(root.GetProperty("documentsComplete").GetBoolean());
    }

    [Fact]
    public void Unchanged_CheckExitsZero_SaysIdentical_AndAgainGivesTheSameOutput()
    {
        var file = Save("warm waters");
        var first = Cli("snapshot", "check", file);
        Assert.Equal(ExitCodes.Ok, first.Exit);
        Assert.StartsWith("identical:", first.Output);
        var second = Cli("snapshot", "check", file);
        Assert.Equal(ExitCodes.Ok, second.Exit);
        Assert.Equal(first.Output, second.Output);

        // A snapshot taken again holds the same results (only the time differs).
        var again = Save("warm waters");
        Assert.Equal(Results(file), Results(again));

        // The same after a rebuild of the same corpus (another generation).
        Assert.Equal(ExitCodes.Ok, Cli("index", "--rebuild").Exit);
        var rebuilt = Cli("snapshot", "check", file, "--json");
        Assert.Equal(ExitCodes.Ok, rebuilt.Exit);
        Assert.True(JsonDocument.Parse(rebuilt.Output).RootElement.GetProperty("identical").GetBoolean());
    }

    private static string Results(string file)
    {
        var node = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        node.Remove("createdAt");
        node.Remove("generation");
        return node.ToJsonString();
    }

    [Fact]
    public void OneDocumentEdited_CheckExitsOne_NamesTheDocument_AndTheChangedHits()
    {
        var file = Save("warm waters");
        var edited = Directory.GetFiles(_corpus).First(f => File.ReadAllText(f).Contains("ambition to reach warm waters", StringComparison.Ordinal));
        File.WriteAllText(edited, File.ReadAllText(edited).Replace("ambition to reach warm waters", "ambition to reach warm seas", StringComparison.Ordinal));

        var (exit, output, error) = Cli("snapshot", "check", file);
        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.StartsWith("different:", output);
        Assert.Contains("corpus fingerprint:", output);
        Assert.Contains("documents edited (1):", output);
        Assert.Contains("forum-better-ally", output);
        Assert.Contains("Russia can't find a better ally", output);
        Assert.Contains("hits lost (1):", output);
        Assert.Contains("forum-better-ally.p9", output);
        Assert.Contains("hits changed", output);
        Assert.DoesNotContain("Exception", error);

        var json = Cli("snapshot", "check", file, "--json");
        Assert.Equal(ExitCodes.NotFound, json.Exit);
        var root = JsonDocument.Parse(json.Output).RootElement;
        Assert.False(root.GetProperty("identical").GetBoolean());
        Assert.False(root.GetProperty("fingerprintSame").GetBoolean());
        Assert.Equal("forum-better-ally", root.GetProperty("documentsEdited")[0].GetProperty("docId").GetString());
        Assert.Equal(0, root.GetProperty("documentsAdded").GetArrayLength());
        Assert.Equal(0, root.GetProperty("documentsRemoved").GetArrayLength());
        Assert.Equal("forum-better-ally.p9", root.GetProperty("hitsLost")[0].GetProperty("passageId").GetString());
        Assert.Equal(2, root.GetProperty("totalBefore").GetInt64());
        Assert.Equal(1, root.GetProperty("totalNow").GetInt64());
    }

    [Fact]
    public void DocumentAddedAndRemoved_AreNamed()
    {
        var file = Save("russia");
        var removed = Directory.GetFiles(_corpus).First(f => File.ReadAllText(f).Contains("ambition to reach warm waters", StringComparison.Ordinal));
        File.Delete(removed);
        File.WriteAllText(Path.Combine(_corpus, "extra-note.txt"), "Russia and Pakistan signed a new agreement on trade and energy in the spring, officials said at a press conference in Islamabad.");

        var (exit, output, _) = Cli("snapshot", "check", file);
        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.Contains("documents removed (1):", output);
        Assert.Contains("forum-better-ally", output);
        Assert.Contains("documents added (1):", output);
        Assert.Contains("hits gained", output);
    }

    [Theory]
    [InlineData("not json at all {", "not valid JSON")]
    [InlineData("[1, 2, 3]", "not a PakRussia.Search snapshot")]
    [InlineData("{\"format\": \"something-else\", \"version\": 1}", "not a PakRussia.Search snapshot")]
    [InlineData("{\"format\": \"pakrussia-snapshot\"}", "no snapshot version")]
    [InlineData("{\"format\": \"pakrussia-snapshot\", \"version\": 2}", "version 2; this program reads version 1")]
    [InlineData("{\"format\": \"pakrussia-snapshot\", \"version\": 1, \"hits\": \"many\"}", "damaged")]
    [InlineData("{\"format\": \"pakrussia-snapshot\", \"version\": 1}", "damaged")]
    [InlineData("{\"format\": \"pakrussia-snapshot\", \"version\": 1, \"corpusFingerprint\": \"sha256:0\", \"search\": {\"query\": \"x\", \"sort\": \"sideways\"}}", "unknown sort")]
    public void MalformedFile_IsBadInput_WithAOneLineMessage(string content, string expected)
    {
        var file = _temp.File("bad.json");
        File.WriteAllText(file, content);
        var (exit, output, error) = Cli("snapshot", "check", file);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error:", error);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("Exception", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void MissingFile_IsBadInput()
    {
        var (exit, _, error) = Cli("snapshot", "check", _temp.File("nowhere.json"));
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public void SnapshotIntoAMissingFolder_IsBadInput_AndNothingIsLeftBehind()
    {
        var (exit, _, error) = Cli("search", "warm waters", "--snapshot", _temp.File("no/such/folder/s.json"));
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public void WrittenFile_ReadsBack_AndReplacesAnOldOne()
    {
        var file = Save("warm waters");
        var snapshot = SnapshotFile.Read(file);
        Assert.Equal("warm waters", snapshot.Search.Query);
        Assert.Equal(2, snapshot.Hits.Count);
        SaveAs(file, "gas pipeline");
        Assert.Equal("gas pipeline", SnapshotFile.Read(file).Search.Query);
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp"));
    }
}
