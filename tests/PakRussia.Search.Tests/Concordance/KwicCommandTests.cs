using System.Text.Json;
using PakRussia.Search.Cli;
using PakRussia.Search.Tests.Reliability;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Concordance;

/// <summary>The kwic and collocates commands, in-process, against an index of the seeds (issue 16, parts 1–2).</summary>
public sealed class KwicCommandTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    [Fact]
    public void Kwic_AlignsTheMatchesInOneColumn()
    {
        var (exit, output, _) = seeds.Cli("kwic", "pipeline", "--width", "3");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("4 lines in 4 passages", output);
        var rows = output.Split('\n').Where(l => l.Contains("pipeline", StringComparison.OrdinalIgnoreCase) && l.Contains(".p")).ToList();
        Assert.Equal(4, rows.Count);
        var columns = rows.Select(r => r.IndexOf("pipeline", StringComparison.OrdinalIgnoreCase)).Distinct();
        Assert.Single(columns);
        Assert.DoesNotContain("\u001b[", output);
    }

    [Fact]
    public void Kwic_Json_HasTheDocumentedShape()
    {
        var (exit, output, _) = seeds.Cli("kwic", "pipeline", "--json");
        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        foreach (var field in new[] { "query", "total", "passages", "page", "perPage", "lines", "facets" })
            Assert.True(root.TryGetProperty(field, out _), field);
        Assert.Equal(4, root.GetProperty("total").GetInt32());
        var line = root.GetProperty("lines")[0];
        foreach (var field in new[] { "passageId", "docId", "year", "sourceType", "left", "match", "right", "start", "end", "citation" })
            Assert.True(line.TryGetProperty(field, out _), field);
    }

    [Fact]
    public void Kwic_Csv_QuotesCellsAndHasEveryLine()
    {
        var (exit, output, error) = seeds.Cli("kwic", "pipeline", "--csv", "--with-copies");
        Assert.Equal(ExitCodes.Ok, exit);
        var rows = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, rows.Length); // header + 5 lines
        Assert.StartsWith("passage_id,doc_id,year,source_type,left,match,right,start,end,copy_of,citation", rows[0]);
        // Citations have commas, so they are quoted.
        Assert.All(rows.Skip(1), r => Assert.Contains(",\"", r));
        Assert.Contains("exported 5 line(s) as csv", error);
    }

    [Fact]
    public void Kwic_Tsv_HasOneRowPerLine()
    {
        var (exit, output, _) = seeds.Cli("kwic", "pipeline", "--tsv");
        Assert.Equal(ExitCodes.Ok, exit);
        var rows = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, rows.Length);
        Assert.All(rows, r => Assert.Equal(10, r.Count(c => c == '\t')));
    }

    [Fact]
    public void Kwic_Near_NarrowsToTheCollocate()
    {
        var (exit, output, _) = seeds.Cli("kwic", "pipeline", "--near", "gas", "--json");
        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public void Collocates_Table_ListsGasForPipeline()
    {
        var (exit, output, _) = seeds.Cli("collocates", "pipeline", "--min-frequency", "2");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("logDice", output);
        Assert.Matches(@"(?m)^gas\s+2\s+\d+\s+\d+\.\d\d\s+-?\d+\.\d\d", output);
    }

    [Fact]
    public void Collocates_Json_HasTheDocumentedShape()
    {
        var (exit, output, _) = seeds.Cli("collocates", "russia", "--json", "--window", "4");
        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("window").GetInt32());
        var first = root.GetProperty("collocates")[0];
        foreach (var field in new[] { "word", "frequency", "subcorpusFrequency", "logDice", "logLikelihood" })
            Assert.True(first.TryGetProperty(field, out _), field);
    }

    [Theory]
    [InlineData("kwic", "pipeline", "--sort", "3L")]
    [InlineData("kwic", "pipeline", "--width", "0")]
    [InlineData("kwic", "pipeline", "--per-page", "100000")]
    [InlineData("kwic", "pipeline", "--near", "two words")]
    [InlineData("kwic", "pipeline", "--csv", "--json")]
    [InlineData("kwic", "", "--json")]
    [InlineData("kwic", "source:forum")]
    [InlineData("kwic", "\"warm waters")]
    [InlineData("collocates", "pipeline", "--window", "99")]
    [InlineData("collocates", "pipeline", "--sort", "mi")]
    [InlineData("collocates", "pipeline", "--from", "yesterday")]
    public void BadInput_IsAOneLineMessage(params string[] args)
    {
        var run = seeds.Cli(args);
        if (args.Contains("\"warm waters"))
            CliOutcome.Check(string.Join(' ', args), Outcome.Found, run); // repaired, as search repairs it
        else
            CliOutcome.Check(string.Join(' ', args), Outcome.BadInput, run);
    }

    [Fact]
    public void NothingFound_ExitsOne()
    {
        var (exit, output, _) = seeds.Cli("kwic", "zzyzx");
        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.StartsWith("0 lines", output);
    }
}
