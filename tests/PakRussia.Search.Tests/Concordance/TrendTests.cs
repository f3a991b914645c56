using System.Text.Json;
using PakRussia.Search.Cli;
using PakRussia.Search.Concordance;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Concordance;

/// <summary>
/// Frequency over time on the seeds (issue 16, part 4). The expected numbers were counted by hand, not with our code:
/// <c>grep -in pipeline seeds/*.txt</c> finds, per document and year (years from seeds/manifest.json):
/// <list type="bullet">
/// <item>2014, forum-better-ally (000_…): "pipeline(s)" on lines 82 and 84 (84 quotes 82 word for word: a repeat, counted
/// once) and "Pipelines" on line 96: 2 occurrences;</item>
/// <item>2017, news-ties-closer (001_…): "Gas Pipeline" on line 16: 1; forum-us-russia-afghanistan (004_…): none;</item>
/// <item>2019, academic (003_…): "gas pipeline" on line 474: 1;</item>
/// <item>2023, explainer (002_…): "🔹 Pakistan Stream Gas Pipeline" on line 53 is a heading, which is not searchable text: 0.</item>
/// </list>
/// Words per year were counted outside our code: the searchable passages' text (from <c>pakrussia passages DOC --json</c>,
/// not word-for-word repeats, not headings) split with the regex <c>[A-Za-z0-9À-ɏ]+(?:['’.,][A-Za-z0-9]+)*</c> in Python:
/// forum-better-ally 1,504, news-ties-closer 421, forum-us-russia-afghanistan 1,524, explainer-relations 599. So 2014 has
/// 1,504 words (2 / 1,504 × 10,000 = 13.2979 per 10k) and 2017 has 421 + 1,524 = 1,945 (1 / 1,945 × 10,000 = 5.1414).
/// (The academic paper splits into 4,658 by the regex and 4,643 by Lucene's tokenizer, which keeps some numbers and
/// abbreviations whole, so 2019 is checked on its count only.)
/// </summary>
public sealed class TrendTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private TrendResponse Trend(params string[] terms) => seeds.Searcher.Trend(new TrendRequest { Terms = terms });

    [Fact]
    public void Pipeline_PerYear_MatchesTheHandCount()
    {
        var trend = Trend("pipeline");
        var years = trend.Years.ToDictionary(y => y.Year!.Value);
        Assert.Equal([2014, 2017, 2019, 2023], years.Keys.Order());
        Assert.Equal(2, years[2014].Counts["pipeline"]);
        Assert.Equal(1, years[2017].Counts["pipeline"]);
        Assert.Equal(1, years[2019].Counts["pipeline"]);
        Assert.Equal(0, years[2023].Counts["pipeline"]);
        Assert.Equal(1504, years[2014].Words);
        Assert.Equal(1945, years[2017].Words);
        Assert.Equal(599, years[2023].Words);
        Assert.Equal(13.2979, years[2014].Per10k["pipeline"], 4);
        Assert.Equal(5.1414, years[2017].Per10k["pipeline"], 4);
        Assert.Equal(0, years[2023].Per10k["pipeline"]);
        // Documents with text per year, and those with the word: 2017 has two documents, one of them says "pipeline".
        Assert.Equal(2, years[2017].TotalDocuments);
        Assert.Equal(1, years[2017].Documents["pipeline"]);
        Assert.Equal(4, trend.Counts["pipeline"]);
    }

    [Fact]
    public void Phrase_CountsOnlyTheWordsTogether()
    {
        // "gas pipeline": news-ties-closer ("Gas Pipeline", 2017) and the academic paper ("gas pipeline", 2019), not the forum.
        var trend = Trend("\"gas pipeline\"", "pipeline");
        var years = trend.Years.ToDictionary(y => y.Year!.Value);
        Assert.Equal(0, years[2014].Counts["\"gas pipeline\""]);
        Assert.Equal(1, years[2017].Counts["\"gas pipeline\""]);
        Assert.Equal(1, years[2019].Counts["\"gas pipeline\""]);
        Assert.Equal(2, years[2014].Counts["pipeline"]);
    }

    [Fact]
    public void BySource_SplitsTheYears_AndFiltersApply()
    {
        var split = seeds.Searcher.Trend(new TrendRequest { Terms = ["pipeline"], BySource = true });
        var news2017 = split.Years.Single(y => y.Year == 2017 && y.Source == "news");
        var forum2017 = split.Years.Single(y => y.Year == 2017 && y.Source == "forum");
        Assert.Equal((1, 421), (news2017.Counts["pipeline"], news2017.Words));
        Assert.Equal((0, 1524), (forum2017.Counts["pipeline"], forum2017.Words));

        var forum = seeds.Searcher.Trend(new TrendRequest { Terms = ["pipeline"], Filters = new SearchRequest { Sources = ["forum"] } });
        Assert.Equal([2014, 2017], forum.Years.Select(y => y.Year!.Value));
        Assert.Equal(2, forum.Counts["pipeline"]);
        Assert.Equal(1504 + 1524, forum.Words);
    }

    [Theory]
    [InlineData("source:forum")]
    [InlineData("russia -pakistan")]
    [InlineData("gas pipeline")]
    [InlineData("   ")]
    public void NotOneWordOrPhrase_IsBadInput(string term) =>
        Assert.Throws<SearchRequestException>(() => Trend(term));

    [Fact]
    public void Cli_PrintsTheTable_Json_AndCsv()
    {
        var (exit, output, _) = seeds.Cli("trend", "pipeline");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("2014", output);
        Assert.Contains("13.30", output);
        Assert.DoesNotContain("\u001b[", output);

        var (jsonExit, json, _) = seeds.Cli("trend", "pipeline", "--json");
        Assert.Equal(ExitCodes.Ok, jsonExit);
        using var document = JsonDocument.Parse(json);
        var year = document.RootElement.GetProperty("years")[0];
        Assert.Equal("pipeline", document.RootElement.GetProperty("terms")[0].GetString());
        foreach (var field in new[] { "year", "words", "counts", "per10k", "documents", "totalDocuments" })
            Assert.True(year.TryGetProperty(field, out _), field);

        var (csvExit, csv, _) = seeds.Cli("trend", "pipeline", "--csv");
        Assert.Equal(ExitCodes.Ok, csvExit);
        Assert.StartsWith("year,words,passages,documents,pipeline count,pipeline per10k,pipeline documents", csv);
        Assert.Contains("2014,1504,", csv);
    }

    [Theory]
    [InlineData("trend", "source:forum")]
    [InlineData("trend", "pipeline", "--year", "20x4")]
    [InlineData("trend", "pipeline", "--from", "yesterday")]
    [InlineData("trend", "pipeline", "--json", "--csv")]
    [InlineData("trend", "\"unclosed")]
    public void Cli_BadInput_IsOneLineAndExitTwo(params string[] args)
    {
        var (exit, output, error) = seeds.Cli(args);
        Assert.True(exit is ExitCodes.BadInput or ExitCodes.NotFound, $"exit {exit}: {error}");
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Exception", error + output);
        if (exit == ExitCodes.BadInput)
            Assert.StartsWith("error:", error);
    }
}
