using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>
/// Opening an index generation is a cost of the generation, not of a query: concurrent first searches open it once, a
/// query stopped by its budget leaves it open and usable, and a new build is seen by the next search. (Replaces the
/// documents-catalog tests of the SQLite engine; none of these depends on the machine's speed.)
/// </summary>
public sealed class GenerationTests
{
    private static string BuildManyDocuments(TempFolder folder, int seed)
    {
        var path = folder.File("many");
        IndexBuilder.BuildFrom(SyntheticCorpus.Documents(documents: 2_000, paragraphs: 1, seed: seed), path, "synthetic");
        return path;
    }

    [Fact]
    public void ASearchPastItsBudget_LeavesTheGenerationUsable_AndTheNextSearchAnswers()
    {
        using var folder = new TempFolder();
        var path = BuildManyDocuments(folder, seed: 11);
        using var searcher = new Searcher(path) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        var generation = searcher.Stats().Generation;

        // A budget of one tick is always spent by the time the query has been read: deterministic on any machine.
        var error = Assert.Throws<QueryTimeoutException>(() =>
            searcher.Search(new SearchRequest { Query = "pakistan OR russia OR energy", TimeBudget = TimeSpan.FromTicks(1) }));
        Assert.Equal(TimeSpan.FromTicks(1), error.Budget);

        var response = searcher.Search(new SearchRequest { Query = "pakistan" });
        Assert.True(response.Total > 0);
        Assert.Equal(generation, response.Generation);
        Assert.Equal(1, searcher.GenerationsOpened);
    }

    [Fact]
    public async Task ManySearchesOnANewIndex_OpenOneGeneration()
    {
        using var folder = new TempFolder();
        var path = BuildManyDocuments(folder, seed: 12);
        using var searcher = new Searcher(path) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        using var start = new Barrier(8);
        var generations = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return searcher.Search(new SearchRequest { Query = "pakistan" }).Generation;
        })));

        Assert.Single(generations.Distinct());
        Assert.Equal(1, searcher.GenerationsOpened);
    }

    [Fact]
    public void ARebuild_IsSeenByTheNextSearch_AndOpensOneMoreGeneration()
    {
        using var folder = new TempFolder();
        var path = BuildManyDocuments(folder, seed: 13);
        using var searcher = new Searcher(path) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        var first = searcher.Search(new SearchRequest { Query = "pakistan" });
        IndexBuilder.BuildFrom([TestDocuments.Make("only", "news", "2020", "Pakistan alone.")], path, "test");
        var second = searcher.Search(new SearchRequest { Query = "pakistan" });
        Assert.NotEqual(first.Generation, second.Generation);
        Assert.Equal(1, second.Total);
        Assert.Equal(2, searcher.GenerationsOpened);
    }
}
