using System.Text.RegularExpressions;
using PakRussia.Search.Indexing;
using PakRussia.Search.Querying;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Search;

/// <summary>
/// The first passages by relevance gain for having the query's words near each other (PassageProximity), on the seed
/// index: the same matches, totals and facets as without it; the gain goes to the passages whose words are near; every
/// page is cut from one ranking.
/// </summary>
public sealed class PassageProximityTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private SearchResponse Search(PassageProximity proximity, string query, int pageSize = 100, int page = 1)
    {
        using var searcher = new Searcher(seeds.IndexPath) { TimeBudget = SeedIndex.QueryBudget, Proximity = proximity };
        return searcher.Search(new SearchRequest { Query = query, PageSize = pageSize, Page = page });
    }

    [Fact]
    public void PassagesWithTheWordsTogether_Gain_OthersKeepTheirScore_AndNothingElseChanges()
    {
        var off = Search(PassageProximity.Off, "gas pipeline");
        var on = Search(PassageProximity.Default, "gas pipeline");

        Assert.Equal(off.Total, on.Total);
        Assert.Equal(Facets(off), Facets(on));
        Assert.Equal(off.Hits.Select(h => h.PassageId).Order(), on.Hits.Select(h => h.PassageId).Order());
        var before = off.Hits.ToDictionary(h => h.PassageId, h => h.Score);
        var window = off.Hits.Take(PassageProximity.Default.Window).Select(h => h.PassageId).ToHashSet();
        var together = new Regex(@"\bgas\s+pipelines?\b", RegexOptions.IgnoreCase);
        var adjacent = on.Hits.Where(h => window.Contains(h.PassageId) && together.IsMatch(h.Text)).ToList();
        Assert.True(adjacent.Count >= 1, "no passage among the first says 'gas pipeline'");
        Assert.All(adjacent, h => Assert.True(h.Score > before[h.PassageId] + 1e-3, $"{h.PassageId} did not gain"));
        Assert.All(on.Hits, h => Assert.True(h.Score >= before[h.PassageId] - 1e-6, $"{h.PassageId} lost score"));
        // Only the first page is rescored: it is reordered among itself, and every passage after it keeps its score and place.
        Assert.Equal(window, on.Hits.Take(window.Count).Select(h => h.PassageId).ToHashSet());
        Assert.Equal(off.Hits.Skip(window.Count).Select(h => (h.PassageId, h.Score)), on.Hits.Skip(window.Count).Select(h => (h.PassageId, h.Score)));
    }

    [Fact]
    public void EveryPage_IsCutFromOneRanking()
    {
        var first100 = Search(PassageProximity.Default, "Russia Pakistan relations").Hits.Select(h => h.PassageId).ToList();
        Assert.True(first100.Count > 30, $"{first100.Count} hits");
        var paged = Enumerable.Range(1, 3).SelectMany(p => Search(PassageProximity.Default, "Russia Pakistan relations", pageSize: 10, page: p).Hits)
            .Select(h => h.PassageId).ToList();
        Assert.Equal(first100.Take(30), paged);
    }

    [Fact]
    public void APhraseTyped_HasNoPairs_ItsScoresAreBM25s()
    {
        var off = Search(PassageProximity.Off, "\"gas pipeline\"");
        var on = Search(PassageProximity.Default, "\"gas pipeline\"");
        Assert.NotEmpty(on.Hits);
        Assert.Equal(off.Hits.Select(h => (h.PassageId, h.Score)), on.Hits.Select(h => (h.PassageId, h.Score)));
    }

    [Theory]
    [InlineData("trade between Pakistan and Russia", "trade+between between+pakistan pakistan+russia")] // "and" is a stop word
    [InlineData("gas pipeline -Iran Russia", "ga+pipelin")]                                      // an exclusion breaks the chain
    [InlineData("Russia \"gas pipeline\" Pakistan", "")]                                          // so does a phrase
    [InlineData("Russia sourceType:news Pakistan", "")]                                           // and a filter
    [InlineData("Russia", "")]
    public void Pairs_AreTheBareWordsNextToEachOther(string text, string expected)
    {
        var compiled = QueryCompiler.Compile(text, new QueryOptions(), null);
        var query = compiled.Partial ?? compiled.Query!;
        var pairs = PassageProximity.Default.PairsOf(query);
        var shown = pairs is null ? "" : string.Join(' ', pairs.Select(p => $"{p.First.Text}+{p.Second.Text}"));
        Assert.Equal(expected, shown);
        Assert.All(pairs ?? [], p => Assert.Equal((IndexFields.All, IndexFields.All), (p.First.Field, p.Second.Field)));
        Assert.Null(PassageProximity.Off.PairsOf(query));
    }

    [Fact]
    public void InOrderAdjacent_GainsMost_ThenReversed_ThenWithinReach_AndBeyondTheSlopNothing()
    {
        using var folder = new TempFolder();
        var index = folder.File("index");
        var filler = string.Join(' ', Enumerable.Repeat("plain", 12));
        // Equal lengths, one occurrence of each word: without proximity every passage scores the same.
        IndexBuilder.BuildFrom(
        [
            TestDocuments.Make("inorder", "news", "2020", $"okapi zebra {filler} filler."),
            TestDocuments.Make("reversed", "news", "2020", $"zebra okapi {filler} filler."),
            TestDocuments.Make("near", "news", "2020", $"okapi plain plain plain zebra {filler[..^18]} filler."),
            TestDocuments.Make("far", "news", "2020", $"okapi {filler} zebra filler."),
        ], index, "test");
        using var searcher = new Searcher(index) { TimeBudget = SeedIndex.QueryBudget, Proximity = PassageProximity.Default };
        using var plain = new Searcher(index) { TimeBudget = SeedIndex.QueryBudget, Proximity = PassageProximity.Off };
        var hits = searcher.Search(new SearchRequest { Query = "okapi zebra" }).Hits;
        var before = plain.Search(new SearchRequest { Query = "okapi zebra" }).Hits.ToDictionary(h => h.DocId, h => h.Score);
        Assert.Equal(["inorder", "reversed", "near", "far"], hits.Select(h => h.DocId));
        var gain = hits.ToDictionary(h => h.DocId, h => h.Score - before[h.DocId]);
        Assert.True(gain["inorder"] > gain["reversed"] && gain["reversed"] > gain["near"] && gain["near"] > 0, string.Join(", ", gain));
        Assert.Equal(0, gain["far"], 6); // twelve words apart: beyond the slop of 8
    }

    [Fact]
    public void Explain_SaysWhichPairsAreRescored_AndADateSortHasNone()
    {
        var (exit, output, error) = seeds.Cli("search", "trade between Pakistan and Russia", "--explain");
        Assert.True(exit == 0, error);
        Assert.Contains("words near each other: the first 10 by relevance gain 0.25 × BM25 of each pair within 8 words: trade between, between pakistan, pakistan russia", output);

        (exit, output, error) = seeds.Cli("search", "trade between Pakistan and Russia", "--explain", "--sort", "date");
        Assert.True(exit == 0, error);
        Assert.DoesNotContain("words near each other", output);
    }

    private static string Facets(SearchResponse response) => System.Text.Json.JsonSerializer.Serialize(response.Facets);
}
