using System.Net;
using System.Text.Json;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Api;

/// <summary>Sentence-like queries over HTTP (issue 15): allWords, each partial hit's 'missing', and all=true.</summary>
public sealed class SentenceQueryApiTests(ApiFactoryFixture fixture) : IClassFixture<ApiFactoryFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private Task<JsonElement> Get(string url) => ApiJson.GetOk(_client, url);

    [Fact]
    public async Task Most_words_are_listed_after_every_word_and_say_what_they_lack()
    {
        var json = await Get("/api/search?size=100&q=" + Uri.EscapeDataString("trade between Pakistan and Russia"));
        var total = json.GetProperty("total").GetInt64();
        Assert.Equal(1, json.GetProperty("allWords").GetInt64());
        var hits = json.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(Math.Min(total, 100), hits.Count);
        Assert.False(hits[0].TryGetProperty("missing", out _));
        // Then the 26 passages with three of the four words, then those with fewer: fewest missing words first.
        var missing = hits.Skip(1).Select(h => h.GetProperty("missing").GetArrayLength()).ToList();
        Assert.Equal(26, missing.Count(m => m == 1));
        Assert.Equal(missing.Order(), missing);
        Assert.Equal(total, json.GetProperty("facets").GetProperty("sourceType").EnumerateArray().Sum(v => v.GetProperty("count").GetInt64()));

        var all = await Get("/api/search?all=true&q=" + Uri.EscapeDataString("trade between Pakistan and Russia"));
        Assert.Equal(1, all.GetProperty("total").GetInt64());
        Assert.False(all.TryGetProperty("allWords", out _));
    }

    [Fact]
    public async Task All_and_any_together_is_a_400()
    {
        using var response = await _client.GetAsync("/api/search?all=true&any=true&q=trade+between+Pakistan");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not both", await response.Content.ReadAsStringAsync());
    }
}
