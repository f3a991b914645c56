using System.Text;
using System.Text.Json;
using PakRussia.Search.Cli;
using PakRussia.Search.Corpus;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>
/// A file with invalid UTF-8 is indexed with U+FFFD in place of each bad sequence, and the repair is reported for that
/// file (issue 19): on <c>index</c> (terminal and --json) and on <c>docs</c> (terminal and --json), with the real count.
/// </summary>
public sealed class InvalidUtf8ReportTests : IDisposable
{
    private const string Expected = "bad.txt: 8 invalid byte sequences replaced";
    private readonly TempFolder _temp = new();
    private readonly string _corpus;

    public InvalidUtf8ReportTests()
    {
        _corpus = _temp.File("corpus");
        Directory.CreateDirectory(_corpus);
        File.WriteAllBytes(Path.Combine(_corpus, "bad.txt"), BadBytes());
        File.WriteAllText(Path.Combine(_corpus, "clean.txt"), "Pakistan and Russia cleanword talks in Moscow on energy and trade.");
    }

    public void Dispose() => _temp.Dispose();

    private string Index => _temp.File("idx");

    /// <summary>Exactly eight invalid sequences, as the Unicode "maximal subpart" practice counts them (one U+FFFD each).</summary>
    internal static byte[] BadBytes() =>
    [
        .. Encoding.UTF8.GetBytes("Pakistan and Russia utfword "),
        0xFF, .. " a "u8,                // a byte that never occurs in UTF-8: 1
        0xC3, 0x28, .. " b "u8,          // a lead byte followed by ASCII: 1
        0xE2, 0x82, .. " c "u8,          // a truncated three-byte sequence: 1
        0x80, .. " d "u8,                // a lone continuation byte: 1
        0xF0, 0x9F, 0x98, .. "x e "u8,   // a truncated four-byte sequence: 1
        0xC0, 0xAF, .. " f "u8,          // an overlong form: 2 (C0 is never valid, so AF stands alone)
        0xFE, .. " talks ended."u8,      // 1
    ];

    [Fact]
    public void Decode_EightInvalidSequences_ReplacesAndCountsEight()
    {
        var decoded = TextDecoder.Decode(BadBytes(), "bad.txt");
        Assert.Equal(8, decoded.Text!.Count(c => c == '\uFFFD'));
        Assert.Contains(Expected, Assert.Single(decoded.Warnings));
    }

    [Fact]
    public void Cli_IndexJson_ReportsTheWarningForTheFile()
    {
        var (exit, output, _) = SeedIndex.RunCli("index", "--corpus", _corpus, "--index", Index, "--json");
        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(output);
        var warnings = json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(Expected, Assert.Single(warnings));
    }

    [Fact]
    public void Cli_IndexText_ReportsTheWarningForTheFile_AlsoWhenUpToDateOrUnchanged()
    {
        var first = SeedIndex.RunCli("index", "--corpus", _corpus, "--index", Index);
        Assert.Equal(ExitCodes.Ok, first.Exit);
        Assert.Contains("warning " + Expected, first.Output);

        var upToDate = SeedIndex.RunCli("index", "--corpus", _corpus, "--index", Index);
        Assert.Contains("up to date", upToDate.Output);
        Assert.Contains("warning " + Expected, upToDate.Output);

        // Another file changes: bad.txt is unchanged (not read again), and its warning still stands.
        File.WriteAllText(Path.Combine(_corpus, "new.txt"), "Pakistan and Russia newword on a later day.");
        var incremental = SeedIndex.RunCli("index", "--corpus", _corpus, "--index", Index);
        Assert.Contains("added 1", incremental.Output);
        Assert.Contains("warning " + Expected, incremental.Output);
        Assert.Single(incremental.Output.Split('\n'), l => l.Contains("warning", StringComparison.Ordinal));
    }

    [Fact]
    public void Cli_DocsJson_ListsTheWarningOnThatDocumentOnly()
    {
        var (exit, output, _) = SeedIndex.RunCli("docs", "--corpus", _corpus, "--index", Index, "--json");
        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("path").GetString()!);
        var warnings = rows["bad.txt"].GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(Expected, Assert.Single(warnings));
        Assert.Empty(rows["clean.txt"].GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void Cli_DocsTable_ShowsTheWarningUnderTheDocument()
    {
        var (exit, output, _) = SeedIndex.RunCli("docs", "--corpus", _corpus, "--index", Index);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("warning: " + Expected, output);
        Assert.Single(output.Split('\n'), l => l.Contains("warning", StringComparison.Ordinal));
    }
}
