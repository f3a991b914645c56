using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Search;

public sealed class SearcherSmokeTests
{
    [Fact]
    public void Search_OnHandMadeDocuments_RanksHighlightsCountsAndCollapses()
    {
        using var temp = new TempFolder();
        var path = temp.File("idx");
        IndexBuilder.BuildFrom(
        [
            TestDocuments.Make("forum-a", "forum", "2014", "Russia wants to reach warm waters through Afghanistan.", "Relations between Pakistan and Russia improved.", "Russia wants to reach warm waters through Afghanistan."),
            TestDocuments.Make("news-b", "news", "2017-02", "Russian desire to access warm waters and the Middle East.", "A <script>alert(1)</script> test about relations."),
            TestDocuments.Make("paper-c", "academic", "2019", "The relation of Pakistan with Central Asia."),
        ], path, "test");
        var searcher = new Searcher(path) { TimeBudget = TestSupport.SeedIndex.QueryBudget };

        var warm = searcher.Search(new SearchRequest { Query = "warm waters" });
        Assert.Equal(2, warm.Total);
        var forumHit = Assert.Single(warm.Hits, h => h.DocId == "forum-a");
        Assert.Equal(["forum-a.p2"], forumHit.Duplicates);
        Assert.Contains("<mark>warm</mark> <mark>waters</mark>", forumHit.Highlight);
        Assert.Contains("<mark>warm waters</mark>", searcher.Search(new SearchRequest { Query = "\"warm waters\"" }).Hits[0].Highlight);
        Assert.Equal(warm.Total, warm.Facets.SourceType.Sum(f => f.Count));

        var relation = searcher.Search(new SearchRequest { Query = "relation" });
        Assert.Equal(3, relation.Total);
        var news = Assert.Single(relation.Hits, h => h.DocId == "news-b");
        Assert.Contains("&lt;script&gt;", news.Highlight);
        Assert.Contains("<mark>relations</mark>", news.Highlight);
        foreach (var m in news.Matches) Assert.StartsWith("relation", news.Text[m.Start..m.End], StringComparison.OrdinalIgnoreCase);

        var forumOnly = searcher.Search(new SearchRequest { Query = "relation", Sources = ["forum"] });
        Assert.Equal(1, forumOnly.Total);
        Assert.Equal(3, forumOnly.Facets.SourceType.Sum(f => f.Count));

        var ranged = searcher.Search(new SearchRequest { Query = "relation", From = "2015", To = "2018" });
        Assert.Equal("news-b", Assert.Single(ranged.Hits).DocId);

        var fallback = searcher.Search(new SearchRequest { Query = "warm kremlin" });
        Assert.Equal(2, fallback.Total);
        Assert.NotEmpty(fallback.Warnings);
    }
}
