using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Search;

/// <summary>Search behaviour on an index built from the real seeds (issue 3).</summary>
public sealed class SeedSearchTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    [Fact]
    public void WarmWaters_RanksTheForumAndNewsPassagesThatMentionIt_First()
    {
        var response = seeds.Search("warm waters");
        Assert.True(response.Total >= 2);
        var top = response.Hits.Take(2).ToList();
        Assert.Equal(["forum", "news"], top.Select(h => h.SourceType).OrderBy(s => s));
        Assert.All(top, h => Assert.Contains("warm waters", h.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Relation_HighlightsStemmedForms_AndNothingElse()
    {
        var response = seeds.Search("relation");
        var marked = response.Hits.SelectMany(h => h.Matches.Select(m => h.Text[m.Start..m.End].ToLowerInvariant())).ToList();
        Assert.Contains("relations", marked);
        Assert.All(marked, word => Assert.StartsWith("relat", word));
        Assert.Contains(response.Hits, h => h.Highlight.Contains("<mark>relations</mark>", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Phrase_IsHighlightedAsOnePhrase()
    {
        var hit = seeds.Search("\"warm waters\"").Hits.First(h => h.DocId == "news-ties-closer");
        Assert.Contains("<mark>warm waters</mark>", hit.Highlight);
        var match = Assert.Single(hit.Matches);
        Assert.Equal("warm waters", hit.Text[match.Start..match.End]);
    }

    [Fact]
    public void FacetCounts_SumToTheTotal()
    {
        var response = seeds.Search("afghanistan");
        Assert.Equal(response.Total, response.Facets.SourceType.Sum(f => f.Count));
        Assert.Equal(response.Total, response.Facets.Document.Sum(f => f.Count));
        Assert.Equal(response.Total, response.Facets.Year.Sum(f => f.Count)); // every seed is dated
        Assert.All(response.Facets.Document, f => Assert.False(string.IsNullOrEmpty(f.Label)));
    }

    [Fact]
    public void SourceFilter_ReturnsOnlyThatSource_WhileTheFacetStillCountsTheOthers()
    {
        var all = seeds.Search("afghanistan");
        var forum = seeds.Search("afghanistan", r => r with { Sources = ["forum"], PageSize = 100 });
        Assert.All(forum.Hits, h => Assert.Equal("forum", h.SourceType));
        Assert.Equal(all.Facets.SourceType.Single(f => f.Value == "forum").Count, forum.Total);
        Assert.Equal(all.Facets.SourceType, forum.Facets.SourceType); // other sources still counted
        Assert.True(forum.Facets.SourceType.Count > 1);
        Assert.Equal(forum.Total, forum.Facets.Document.Sum(f => f.Count)); // other facets follow the filter
    }

    [Fact]
    public void SourceFilter_ValuesCombineWithOr()
    {
        var both = seeds.Search("russia", r => r with { Sources = ["forum", "news"], PageSize = 100 });
        var forum = seeds.Search("russia", r => r with { Sources = ["forum"] });
        var news = seeds.Search("russia", r => r with { Sources = ["news"] });
        Assert.Equal(forum.Total + news.Total, both.Total);
    }

    [Theory]
    [InlineData(2014, "forum-better-ally")]
    [InlineData(2019, "academic-afghanistan-central-asia")]
    public void YearFilter_UsesTheManifestDates(int year, string docId)
    {
        var response = seeds.Search("russia", r => r with { Years = [year], PageSize = 100 });
        Assert.True(response.Total > 0);
        Assert.All(response.Hits, h => Assert.Equal(docId, h.DocId));
        Assert.All(response.Hits, h => Assert.Equal(year, h.Year));
    }

    [Fact]
    public void FromTo_FiltersByDate_AndAYearOnlyDateMatchesByItsYear()
    {
        var range = seeds.Search("russia", r => r with { From = "2015", To = "2018", PageSize = 100 });
        Assert.True(range.Total > 0);
        Assert.All(range.Hits, h => Assert.InRange(h.Year!.Value, 2015, 2018));
        // A document dated only "2017" matches a range that starts mid-2017.
        var midYear = seeds.Search("russia", r => r with { From = "2017-06-15", To = "2017-06-20" });
        Assert.Contains(midYear.Hits, h => h.Year == 2017);
        Assert.DoesNotContain(midYear.Hits, h => h.Year != 2017);
    }

    [Fact]
    public void RepeatedForumParagraphs_ComeBackOnce_WithTheirCopiesListed()
    {
        var response = seeds.Search("\"should establish highway and rail links\"");
        var hit = Assert.Single(response.Hits);
        Assert.NotEmpty(hit.Duplicates);
        var copy = seeds.Searcher.Show(hit.Duplicates[0]);
        Assert.NotNull(copy);
        Assert.Equal(hit.PassageId, copy.Passage.DuplicateOf);
        Assert.Equal(hit.Text, copy.Passage.Text);
    }

    [Fact]
    public void AllWordsDefault_FallsBackToSomeWords_WithAWarning()
    {
        var response = seeds.Search("taliban zzyzxunknownword");
        Assert.True(response.Total > 0);
        Assert.Contains(response.Warnings, w => w.Contains("some of them"));
        var any = seeds.Search("taliban zzyzxunknownword", r => r with { Any = true });
        Assert.Equal(response.Total, any.Total);
        Assert.DoesNotContain(any.Warnings, w => w.Contains("some of them"));
    }

    [Fact]
    public void SortByDate_PutsNewestFirst_AndPagingWalksTheResults()
    {
        var byDate = seeds.Search("russia", r => r with { Sort = SearchSort.Date, PageSize = 100 });
        var years = byDate.Hits.Select(h => h.Year ?? 0).ToList();
        Assert.Equal(years.OrderByDescending(y => y), years);
        var page1 = seeds.Search("russia", r => r with { PageSize = 5 });
        var page2 = seeds.Search("russia", r => r with { PageSize = 5, Page = 2 });
        Assert.Empty(page1.Hits.Select(h => h.PassageId).Intersect(page2.Hits.Select(h => h.PassageId)));
        Assert.Equal(page1.Total, page2.Total);
    }

    [Fact]
    public void LongPassages_GetASnippetAroundTheirMatches()
    {
        var hit = seeds.Search("heroin trafficking").Hits.First(h => h.Text.Length > SearchLimits.SnippetThreshold);
        Assert.NotNull(hit.Snippet);
        Assert.Contains("<mark>", hit.Snippet);
        Assert.True(hit.Snippet.Length < hit.Highlight.Length);
    }

    [Fact]
    public void Show_GivesContextDocumentAndCitation()
    {
        var hit = seeds.Search("\"Many Russian analysts value\"").Hits.Single();
        var view = seeds.Searcher.Show(hit.PassageId, context: 2);
        Assert.NotNull(view);
        Assert.Equal(2, view.Before.Count);
        Assert.Equal(hit.Ordinal - 1, view.Before[^1].Ordinal);
        Assert.Equal("academic", view.Document.SourceType);
        Assert.Contains("2019", view.Citation);
        Assert.Contains($"pakrussia:{hit.PassageId}", view.Citation);
        Assert.Null(seeds.Searcher.Show("no-such-doc.p1"));
        Assert.Null(seeds.Searcher.Show("../../etc/passwd"));
    }

    [Fact]
    public void Highlights_EscapeHtml_BeforeMarking()
    {
        var hit = seeds.Search("\"Pakistan's desire\"").Hits.Single();
        Assert.Contains("&#39;", hit.Highlight + hit.Text.Replace("'", "&#39;")); // apostrophes are escaped in HTML
        Assert.DoesNotContain("<script", hit.Highlight);
        Assert.Matches("^[^<]*(<mark>[^<]*</mark>[^<]*)+$", hit.Highlight); // only our own tags
    }

    [Fact]
    public void StraightApostrophe_FindsTypographicOne()
    {
        var response = seeds.Search("\"Russia's policy\"");
        Assert.Contains(response.Hits, h => h.Text.Contains("Russia’s policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TitleAndSectionMatches_AreHighlightedToo_SoAHitWithoutTextMarksShowsWhy()
    {
        var hit = seeds.Search("title:ally").Hits.First();
        Assert.Empty(hit.Matches);
        Assert.Contains("<mark>ally</mark>", hit.TitleHighlight);
        var plain = seeds.Search("\"warm waters\"").Hits.First();
        Assert.Null(plain.TitleHighlight);
    }

    [Fact]
    public void AnExcludedWord_IsNeverMarked_EvenInAPassageThatHasIt()
    {
        // (pakistan -afghanistan) OR kremlin: the passage about the Kremlin names Afghanistan; it is listed, Afghanistan unmarked.
        var response = seeds.Search("(pakistan -afghanistan) OR kremlin", r => r with { PageSize = 100 });
        var hit = response.Hits.First(h => h.Text.Contains("Kremlin") && h.Text.Contains("Afghanistan"));
        var marked = hit.Matches.Select(m => hit.Text[m.Start..m.End].ToLowerInvariant()).ToList();
        Assert.Contains("kremlin", marked);
        Assert.DoesNotContain("afghanistan", marked);
    }

    [Fact]
    public void APhrase_IsMarkedOnlyWhereItOccurs_NotItsWordsAlone()
    {
        var hit = seeds.Search("\"gas pipeline\"").Hits.First(h => h.Text.Contains("pipeline", StringComparison.OrdinalIgnoreCase));
        Assert.All(hit.Matches, m => Assert.Equal("gas pipeline", hit.Text[m.Start..m.End], ignoreCase: true));
        var words = seeds.Search("gas pipeline").Hits.First(h => h.PassageId == hit.PassageId);
        Assert.True(words.Matches.Count >= hit.Matches.Count * 2, "the words alone are each marked");
    }

    [Fact]
    public void Boosts_ChangeTheRanking()
    {
        static bool Has(SearchHit hit, string word) =>
            (hit.Text + " " + hit.Section + " " + hit.Title).Contains(word, StringComparison.OrdinalIgnoreCase);
        var towardsPipeline = seeds.Search("soviet OR pipeline^10").Hits;
        var towardsSoviet = seeds.Search("soviet^10 OR pipeline").Hits;
        Assert.True(Has(towardsPipeline[0], "pipeline") && !Has(towardsPipeline[0], "soviet"), towardsPipeline[0].PassageId);
        Assert.True(Has(towardsSoviet[0], "soviet") && !Has(towardsSoviet[0], "pipeline"), towardsSoviet[0].PassageId);
    }

    [Fact]
    public void Fields_ChooseWhatUnfieldedWordsSearch()
    {
        // "ally" is in the 28 passages of the forum thread titled "… a better ally …" but in the text of only 4.
        var everywhere = seeds.Search("ally");
        var textAlone = seeds.Search("ally", r => r with { Fields = new Dictionary<string, float> { ["text"] = 1f } });
        Assert.Equal(seeds.Search("text:ally").Total, textAlone.Total);
        Assert.True(everywhere.Total > textAlone.Total);
        Assert.All(textAlone.Hits, h => Assert.NotEmpty(h.Matches)); // ally, allies, allied: in the text itself

        Assert.Throws<SearchRequestException>(() => seeds.Search("ally", r => r with { Fields = new Dictionary<string, float> { ["author"] = 1f } }));
        Assert.Throws<SearchRequestException>(() => seeds.Search("ally", r => r with { Fields = new Dictionary<string, float> { ["text"] = 0f } }));
        Assert.Throws<SearchRequestException>(() => seeds.Search("ally", r => r with { Fields = new Dictionary<string, float>() }));
    }
}
