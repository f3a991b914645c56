using System.Text.Json;
using PakRussia.Search.Cli;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Cli;

/// <summary>The search and show commands, in-process, against an index of the seeds (issue 3).</summary>
public sealed class SearchCommandTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    [Fact]
    public void Json_HasTheDocumentedShape()
    {
        var (exit, output, _) = seeds.Cli("search", "warm waters", "--json");
        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        foreach (var field in new[] { "query", "total", "page", "pageSize", "tookMs", "warnings", "hits", "facets" })
            Assert.True(root.TryGetProperty(field, out _), field);
        var hit = root.GetProperty("hits")[0];
        foreach (var field in new[] { "passageId", "docId", "title", "sourceType", "date", "year", "section", "ordinal", "kind", "score", "text", "highlight", "matches", "start", "end", "duplicates", "citation" })
            Assert.True(hit.TryGetProperty(field, out _), field);
        foreach (var facet in new[] { "sourceType", "year", "document", "author" })
            Assert.True(root.GetProperty("facets").TryGetProperty(facet, out _), facet);
    }

    [Fact]
    public void PipedOutput_IsPlain_WithFacetsAfterTheHits()
    {
        var (exit, output, _) = seeds.Cli("search", "warm waters");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.DoesNotContain("\u001b[", output);
        Assert.True(output.IndexOf("source:", StringComparison.Ordinal) > output.IndexOf("warm waters", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void NothingFound_ExitsOne()
    {
        var (exit, output, _) = seeds.Cli("search", "\"zzyzx qqq\"");
        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.Contains("No passages", output);
    }

    [Theory]
    [InlineData("\"warm waters")]
    [InlineData("-")]
    [InlineData("*")]
    [InlineData("AND")]
    [InlineData("NEAR(")]
    [InlineData("a:b")]
    [InlineData("{x}")]
    [InlineData("^")]
    [InlineData("🇵🇰🇷🇺")]
    [InlineData("warm\u0001\u0007 waters\u0000")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("');DROP TABLE passages;--")]
    public void BadInput_GetsResultsOrAOneLineMessage_NeverAStackTraceOrFts5Error(string query)
    {
        var (exit, output, error) = seeds.Cli("search", query);
        Assert.Contains(exit, new[] { ExitCodes.Ok, ExitCodes.NotFound, ExitCodes.BadInput });
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Exception", error);
        Assert.DoesNotContain("fts5", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("syntax error", output + error, StringComparison.OrdinalIgnoreCase);
        if (exit == ExitCodes.BadInput)
        {
            Assert.StartsWith("error:", error);
        }
    }

    [Fact]
    public void EmptyQuery_IsBadInput()
    {
        var (exit, _, error) = seeds.Cli("search", "");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("empty", error);
    }

    [Fact]
    public void TenThousandCharacterQuery_IsBadInput_WithAClearMessage()
    {
        var (exit, _, error) = seeds.Cli("search", string.Join(' ', Enumerable.Repeat("russia", 1500)));
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("too", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void StrictMode_PrintsACaretAndExitsTwo()
    {
        var (exit, _, error) = seeds.Cli("search", "year:[2014 TO", "--strict");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("Cannot parse 'year:[2014 TO': missing ']'", error);
        Assert.Contains("^", error);
    }

    [Theory]
    [InlineData("--page", "0")]
    [InlineData("--top", "1000")]
    [InlineData("--sort", "bogus")]
    [InlineData("--from", "yesterday")]
    [InlineData("--year", "notayear")]
    public void BadOptions_ExitTwo(string option, string value)
    {
        var (exit, _, error) = seeds.Cli("search", "russia", option, value);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.NotEmpty(error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Show_UnknownId_ExitsOne_AndJsonHasTheDocumentedShape()
    {
        var (missing, _, error) = seeds.Cli("show", "nope.p1");
        Assert.Equal(ExitCodes.NotFound, missing);
        Assert.Contains("no passage", error);
        var (exit, output, _) = seeds.Cli("show", "news-ties-closer.p3", "--context", "1", "--json");
        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(output);
        foreach (var field in new[] { "passage", "before", "after", "document", "citation" })
            Assert.True(json.RootElement.TryGetProperty(field, out _), field);
        Assert.Equal(1, json.RootElement.GetProperty("before").GetArrayLength());
    }

    [Fact]
    public void IndexOnFirstUse_BuildsAMissingIndex()
    {
        using var temp = new TempFolder();
        var (exit, output, error) = SeedIndex.RunCli("search", "Druzhba", "--index", temp.File("new/index"), "--corpus", RepoPaths.Seeds);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("indexed", error);
        Assert.Contains("Druzhba", output);
    }
}
