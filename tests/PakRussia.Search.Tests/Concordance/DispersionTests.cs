using System.Text.Json;
using PakRussia.Search.Cli;
using PakRussia.Search.Concordance;
using PakRussia.Search.Corpus;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Concordance;

/// <summary>Dispersion on the seeds (issue 16, part 5): offsets point at the word in the document's cleaned text.</summary>
public sealed class DispersionTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private static readonly Lazy<IReadOnlyList<IngestedDocument>> Cleaned = new(() => new CorpusLoader().Load(RepoPaths.Seeds, []).ToList());

    [Fact]
    public void Pipeline_OffsetsPointAtTheWord_InTheCleanedText()
    {
        var response = seeds.Searcher.Dispersion(new DispersionRequest { Term = "pipeline" });
        // By hand (see TrendTests): forum-better-ally 2, news-ties-closer 1, the academic paper 1.
        Assert.Equal(4, response.Total);
        Assert.Equal(["forum-better-ally", "academic-afghanistan-central-asia", "news-ties-closer"], response.Documents.Select(d => d.DocId));
        Assert.Equal([2, 1, 1], response.Documents.Select(d => d.Count));
        foreach (var document in response.Documents)
        {
            var text = Cleaned.Value.Single(d => d.Metadata.DocId == document.DocId).CleanText;
            Assert.Equal(text.Length, document.Length);
            Assert.Equal(document.Count, document.Offsets.Count);
            foreach (var offset in document.Offsets)
                Assert.StartsWith("pipeline", text[offset..], StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Phrase_OffsetIsItsFirstWord_AndFiltersApply()
    {
        var response = seeds.Searcher.Dispersion(new DispersionRequest { Term = "\"gas pipeline\"", Filters = new SearchRequest { Sources = ["news"] } });
        var document = Assert.Single(response.Documents);
        Assert.Equal("news-ties-closer", document.DocId);
        var text = Cleaned.Value.Single(d => d.Metadata.DocId == document.DocId).CleanText;
        Assert.StartsWith("Gas Pipeline", text[document.Offsets.Single()..]);
    }

    [Fact]
    public void Cli_StripMarksTheOccurrences_JsonAndCsv()
    {
        var (exit, output, _) = seeds.Cli("dispersion", "pipeline", "--width", "20");
        Assert.Equal(ExitCodes.Ok, exit);
        var line = output.Split('\n').Single(l => l.StartsWith("forum-better-ally", StringComparison.Ordinal));
        var strip = line[(line.IndexOf('[') + 1)..line.IndexOf(']')];
        Assert.Equal(20, strip.Length);
        Assert.InRange(strip.Count(c => c == '|'), 1, 2);

        var (jsonExit, json, _) = seeds.Cli("dispersion", "pipeline", "--json");
        Assert.Equal(ExitCodes.Ok, jsonExit);
        using var parsed = JsonDocument.Parse(json);
        var first = parsed.RootElement.GetProperty("documents")[0];
        foreach (var field in new[] { "docId", "length", "count", "offsets" })
            Assert.True(first.TryGetProperty(field, out _), field);
        Assert.Equal("pipeline", parsed.RootElement.GetProperty("term").GetString());

        var (csvExit, csv, _) = seeds.Cli("dispersion", "pipeline", "--csv");
        Assert.Equal(ExitCodes.Ok, csvExit);
        Assert.StartsWith("docId,title,sourceType,year,length,count,offsets", csv);
    }

    [Fact]
    public void Cli_UnknownWord_ExitsOne_BadTop_ExitsTwo()
    {
        Assert.Equal(ExitCodes.NotFound, seeds.Cli("dispersion", "zzyzxq").Exit);
        var (exit, _, error) = seeds.Cli("dispersion", "pipeline", "--top", "0");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("error:", error);
    }
}
