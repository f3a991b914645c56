using System.Net;
using System.Text.Json;
using PakRussia.Search.Web.Infrastructure;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Api;

/// <summary>"More like this" over HTTP (issue 17): the same JSON as <c>pakrussia similar --json</c>, and clear errors.</summary>
public sealed class SimilarApiTests(ApiFactoryFixture fixture) : IClassFixture<ApiFactoryFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private async Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> Get(string url)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), response);
    }

    [Fact]
    public async Task Passage_similar_lists_the_other_pipeline_passage_with_its_shared_words()
    {
        var (status, json, response) = await Get("/api/passages/explainer-relations.p32/similar?top=5");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(response.Headers.Contains("X-Index-Generation"));
        Assert.Equal("passage", json.GetProperty("from").GetString());
        var hits = json.GetProperty("hits").EnumerateArray().ToList();
        Assert.InRange(hits.Count, 1, 5);
        var news = hits.Single(h => h.GetProperty("hit").GetProperty("passageId").GetString() == "news-ties-closer.p3");
        var shared = news.GetProperty("sharedTerms").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("pipeline", shared);
        Assert.Contains("<mark>Pipeline</mark>", news.GetProperty("hit").GetProperty("highlight").GetString());
        Assert.DoesNotContain(hits, h => h.GetProperty("hit").GetProperty("passageId").GetString() == "explainer-relations.p32");
    }

    [Fact]
    public async Task Filters_and_style_apply()
    {
        var (status, json, _) = await Get("/api/passages/news-ties-closer.p3/similar?source=forum&style=apa&top=3");
        Assert.Equal(HttpStatusCode.OK, status);
        var hits = json.GetProperty("hits").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal("forum", h.GetProperty("hit").GetProperty("sourceType").GetString()));
        Assert.All(hits, h => Assert.DoesNotContain("[pakrussia:", h.GetProperty("hit").GetProperty("citation").GetString()!.Split('\n')[0][..10]));
    }

    [Fact]
    public async Task Documents_and_text()
    {
        var (status, json, _) = await Get("/api/documents/news-ties-closer/similar");
        Assert.Equal(HttpStatusCode.OK, status);
        var documents = json.GetProperty("documents").EnumerateArray().ToList();
        Assert.NotEmpty(documents);
        Assert.DoesNotContain(documents, d => d.GetProperty("document").GetProperty("docId").GetString() == "news-ties-closer");

        (status, json, _) = await Get("/api/similar?text=" + Uri.EscapeDataString("Russia will fund a gas pipeline to ease the energy crisis"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text", json.GetProperty("from").GetString());
        Assert.Equal("explainer-relations.p32", json.GetProperty("hits")[0].GetProperty("hit").GetProperty("passageId").GetString());
    }

    [Theory]
    [InlineData("/api/passages/news-ties-closer.p999/similar", HttpStatusCode.NotFound, "No passage has the id")]
    [InlineData("/api/passages/..%2F..%2Fetc/similar", HttpStatusCode.NotFound, "No passage")]
    [InlineData("/api/documents/nope/similar", HttpStatusCode.NotFound, "No document has the id")]
    [InlineData("/api/passages/news-ties-closer.p3/similar?top=0", HttpStatusCode.BadRequest, "top must be between 1 and 100")]
    [InlineData("/api/passages/news-ties-closer.p3/similar?top=abc", HttpStatusCode.BadRequest, "'top' must be a whole number")]
    [InlineData("/api/passages/news-ties-closer.p3/similar?year=20x4", HttpStatusCode.BadRequest, "four-digit year")]
    [InlineData("/api/passages/news-ties-closer.p3/similar?style=mla", HttpStatusCode.BadRequest, "Unknown citation style")]
    [InlineData("/api/similar", HttpStatusCode.BadRequest, "Give the text")]
    [InlineData("/api/similar?text=a&text=b", HttpStatusCode.BadRequest, "give it once")]
    public async Task Bad_requests_are_problems(string url, HttpStatusCode expected, string detail)
    {
        var (status, json, response) = await Get(url);
        Assert.Equal(expected, status);
        Assert.Equal(Problems.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, json.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Text_longer_than_the_limit_is_a_400()
    {
        var (status, json, _) = await Get("/api/similar?text=" + new string('a', 3001));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("at most 3000", json.GetProperty("detail").GetString());
    }
}
