using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>
/// The documents catalog is a cost of an index generation, not of a query: read once however many searches arrive
/// together, and never stopped by the time budget of the query that happened to come first (on the 640k-document
/// scale index it takes seconds; inside the budget every query of a new generation was interrupted in turn).
/// </summary>
public sealed class DocumentCatalogTests
{
    private static string BuildManyDocuments(TempFolder folder, int seed)
    {
        var path = folder.File("many.db");
        IndexBuilder.BuildFrom(SyntheticCorpus.Documents(documents: 6_000, paragraphs: 1, seed: seed), path, "synthetic");
        return path;
    }

    [Fact]
    public void ASearchPastItsBudget_StillLeavesTheCatalogRead_AndTheNextSearchAnswers()
    {
        using var folder = new TempFolder();
        var path = BuildManyDocuments(folder, seed: 11);
        var generation = new Searcher(path).Stats().Generation;
        Assert.False(DocumentCatalog.IsLoaded(generation));

        var hurried = new Searcher(path) { TimeBudget = TimeSpan.FromTicks(1) };
        Assert.Throws<QueryTimeoutException>(() => hurried.Search(new SearchRequest { Query = "pakistan OR russia OR energy" }));
        Assert.True(DocumentCatalog.IsLoaded(generation), "the catalog read was stopped by the query's budget");

        var response = new Searcher(path).Search(new SearchRequest { Query = "pakistan" });
        Assert.True(response.Total > 0);
        Assert.Equal(generation, response.Generation);
    }

    [Fact]
    public async Task ManySearchesOnANewGeneration_ReadTheCatalogOnce()
    {
        using var folder = new TempFolder();
        var path = BuildManyDocuments(folder, seed: 12);
        using var start = new Barrier(8);
        var catalogs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            using var connection = IndexFiles.OpenRead(path);
            start.SignalAndWait();
            return DocumentCatalog.For(connection);
        })));

        Assert.Equal(6_000, catalogs[0].Entries.Count);
        Assert.All(catalogs, catalog => Assert.Same(catalogs[0], catalog));
    }
}
