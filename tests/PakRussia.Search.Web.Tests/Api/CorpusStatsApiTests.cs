using System.Net;
using System.Text.Json;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Api;

/// <summary>
/// Keywords, trend and dispersion over HTTP (issue 16, parts 3-5): the same JSON as the CLI's <c>--json</c>, the search
/// filters, and problem+json 400s for bad input. Numbers counted by hand are in the engine's tests (TrendTests).
/// </summary>
public sealed class CorpusStatsApiTests(ApiFactoryFixture fixture) : IClassFixture<ApiFactoryFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> Get(string url) => ApiJson.Get(_client, url);

    [Fact]
    public async Task Trend_counts_pipeline_per_year_with_rates_and_documents()
    {
        var (status, json, response) = await Get("/api/trend?term=pipeline&term=%22gas+pipeline%22");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(response.Headers.Contains("X-Index-Generation"));
        Assert.Equal(["pipeline", "\"gas pipeline\""], json.GetProperty("terms").EnumerateArray().Select(t => t.GetString()!));
        var y2014 = json.GetProperty("years").EnumerateArray().Single(y => y.TryGetProperty("year", out var year) && year.GetInt32() == 2014);
        // By hand (TrendTests): 2 occurrences in 1,504 words.
        Assert.Equal(1504, y2014.GetProperty("words").GetInt64());
        Assert.Equal(2, y2014.GetProperty("counts").GetProperty("pipeline").GetInt64());
        Assert.Equal(13.2979, y2014.GetProperty("per10k").GetProperty("pipeline").GetDouble(), 4);
        Assert.Equal(1, y2014.GetProperty("documents").GetProperty("pipeline").GetInt64());
        Assert.Equal(0, y2014.GetProperty("counts").GetProperty("\"gas pipeline\"").GetInt64());
    }

    [Fact]
    public async Task Trend_by_source_and_filtered()
    {
        var (status, json, _) = await Get("/api/trend?term=pipeline&bySource=true&source=news");
        Assert.Equal(HttpStatusCode.OK, status);
        var year = Assert.Single(json.GetProperty("years").EnumerateArray());
        Assert.Equal("news", year.GetProperty("source").GetString());
        Assert.Equal(2017, year.GetProperty("year").GetInt32());
        Assert.Equal(1, year.GetProperty("counts").GetProperty("pipeline").GetInt64());
    }

    [Fact]
    public async Task Dispersion_lists_documents_with_offsets()
    {
        var (status, json, _) = await Get("/api/dispersion?term=pipeline");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("pipeline", json.GetProperty("term").GetString());
        var first = json.GetProperty("documents")[0];
        Assert.Equal("forum-better-ally", first.GetProperty("docId").GetString());
        Assert.Equal(2, first.GetProperty("count").GetInt32());
        Assert.Equal(2, first.GetProperty("offsets").GetArrayLength());
        Assert.True(first.GetProperty("length").GetInt32() > first.GetProperty("offsets")[1].GetInt32());
    }

    [Fact]
    public async Task Keywords_of_the_forums_are_forum_words()
    {
        var (status, json, _) = await Get("/api/keywords?source=forum&top=100");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(json.GetProperty("targetWords").GetInt64() > 0);
        Assert.True(json.GetProperty("referenceWords").GetInt64() > 0);
        var keywords = json.GetProperty("keywords").EnumerateArray().ToList();
        var ukraine = keywords.Single(k => k.GetProperty("word").GetString() == "ukraine");
        Assert.True(ukraine.GetProperty("logLikelihood").GetDouble() > 0);
        Assert.Equal(0, ukraine.GetProperty("referenceFrequency").GetInt64());
        Assert.All(keywords, k => Assert.True(k.GetProperty("logRatio").GetDouble() > 0));
    }

    [Fact]
    public async Task Keywords_take_a_reference_and_negative()
    {
        var (status, json, _) = await Get("/api/keywords?source=forum&refSource=news&negative=true&minFrequency=1&top=500");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(421, json.GetProperty("referenceWords").GetInt64());
        Assert.True(json.GetProperty("negative").GetBoolean());
        var keywords = json.GetProperty("keywords").EnumerateArray().ToList();
        var pipeline = keywords.Single(k => k.GetProperty("word").GetString() == "pipeline");
        Assert.Equal(1, pipeline.GetProperty("referenceFrequency").GetInt64());
        Assert.All(keywords, k => Assert.True(k.GetProperty("logLikelihood").GetDouble() <= 0 && k.GetProperty("logRatio").GetDouble() < 0));
    }

    [Theory]
    [InlineData("/api/keywords?source=forum&refYear=20x4")]
    [InlineData("/api/keywords?source=forum&negative=perhaps")]
    [InlineData("/api/trend")]
    [InlineData("/api/trend?term=source:forum")]
    [InlineData("/api/trend?term=pipeline&year=20x4")]
    [InlineData("/api/trend?term=a&term=b&term=c&term=d&term=e&term=f&term=g&term=h&term=i&term=j&term=k")]
    [InlineData("/api/trend?term=pipeline&bySource=maybe")]
    [InlineData("/api/dispersion")]
    [InlineData("/api/dispersion?term=pipeline&top=0")]
    [InlineData("/api/dispersion?term=pipeline&term=gas")]
    [InlineData("/api/keywords")]
    [InlineData("/api/keywords?source=forum&minFrequency=0")]
    [InlineData("/api/keywords?source=forum&top=x")]
    public async Task Bad_input_is_a_problem_400(string url)
    {
        var (status, json, response) = await Get(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("detail").GetString()));
    }
}
