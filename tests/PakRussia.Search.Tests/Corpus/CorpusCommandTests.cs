using System.Text.Json;
using PakRussia.Search.Cli;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Corpus;

/// <summary>The <c>docs</c> and <c>passages</c> commands, run in-process on the real seeds.</summary>
public sealed class CorpusCommandTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private (int Exit, string Output, string Error) Run(params string[] args) =>
        seeds.Cli(args.Where((a, i) => a != "--corpus" && (i == 0 || args[i - 1] != "--corpus")).ToArray());

    [Fact]
    public void Docs_Json_ListsTheFiveSeedsWithMetadataAndCounts()
    {
        var (exit, output, error) = Run("docs", "--corpus", RepoPaths.Seeds, "--json");
        Assert.Equal(ExitCodes.Ok, exit);
        // Nothing went wrong: the only line beside the JSON array is the corpus fingerprint (issue 17).
        Assert.Matches(@"^corpus fingerprint: sha256:[0-9a-f]{16}\r?\n$", error);

        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(5, rows.Count);
        var academic = rows.Single(r => r.GetProperty("docId").GetString() == "academic-afghanistan-central-asia");
        Assert.Equal("academic", academic.GetProperty("sourceType").GetString());
        Assert.Equal("2019", academic.GetProperty("date").GetString());
        Assert.Equal("year", academic.GetProperty("datePrecision").GetString());
        Assert.Equal(2019, academic.GetProperty("year").GetInt32());
        Assert.Equal("003_43d2772829a17373.txt", academic.GetProperty("path").GetString());
        Assert.True(academic.GetProperty("passages").GetInt32() > 25);
        Assert.False(academic.GetProperty("inferred").GetBoolean());
        Assert.Equal(JsonValueKind.Null, academic.GetProperty("site").ValueKind);
        Assert.Contains("dateEvidence", academic.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^[0-9a-f]{64}$", academic.GetProperty("contentHash").GetString()!);
    }

    [Fact]
    public void Docs_Table_ShowsOneLinePerDocument()
    {
        var (exit, output, _) = Run("docs", "--corpus", RepoPaths.Seeds);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("forum-better-ally", output);
        Assert.Contains("5 document(s)", output);
        Assert.Matches(@"corpus fingerprint: sha256:[0-9a-f]{16}\r?\n$", output);
    }

    [Fact]
    public void Passages_Json_PrintsTheDocumentsPassages()
    {
        var (exit, output, _) = Run("passages", "academic-afghanistan-central-asia", "--corpus", RepoPaths.Seeds, "--json");
        Assert.Equal(ExitCodes.Ok, exit);

        using var json = JsonDocument.Parse(output);
        var passages = json.RootElement.EnumerateArray().ToList();
        Assert.Equal("academic-afghanistan-central-asia.p0", passages[0].GetProperty("passageId").GetString());
        Assert.Equal("heading", passages[0].GetProperty("kind").GetString());
        var footnote = passages.Single(p => p.TryGetProperty("footnoteNumber", out var n) && n.GetInt32() == 22);
        Assert.Equal("footnote", footnote.GetProperty("kind").GetString());
        Assert.StartsWith("22 Faiza Bashir", footnote.GetProperty("text").GetString());
        Assert.All(passages, p => Assert.False(p.TryGetProperty("postNumber", out _)));
        Assert.All(passages, p => Assert.True(p.TryGetProperty("duplicateOf", out _)));
        Assert.All(passages, p => Assert.True(p.GetProperty("end").GetInt32() > p.GetProperty("start").GetInt32()));
    }

    [Fact]
    public void Passages_Forum_ShowsPostNumbersAndDuplicates()
    {
        var (exit, output, _) = Run("passages", "forum-us-russia-afghanistan", "--corpus", RepoPaths.Seeds);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("post 2", output);
        Assert.Contains("repeats forum-us-russia-afghanistan.p", output);
    }

    [Fact]
    public void Passages_UnknownDocId_ExitsOneWithAMessage()
    {
        var (exit, output, error) = Run("passages", "no-such-doc", "--corpus", RepoPaths.Seeds);
        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.Equal("", output);
        Assert.Contains("unknown document id 'no-such-doc'", error);
    }

    [Fact]
    public void Docs_MissingCorpusFolder_IsBadInput()
    {
        using var folder = new TempFolder();
        var (exit, _, error) = SeedIndex.RunCli("docs", "--corpus", "/nonexistent/corpus", "--index", folder.File("i"));
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("corpus folder not found", error);
    }

    [Fact]
    public void Docs_SkippedFiles_AreListedOnStderr()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("a.txt"), "Pakistan and Russia talk about trade and energy in Moscow.");
        File.WriteAllBytes(folder.File("b.txt"), [0, 1, 2, 3]);
        var (exit, output, error) = SeedIndex.RunCli("docs", "--corpus", folder.Path, "--index", folder.File("index/i"));
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("skipped b.txt: binary", error);
        Assert.Contains("1 document(s)", output);
    }
}
