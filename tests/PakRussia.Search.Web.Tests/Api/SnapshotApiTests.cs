using System.Net;
using System.Text;
using System.Text.Json;
using PakRussia.Search.Search;
using PakRussia.Search.Snapshots;
using PakRussia.Search.Web.Infrastructure;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Api;

/// <summary>/api/snapshot and the corpus fingerprint in the API (issue 17), over the shared test index.</summary>
public sealed class SnapshotApiTests(ApiFactoryFixture fixture) : IClassFixture<ApiFactoryFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    [Fact]
    public async Task Snapshot_is_a_json_download_of_every_hit_with_the_search_and_the_fingerprint()
    {
        var response = await _client.GetAsync("/api/snapshot?q=pakistan&source=news&source=forum&sort=date&page=3&size=2");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("pakrussia-snapshot.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal("pakrussia-snapshot", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        var fingerprint = root.GetProperty("corpusFingerprint").GetString()!;
        Assert.Matches("^sha256:[0-9a-f]{16}$", fingerprint);
        Assert.Equal(fingerprint, response.Headers.GetValues("X-Corpus-Fingerprint").Single());
        var search = root.GetProperty("search");
        Assert.Equal("pakistan", search.GetProperty("query").GetString());
        Assert.Equal(["news", "forum"], search.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal("date", search.GetProperty("sort").GetString());
        var total = root.GetProperty("total").GetInt64();
        Assert.True(total > 2);
        Assert.Equal(total, root.GetProperty("hits").GetArrayLength()); // paging is ignored: every hit
        Assert.True(root.GetProperty("facets").GetProperty("sourceType").GetArrayLength() > 0);
        Assert.NotEqual(0, root.GetProperty("documents").GetArrayLength());

        // The file is one the CLI reads, and rerun on the same index it is identical.
        var saved = SnapshotFile.Parse(Encoding.UTF8.GetBytes(body), "download");
        using var searcher = new Searcher(TestIndex.Path);
        var request = saved.Search.ToRequest(out var problem);
        Assert.Null(problem);
        var again = SearchSnapshot.From(request, searcher.Results(request), DateTimeOffset.UtcNow);
        Assert.True(SnapshotComparison.Compare(saved, again).Identical);
    }

    [Fact]
    public async Task Search_and_health_carry_the_same_fingerprint()
    {
        var search = await _client.GetAsync("/api/search?q=pakistan");
        var body = JsonDocument.Parse(await search.Content.ReadAsStringAsync()).RootElement;
        var fingerprint = body.GetProperty("corpusFingerprint").GetString();
        Assert.Matches("^sha256:[0-9a-f]{16}$", fingerprint);
        Assert.Equal(fingerprint, search.Headers.GetValues("X-Corpus-Fingerprint").Single());
        var health = JsonDocument.Parse(await _client.GetStringAsync("/health")).RootElement;
        Assert.Equal(fingerprint, health.GetProperty("corpusFingerprint").GetString());
    }

    [Theory]
    [InlineData("/api/snapshot", "empty")]
    [InlineData("/api/snapshot?q=pakistan&style=mla", "Unknown citation style")]
    [InlineData("/api/snapshot?q=pakistan&sort=sideways", "Unknown sort")]
    [InlineData("/api/snapshot?q=pakistan&year=20x4", "four-digit year")]
    public async Task Bad_parameters_are_400_problems(string url, string expected)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Problems.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }
}
