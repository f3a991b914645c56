using System.Net;
using System.Text.Json;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Api;

/// <summary>Aliases over HTTP (issue 18): expansions[], each hit's aliases, aliases=false, and a bad value.</summary>
public sealed class AliasApiTests(ApiFactoryFixture fixture) : IClassFixture<ApiFactoryFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private Task<JsonElement> Get(string url) => ApiJson.GetOk(_client, url);

    [Fact]
    public async Task A_search_says_which_aliases_it_also_searched_and_which_matched()
    {
        var json = await Get("/api/search?size=100&q=" + Uri.EscapeDataString("\"Soviet Union\""));
        Assert.Equal(10, json.GetProperty("total").GetInt64());
        var expansion = Assert.Single(json.GetProperty("expansions").EnumerateArray());
        Assert.Equal("USSR", expansion.GetProperty("variant").GetString());
        Assert.Equal("Soviet Union", expansion.GetProperty("typed").GetString());
        Assert.Equal(6, expansion.GetProperty("line").GetInt32());
        Assert.Equal("Soviet Union also searched as USSR (aliases.txt line 6)", expansion.GetProperty("text").GetString());
        var hits = json.GetProperty("hits").EnumerateArray().ToList();
        var viaAlias = hits.Where(h => h.TryGetProperty("aliases", out _)).ToList();
        Assert.Equal(7, viaAlias.Count); // the 7 passages that say USSR
        Assert.All(viaAlias, h => Assert.Contains("USSR", h.GetProperty("text").GetString()));
        Assert.All(viaAlias, h => Assert.Contains("<mark>USSR</mark>", h.GetProperty("highlight").GetString()));

        var exact = await Get("/api/search?size=100&aliases=false&q=" + Uri.EscapeDataString("\"Soviet Union\""));
        Assert.Equal(3, exact.GetProperty("total").GetInt64());
        Assert.Equal(0, exact.GetProperty("expansions").GetArrayLength());
    }

    [Fact]
    public async Task A_bad_aliases_value_is_a_400()
    {
        using var response = await _client.GetAsync("/api/search?q=USSR&aliases=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'aliases' must be true or false", await response.Content.ReadAsStringAsync());
    }
}
