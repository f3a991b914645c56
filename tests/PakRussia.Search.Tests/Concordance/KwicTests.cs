using PakRussia.Search.Concordance;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Concordance;

/// <summary>
/// The concordance on the seeds (issue 16, part 1). Expected numbers were read from the seed files by hand:
/// <c>grep -oin "pipeline[a-z]*" seeds/*.txt</c> finds six: two are the same forum sentence (post 28 repeats post 26
/// word for word), one is the heading "Pakistan Stream Gas Pipeline" (headings are not searchable text), so four lines,
/// five with copies.
/// </summary>
public sealed class KwicTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private KwicResponse Kwic(string query, Func<KwicRequest, KwicRequest>? configure = null)
    {
        var request = new KwicRequest { Search = new SearchRequest { Query = query } };
        return seeds.Searcher.Kwic(configure is null ? request : configure(request));
    }

    [Fact]
    public void Pipeline_HasOneLinePerOccurrence_StemmedFormsIncluded()
    {
        var kwic = Kwic("pipeline");
        Assert.Equal(4, kwic.Total);
        Assert.Equal(4, kwic.Passages);
        Assert.Equal(["Pipeline", "Pipelines", "pipeline", "pipeline"], kwic.Lines.Select(l => l.Match).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void WithCopies_AddsTheWordForWordRepeat()
    {
        var kwic = Kwic("pipeline", r => r with { WithCopies = true });
        Assert.Equal(5, kwic.Total);
        var copy = Assert.Single(kwic.Lines, l => l.CopyOf is not null);
        Assert.Equal("forum-better-ally.p28", copy.PassageId);
        Assert.Equal("forum-better-ally.p26", copy.CopyOf);
    }

    [Fact]
    public void SortByFirstLeftWord_FollowsTheSeedText()
    {
        // By hand: "Pipelines - TAPI" opens its passage (no left word), "North South Gas Pipeline" (gas, then south),
        // "(TAPI) gas pipeline" (gas, then tapi), "hold Russia's pipeline" (russia, the possessive dropped).
        var kwic = Kwic("pipeline", r => r with { Sort = KwicSort.Left1 });
        Assert.Equal(["forum-better-ally.p32", "news-ties-closer.p3", "academic-afghanistan-central-asia.p20", "forum-better-ally.p26"],
            kwic.Lines.Select(l => l.PassageId).ToArray());
        Assert.Equal("", kwic.Lines[0].Left);
        Assert.EndsWith("North South Gas", kwic.Lines[1].Left);
    }

    [Fact]
    public void SortByFirstRightWord_FollowsTheSeedText()
    {
        // By hand: "pipeline and", "Pipeline project", "pipeline(s)" (the tokenizer's word is "s"), "Pipelines - TAPI".
        var kwic = Kwic("pipeline", r => r with { Sort = KwicSort.Right1 });
        Assert.Equal(["academic-afghanistan-central-asia.p20", "news-ties-closer.p3", "forum-better-ally.p26", "forum-better-ally.p32"],
            kwic.Lines.Select(l => l.PassageId).ToArray());
        Assert.StartsWith("and Central Asia", kwic.Lines[0].Right);
    }

    [Fact]
    public void SortBySecondLeftWord_UsesTheWordBeforeTheFirst()
    {
        // 2L by hand: p32 none, academic "(TAPI) gas" → tapi, news "South Gas" → south, forum "hold Russia's" → hold.
        var kwic = Kwic("pipeline", r => r with { Sort = KwicSort.Left2 });
        Assert.Equal(["forum-better-ally.p32", "forum-better-ally.p26", "news-ties-closer.p3", "academic-afghanistan-central-asia.p20"],
            kwic.Lines.Select(l => l.PassageId).ToArray());
    }

    [Fact]
    public void StartAndEnd_AreOffsetsIntoThePassageText()
    {
        var kwic = Kwic("pipeline");
        foreach (var line in kwic.Lines)
        {
            var text = seeds.Searcher.Show(line.PassageId)!.Passage.Text;
            Assert.Equal(line.Match, text[line.Start..line.End]);
        }
    }

    [Fact]
    public void Width_CountsWordsEachSide()
    {
        var line = Kwic("pipeline", r => r with { Width = 3 }).Lines.Single(l => l.PassageId == "news-ties-closer.p3");
        Assert.Equal("North South Gas", line.Left);
        Assert.Equal("project which is", line.Right);
    }

    [Fact]
    public void Phrase_IsOneLinePerPhraseOccurrence()
    {
        var kwic = Kwic("\"gas pipeline\"");
        Assert.Equal(2, kwic.Total);
        Assert.All(kwic.Lines, l => Assert.Equal("gas pipeline", l.Match, ignoreCase: true));
    }

    [Theory]
    [InlineData("pipeline")]
    [InlineData("pipeline*")]
    [InlineData("\"gas pipeline\"")]
    [InlineData("kremlim~")]
    [InlineData("pakistan russia")]
    [InlineData("relations")]
    [InlineData("\"warm waters\"")]
    [InlineData("russia -china")]
    [InlineData("afghan*")]
    public void Total_EqualsTheMatchesTheHighlighterMarks(string query)
    {
        long marks = 0;
        for (var page = 1; ; page++)
        {
            var response = seeds.Search(query, r => r with { Page = page, PageSize = 100 });
            marks += response.Hits.Sum(h => h.Matches.Count);
            if (page * 100 >= response.Total)
                break;
        }

        Assert.True(marks > 0, query);
        Assert.Equal(marks, Kwic(query).Total);
    }

    [Fact]
    public void Paging_CoversEveryLineOnce()
    {
        var all = Kwic("russia", r => r with { PerPage = 500 });
        var paged = Enumerable.Range(1, (int)Math.Ceiling(all.Total / 40.0))
            .SelectMany(p => Kwic("russia", r => r with { Page = p, PerPage = 40 }).Lines)
            .Select(l => (l.PassageId, l.Start)).ToList();
        Assert.Equal(all.Total, paged.Count);
        Assert.Equal(all.Lines.Select(l => (l.PassageId, l.Start)), paged);
    }

    [Fact]
    public void Filters_AndFacets_ApplyAsInSearch()
    {
        var forum = Kwic("pipeline", r => r with { Search = r.Search with { Sources = ["forum"] } });
        Assert.Equal(2, forum.Total);
        Assert.All(forum.Lines, l => Assert.Equal("forum", l.SourceType));
        // The source facet still counts the other sources (multi-select), as search's does.
        var search = seeds.Search("pipeline", r => r with { Sources = ["forum"] });
        Assert.Equal(search.Facets.SourceType.Select(f => (f.Value, f.Count)), forum.Facets.SourceType.Select(f => (f.Value, f.Count)));
    }

    [Fact]
    public void Near_KeepsLinesWithTheWordInTheWindow()
    {
        // "gas" is within 5 words of "pipeline" in the news and academic passages; in forum p26 it is 6 words before.
        var kwic = Kwic("pipeline", r => r with { Near = "Gas", Window = 5 });
        Assert.Equal(["academic-afghanistan-central-asia.p20", "news-ties-closer.p3"], kwic.Lines.Select(l => l.PassageId).ToArray());
        Assert.Equal(3, Kwic("pipeline", r => r with { Near = "gas", Window = 6 }).Total);
    }

    [Fact]
    public void Date_SortsNewestFirst()
    {
        var kwic = Kwic("pipeline", r => r with { Sort = KwicSort.Date });
        var years = kwic.Lines.Select(l => l.Year ?? 0).ToList();
        Assert.Equal(years.OrderByDescending(y => y), years);
    }

    [Theory]
    [InlineData("", 8, 1, 50)]
    [InlineData("year:2014", 8, 1, 50)]
    [InlineData("pipeline", 0, 1, 50)]
    [InlineData("pipeline", 8, 0, 50)]
    [InlineData("pipeline", 8, 1, 501)]
    public void BadRequests_AreRequestErrors(string query, int width, int page, int perPage) =>
        Assert.Throws<SearchRequestException>(() => Kwic(query, r => r with { Width = width, Page = page, PerPage = perPage }));
}
