using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Search;

/// <summary>The searcher keeps its index generation open between calls; a rebuilt or removed index must still be seen at once.</summary>
public sealed class SearcherConnectionTests
{
    [Fact]
    public void Search_AfterTheIndexIsRebuilt_SeesTheNewGenerationNotTheKeptOne()
    {
        using var temp = new TempFolder();
        var path = temp.File("idx");
        IndexBuilder.BuildFrom([TestDocuments.Make("a", "news", "2014", "Gwadar port and the warm waters.")], path, "test");
        var searcher = new Searcher(path) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        Assert.Equal(1, searcher.Search(new SearchRequest { Query = "gwadar" }).Total);
        Assert.Equal(1, searcher.Search(new SearchRequest { Query = "gwadar", Facets = false }).Total);

        IndexBuilder.BuildFrom([TestDocuments.Make("b", "news", "2015", "Pipeline talks in Moscow."), TestDocuments.Make("c", "news", "2016", "More pipeline talks.")], path, "test");
        Assert.Equal(0, searcher.Search(new SearchRequest { Query = "gwadar" }).Total);
        Assert.Equal(2, searcher.Search(new SearchRequest { Query = "pipeline" }).Total);
        Assert.Equal(2, searcher.Search(new SearchRequest { Query = "pipeline", Facets = false }).Total);

        Directory.Delete(path, recursive: true);
        Assert.Throws<IndexException>(() => searcher.Search(new SearchRequest { Query = "pipeline" }));
    }

    [Fact]
    public void AnUnchangedFolder_IsOnlyStatted_AndANewCommitIsStillSeen()
    {
        using var temp = new TempFolder();
        var path = temp.File("idx");
        IndexBuilder.BuildFrom([TestDocuments.Make("a", "news", "2014", "Gwadar port and the warm waters.")], path, "test");
        using var generations = new IndexGenerations(path);
        string first;
        using (var lease = generations.Acquire())
        {
            first = lease.Generation.Id;
        }

        // A folder time not yet ClockTick old when listed is not trusted (a coarse clock could hide a second change), so
        // every request lists it. Set ahead of the clock, so that however slow this machine is, it stays that young.
        Directory.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(1));
        var listed = generations.Listings;
        generations.Acquire().Dispose();
        generations.Acquire().Dispose();
        Assert.Equal(listed + 2, generations.Listings);

        // Last changed an hour ago: listed once more, then only statted.
        Directory.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        generations.Acquire().Dispose();
        listed = generations.Listings;
        for (var i = 0; i < 3; i++)
        {
            using var lease = generations.Acquire();
            Assert.Equal(first, lease.Generation.Id);
        }

        Assert.Equal(listed, generations.Listings);

        // A build commits a new segments file, which moves the folder's time: listed, and the new generation answers.
        IndexBuilder.BuildFrom([TestDocuments.Make("b", "news", "2015", "Pipeline talks in Moscow.")], path, "test");
        using (var lease = generations.Acquire())
        {
            Assert.NotEqual(first, lease.Generation.Id);
            Assert.NotNull(lease.Generation.Records.Find("b"));
            Assert.Null(lease.Generation.Records.Find("a"));
        }

        Assert.True(generations.Listings > listed);
    }

    [Fact]
    public async Task Search_FromManyThreads_AllAnswerFromTheSharedGeneration()
    {
        using var temp = new TempFolder();
        var path = temp.File("idx");
        IndexBuilder.BuildFrom([TestDocuments.Make("a", "news", "2014", "Gwadar port and the warm waters.", "Warm relations with Moscow.")], path, "test");
        var searcher = new Searcher(path) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        var totals = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            searcher.Search(new SearchRequest { Query = i % 2 == 0 ? "warm" : "gwadar", Facets = i % 3 == 0 }).Total)));
        Assert.All(totals.Where((_, i) => i % 2 == 0), t => Assert.Equal(2, t));
        Assert.All(totals.Where((_, i) => i % 2 == 1), t => Assert.Equal(1, t));
    }
}
