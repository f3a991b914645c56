using PakRussia.Search.Indexing;
using PakRussia.Search.Querying.Aliases;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Search;

/// <summary>
/// The searcher's cache of recent answers (the server's; <see cref="Searcher.ResultCacheBytes"/>), on an index built from a
/// copy of the seeds: a repeated search is answered from it with the very same answer; any other request, a new
/// generation or an edited alias list is searched afresh; the cache keeps within its size.
/// </summary>
public sealed class ResultCacheTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _corpus;
    private readonly string _index;

    public ResultCacheTests()
    {
        _corpus = _folder.File("corpus");
        Directory.CreateDirectory(_corpus);
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(file, Path.Combine(_corpus, Path.GetFileName(file)));
        }

        _index = _folder.File("index");
        IndexBuilder.Update(new FolderCorpusSource(_corpus), _index);
    }

    public void Dispose() => _folder.Dispose();

    private Searcher Open(long cacheBytes = 8L * 1024 * 1024) =>
        new(_index) { TimeBudget = SeedIndex.QueryBudget, ResultCacheBytes = cacheBytes, Aliases = new AliasSource(Path.Combine(_corpus, AliasList.FileName)) };

    /// <summary>Everything an answer says, but how long it took and whether it was kept.</summary>
    private static string Content(SearchResponse response) =>
        System.Text.Json.JsonSerializer.Serialize(response with { TookMs = 0, Cached = null }, JsonDefaults.Web);

    [Fact]
    public void ASearchAskedAgain_IsAnsweredFromTheCache_WithTheSameAnswer()
    {
        using var searcher = Open();
        var request = new SearchRequest { Query = "gas pipeline", Sources = ["news"], PageSize = 20, Explain = true };
        var first = searcher.Search(request);
        var again = searcher.Search(request with { TimeBudget = TimeSpan.FromSeconds(30) }); // the budget is not part of the request
        var third = searcher.Search(new SearchRequest { Query = "gas pipeline", Sources = ["news"], PageSize = 20, Explain = true }); // an equal request, built anew

        Assert.Null(first.Cached);
        Assert.True(first.Total > 0);
        Assert.True(again.Cached);
        Assert.True(third.Cached);
        Assert.Equal(Content(first), Content(again));
        Assert.Equal(Content(first), Content(third));
        Assert.Equal(first.Generation, again.Generation);
    }

    [Fact]
    public void EveryOtherRequest_IsSearchedAfresh_AndAnswersForItself()
    {
        using var searcher = Open();
        var request = new SearchRequest { Query = "Russia Pakistan relations" };
        var first = searcher.Search(request);
        var variants = new[]
        {
            request with { Page = 2 },
            request with { PageSize = 3 },
            request with { Sources = ["news"] },
            request with { Years = [2015] },
            request with { Any = true },
            request with { All = true },
            request with { Sort = SearchSort.Date },
            request with { Facets = false },
            request with { Explain = true },
            request with { NoAliases = true },
            request with { Style = PakRussia.Search.Citations.CitationStyle.Apa },
            request with { Query = "Russia Pakistan relation" },
        };

        foreach (var variant in variants)
        {
            var answer = searcher.Search(variant);
            Assert.Null(answer.Cached);
            // What a searcher without a cache answers to the same request.
            using var plain = new Searcher(_index) { TimeBudget = SeedIndex.QueryBudget, Aliases = new AliasSource(Path.Combine(_corpus, AliasList.FileName)) };
            Assert.Equal(Content(plain.Search(variant)), Content(answer));
        }

        Assert.True(searcher.Search(request).Cached);
        Assert.True(searcher.Search(request with { Page = 2 }).Cached);
        Assert.Equal(Content(first), Content(searcher.Search(request)));
    }

    [Fact]
    public void ANewGeneration_IsSearched_NotAnsweredFromThePreviousOne()
    {
        using var searcher = Open();
        var request = new SearchRequest { Query = "Russia" };
        var before = searcher.Search(request);
        Assert.True(searcher.Search(request).Cached);

        File.WriteAllText(Path.Combine(_corpus, "added_note.txt"), "Russia and Pakistan signed a new accord on Russia's gas.\n");
        IndexBuilder.Update(new FolderCorpusSource(_corpus), _index);

        var after = searcher.Search(request);
        Assert.Null(after.Cached);
        Assert.NotEqual(before.Generation, after.Generation);
        Assert.Equal(before.Total + 1, after.Total);
        Assert.True(searcher.Search(request).Cached);
    }

    [Fact]
    public void AnEditedAliasList_IsSearchedWith_NotAnsweredFromTheCache()
    {
        using var searcher = Open();
        var request = new SearchRequest { Query = "USSR", PageSize = 50 };
        Assert.Equal(10, searcher.Search(request).Total);
        Assert.True(searcher.Search(request).Cached);

        var aliases = Path.Combine(_corpus, AliasList.FileName);
        File.WriteAllText(aliases, "NATO, North Atlantic Treaty Organization\n");
        File.SetLastWriteTimeUtc(aliases, DateTime.UtcNow.AddMinutes(1)); // a new time even on a coarse clock
        var edited = searcher.Search(request);
        Assert.Null(edited.Cached);
        Assert.Equal(7, edited.Total);
    }

    [Fact]
    public void WithoutACache_NothingIsKept()
    {
        using var searcher = Open(cacheBytes: 0);
        var request = new SearchRequest { Query = "gas pipeline" };
        Assert.Null(searcher.Search(request).Cached);
        Assert.Null(searcher.Search(request).Cached);
        Assert.Equal(0, searcher.ResultCacheBytes);
    }

    [Fact]
    public void TheCache_KeepsWithinItsSize_TheLeastRecentlyUsedGoFirst()
    {
        const long capacity = 80 * 1024;
        using var searcher = Open(capacity);
        var words = new[] { "Russia", "Pakistan", "gas", "pipeline", "Afghanistan", "trade", "Taliban", "Soviet", "China", "India", "arms", "energy" };
        var held = new List<long>();
        foreach (var word in words)
        {
            var request = new SearchRequest { Query = word, PageSize = 3 };
            Assert.Null(searcher.Search(request).Cached);
            Assert.True(searcher.Search(request).Cached, $"{word} was not kept");
            held.Add(searcher.CachedBytes);
            Assert.True(searcher.CachedBytes <= capacity, $"{searcher.CachedBytes} bytes after {word}");
        }

        Assert.True(held.Zip(held.Skip(1)).Any(pair => pair.Second < pair.First), $"never evicted: {string.Join(", ", held)}");
        Assert.True(searcher.Search(new SearchRequest { Query = words[^1], PageSize = 3 }).Cached);
        Assert.Null(searcher.Search(new SearchRequest { Query = words[0], PageSize = 3 }).Cached);
    }
}
