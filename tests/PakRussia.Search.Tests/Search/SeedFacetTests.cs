using System.Text.Json;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Search;

/// <summary>
/// The totals and facet counts on the seeds are the ones the first (SQLite FTS5) engine gave for the same queries and
/// selections (recorded in seed-facets.json): moving the engine onto Lucene changed no count. A change to analysis or
/// matching that moves one shows here, query by query.
/// </summary>
public sealed class SeedFacetTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private sealed record Recorded(string Query, string[] Filters, long Total, Dictionary<string, Dictionary<string, long>> Facets);

    private sealed record RecordedFile(string MeasuredWith, List<Recorded> Queries);

    private static readonly RecordedFile Expected = JsonSerializer.Deserialize<RecordedFile>(
        File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "PakRussia.Search.Tests", "Search", "seed-facets.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    public static TheoryData<int> Cases => [.. Enumerable.Range(0, Expected.Queries.Count)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void TotalsAndFacetCounts_AreTheRecordedOnes(int index)
    {
        var expected = Expected.Queries[index];
        var request = new SearchRequest { Query = expected.Query };
        for (var i = 0; i + 1 < expected.Filters.Length; i += 2)
        {
            request = expected.Filters[i] switch
            {
                "--source" => request with { Sources = [.. request.Sources, expected.Filters[i + 1]] },
                "--year" => request with { Years = [.. request.Years, int.Parse(expected.Filters[i + 1])] },
                _ => throw new InvalidDataException(expected.Filters[i]),
            };
        }

        var response = seeds.Searcher.Search(request);
        var name = $"{expected.Query} {string.Join(' ', expected.Filters)}";
        Assert.True(expected.Total == response.Total, $"{name}: total {response.Total}, recorded {expected.Total}");
        Assert.Equal(expected.Facets["sourceType"], response.Facets.SourceType.ToDictionary(v => v.Value, v => v.Count));
        Assert.Equal(expected.Facets["year"], response.Facets.Year.ToDictionary(v => v.Value, v => v.Count));
        Assert.Equal(expected.Facets["document"], response.Facets.Document.ToDictionary(v => v.Value, v => v.Count));
        Assert.Equal(expected.Facets["author"], response.Facets.Author.ToDictionary(v => v.Value, v => v.Count));
    }
}
