using System.Text.Json;
using PakRussia.Search.Cli;
using PakRussia.Search.Querying;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Search;

/// <summary>
/// Sentence-like queries on the seeds (issue 15, part 4): passages with every word first, then those with most of the
/// words, each saying which it lacks; totals and facets describe exactly the listed passages; --all and --any as before.
/// </summary>
public sealed class SentenceQueryTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private const string Trade = "trade between Pakistan and Russia"; // "and" is a stop word: four words

    private List<SearchHit> AllHits(string query, Func<SearchRequest, SearchRequest>? configure = null)
    {
        var hits = new List<SearchHit>();
        for (var page = 1; ; page++)
        {
            var request = new SearchRequest { Query = query, PageSize = 100, Page = page };
            var response = seeds.Searcher.Search(configure is null ? request : configure(request));
            hits.AddRange(response.Hits);
            if (hits.Count >= response.Total || response.Hits.Count == 0)
                return hits;
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    [InlineData(6, 5)]
    [InlineData(8, 6)]
    [InlineData(10, 8)]
    public void MinimumWords_AllUpToTwo_OneMissingFromThreeToFive_ThreeQuartersBeyond(int words, int minimum) =>
        Assert.Equal(minimum, QueryCompiler.MinimumWordsFor(words));

    [Fact]
    public void Trade_ListsThePassageWithEveryWordFirst_ThenThoseWithThreeOfTheFour_ThenFewer()
    {
        var response = seeds.Searcher.Search(new SearchRequest { Query = Trade, PageSize = 100 });
        // 1 passage has the four words and 26 have three: fewer than 1,000, so passages with fewer come after them (on 187
        // passages, down to one word).
        var listed = AllHits(Trade);
        Assert.Equal(response.Total, listed.Count);
        Assert.Equal(26, listed.Count(h => h.Missing?.Count == 1));
        Assert.Contains(response.Warnings, w => w == "Few passages have 3 of the 4 words; also showing passages with 1 or more.");
        Assert.Equal(seeds.Searcher.Search(new SearchRequest { Query = Trade, Any = true }).Total, response.Total);
        Assert.Equal(1, response.AllWords);
        var first = response.Hits[0];
        Assert.Null(first.Missing);
        // By hand: the academic paper's paragraph on the 1995 transit trade agreement "signed between Pakistan, China, ..."
        // under the title "Pakistan-Russia collaboration: ...".
        Assert.Equal("academic-afghanistan-central-asia", first.DocId);
        Assert.Contains("trade agreement was signed between Pakistan", first.Text);
        Assert.All(listed.Skip(1).Take(26), h => Assert.Single(h.Missing!));
        Assert.All(listed.Skip(1), h => Assert.All(h.Missing!, w => Assert.Contains(w, new[] { "trade", "between", "Pakistan", "Russia" })));
        // The explainer's "Pakistan-Russia trade = Only $1 billion/year" has no "between": it is listed, and says so,
        // below the one passage with every word although its own score is higher.
        var explainer = response.Hits.Single(h => h.PassageId == "explainer-relations.p22");
        Assert.Equal(["between"], explainer.Missing);
        Assert.True(explainer.Score > first.Score);
    }

    [Fact]
    public void TotalAndFacets_DescribeExactlyTheListedPassages()
    {
        var response = seeds.Searcher.Search(new SearchRequest { Query = Trade });
        var listed = AllHits(Trade);
        Assert.Equal(response.Total, listed.Count);
        Assert.Equal(listed.Count, listed.Select(h => h.PassageId).Distinct().Count());
        Assert.Equal(response.Total, response.Facets.SourceType.Sum(f => f.Count));
        var byDocument = listed.GroupBy(h => h.DocId).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(byDocument, response.Facets.Document.ToDictionary(f => f.Value, f => f.Count));
        var bySource = listed.GroupBy(h => h.SourceType).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(bySource, response.Facets.SourceType.ToDictionary(f => f.Value, f => f.Count));
    }

    [Fact]
    public void WithAFilter_TheCountsStillMatchTheListing()
    {
        var response = seeds.Searcher.Search(new SearchRequest { Query = Trade, Sources = ["forum"], PageSize = 100 });
        Assert.All(response.Hits, h => Assert.Equal("forum", h.SourceType));
        Assert.Equal(response.Total, response.Hits.Count);
        Assert.Equal(response.Total, response.Facets.Document.Sum(f => f.Count));
    }

    [Fact]
    public void PassagesRankByHowManyWordsTheyHave_ThenByScore()
    {
        var hits = AllHits("Russia sold attack helicopters to Pakistan");
        var missing = hits.Select(h => h.Missing?.Count ?? 0).ToList();
        Assert.Equal(missing.Order(), missing);
        // Within one group: own text before title-only matches, body before footnotes (RankTierTests), then by score.
        static int Where(SearchHit h) => h.Matches.Count == 0 ? 0 : h.Kind == "footnote" ? 1 : 2;
        foreach (var group in hits.GroupBy(h => (h.Missing?.Count ?? 0, Where(h))))
            Assert.Equal(group.Select(h => h.Score).OrderDescending(), group.Select(h => h.Score));
        foreach (var group in hits.GroupBy(h => h.Missing?.Count ?? 0))
            Assert.Equal(group.Select(Where).OrderDescending(), group.Select(Where));
    }

    [Fact]
    public void FewPassagesWithMostWords_TheNumberAskedForIsLowered_NeverToOneHit()
    {
        // Five words, no passage has four: the search asks for three, then two, then one, while it lists fewer than 1,000.
        var response = seeds.Searcher.Search(new SearchRequest { Query = "Russia sold attack helicopters to Pakistan" });
        Assert.True(response.Total >= 10, $"total {response.Total}");
        Assert.Equal(seeds.Searcher.Search(new SearchRequest { Query = "Russia sold attack helicopters to Pakistan", Any = true }).Total, response.Total);
        Assert.Equal(0, response.AllWords);
        Assert.Contains(response.Warnings, w => w.StartsWith("No passage has all 5 words; showing passages with at least", StringComparison.Ordinal));
        // The explainer's "2018: Pakistan bought Russian Mi-35M attack helicopters." lacks only "sold".
        Assert.Equal(["sold"], response.Hits[0].Missing);
        Assert.Contains("Mi-35M attack helicopters", response.Hits[0].Text);
        // And the news report's helicopters (no "attack", no "sold") is listed too.
        Assert.Contains(AllHits("Russia sold attack helicopters to Pakistan"), h => h.PassageId == "news-ties-closer.p3");
    }

    [Fact]
    public void All_RequiresEveryWord_Any_TakesAnyWord()
    {
        var all = seeds.Searcher.Search(new SearchRequest { Query = Trade, All = true, PageSize = 100 });
        Assert.Equal(1, all.Total);
        Assert.Null(all.AllWords);
        Assert.All(all.Hits, h => Assert.Null(h.Missing));

        var plus = seeds.Searcher.Search(new SearchRequest { Query = "+trade +between +Pakistan +Russia" });
        Assert.Equal(1, plus.Total);

        var any = seeds.Searcher.Search(new SearchRequest { Query = Trade, Any = true });
        Assert.True(any.Total >= seeds.Searcher.Search(new SearchRequest { Query = Trade }).Total);
        Assert.Null(any.AllWords);
        Assert.All(any.Hits, h => Assert.Null(h.Missing));

        Assert.Throws<SearchRequestException>(() => seeds.Searcher.Search(new SearchRequest { Query = Trade, All = true, Any = true }));
    }

    [Fact]
    public void ByDate_ThePassageWithEveryWordIsNotDeniedAWarning()
    {
        // By date there are no tiers, so the number with every word is not counted: never "No passage has all the words".
        var response = seeds.Searcher.Search(new SearchRequest { Query = Trade, Sort = SearchSort.Date });
        Assert.Null(response.AllWords);
        Assert.DoesNotContain(response.Warnings, w => w.StartsWith("No passage has all", StringComparison.Ordinal));
        Assert.Contains(response.Warnings, w => w.StartsWith("Few passages have 3 of the 4 words", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoWords_StillRequireBoth()
    {
        var response = seeds.Searcher.Search(new SearchRequest { Query = "warm waters" });
        Assert.Equal(2, response.Total);
        Assert.Null(response.AllWords);
    }

    [Fact]
    public void Explain_SaysHowManyWordsArePassagesNeeded()
    {
        var response = seeds.Searcher.Search(new SearchRequest { Query = Trade, Explain = true });
        Assert.Equal("at least 3 of the 4 words (trade, between, Pakistan, Russia); passages with every word first", response.Explain!.MostWords);
    }

    [Fact]
    public void Cli_PrintsTheMissingWords_AndTheJsonHasThem()
    {
        var (exit, output, _) = seeds.Cli("search", Trade, "--top", "3");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("passages match (1 with every word,", output);
        Assert.Contains("     missing: between", output);

        (exit, output, _) = seeds.Cli("search", Trade, "--json", "--top", "100");
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("allWords").GetInt64());
        var hits = json.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.False(hits[0].TryGetProperty("missing", out _));
        Assert.Equal("between", hits.Single(h => h.GetProperty("passageId").GetString() == "explainer-relations.p22").GetProperty("missing")[0].GetString());

        (exit, output, _) = seeds.Cli("search", Trade, "--all");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("1 passage matches", output);
        Assert.DoesNotContain("missing:", output);

        var (badExit, _, error) = seeds.Cli("search", Trade, "--all", "--any");
        Assert.Equal(ExitCodes.BadInput, badExit);
        Assert.Contains("not both", error);
    }
}
