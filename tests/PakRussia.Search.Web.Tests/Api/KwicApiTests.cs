using System.Net;
using System.Text.Json;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Api;

/// <summary>The concordance and collocates over HTTP (issue 16, parts 1–2): the CLI's JSON, CSV/TSV, and problem+json for bad input.</summary>
public sealed class KwicApiTests(ApiFactoryFixture fixture) : IClassFixture<ApiFactoryFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> Get(string url) => ApiJson.Get(_client, url);

    [Fact]
    public async Task Kwic_lists_every_pipeline_occurrence_with_offsets_and_citation()
    {
        var (status, json, response) = await Get("/api/kwic?q=pipeline&sort=1L");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(response.Headers.Contains("X-Index-Generation"));
        Assert.Equal(4, json.GetProperty("total").GetInt32());
        var lines = json.GetProperty("lines").EnumerateArray().ToList();
        // 1L by hand: (none), Gas (then South), gas (then TAPI), Russia's.
        Assert.Equal(["forum-better-ally.p32", "news-ties-closer.p3", "academic-afghanistan-central-asia.p20", "forum-better-ally.p26"],
            lines.Select(l => l.GetProperty("passageId").GetString()!).ToArray());
        var news = lines[1];
        Assert.Equal("Pipeline", news.GetProperty("match").GetString());
        Assert.Equal("news", news.GetProperty("sourceType").GetString());
        Assert.Contains("[pakrussia:news-ties-closer.p3]", news.GetProperty("citation").GetString());
        Assert.True(news.GetProperty("end").GetInt32() - news.GetProperty("start").GetInt32() == "Pipeline".Length);
        Assert.True(json.GetProperty("facets").TryGetProperty("sourceType", out _));
    }

    [Fact]
    public async Task Kwic_pages_and_filters()
    {
        var (_, first, _) = await Get("/api/kwic?q=russia&page=1&perPage=10");
        var (_, second, _) = await Get("/api/kwic?q=russia&page=2&perPage=10");
        Assert.Equal(10, first.GetProperty("lines").GetArrayLength());
        Assert.NotEqual(first.GetProperty("lines")[0].GetProperty("start").GetInt32() + first.GetProperty("lines")[0].GetProperty("passageId").GetString(),
            second.GetProperty("lines")[0].GetProperty("start").GetInt32() + second.GetProperty("lines")[0].GetProperty("passageId").GetString());
        var (_, forum, _) = await Get("/api/kwic?q=pipeline&source=forum");
        Assert.Equal(2, forum.GetProperty("total").GetInt32());
        var (_, capped, _) = await Get("/api/kwic?q=russia&perPage=100000");
        Assert.Equal(500, capped.GetProperty("perPage").GetInt32());
    }

    [Fact]
    public async Task Kwic_near_narrows_to_the_collocate_and_matches_its_frequency()
    {
        var (_, collocates, _) = await Get("/api/collocates?q=pipeline&minFrequency=1&top=1000");
        var gas = collocates.GetProperty("collocates").EnumerateArray().Single(c => c.GetProperty("word").GetString() == "gas");
        var (_, near, _) = await Get("/api/kwic?q=pipeline&near=gas&window=5");
        Assert.Equal(2, near.GetProperty("total").GetInt32());
        Assert.Equal(gas.GetProperty("frequency").GetInt32(), near.GetProperty("total").GetInt32());
        Assert.Equal(5, collocates.GetProperty("window").GetInt32());
        foreach (var field in new[] { "word", "frequency", "subcorpusFrequency", "logDice", "logLikelihood" })
            Assert.True(gas.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task Kwic_csv_and_tsv_are_files_of_every_line()
    {
        var csv = await _client.GetAsync("/api/kwic?q=pipeline&format=csv&withCopies=true");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString());
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, rows.Length);
        var tsv = await _client.GetAsync("/api/kwic?q=pipeline&format=tsv");
        Assert.StartsWith("text/tab-separated-values", tsv.Content.Headers.ContentType!.ToString());
        Assert.Equal(5, (await tsv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var collocates = await _client.GetAsync("/api/collocates?q=pipeline&format=csv");
        Assert.StartsWith("word,frequency,subcorpus_frequency,log_dice,log_likelihood", await collocates.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/kwic?q=pipeline&sort=3L")]
    [InlineData("/api/kwic?q=pipeline&width=0")]
    [InlineData("/api/kwic?q=pipeline&page=0")]
    [InlineData("/api/kwic?q=pipeline&near=two%20words")]
    [InlineData("/api/kwic?q=pipeline&format=xml")]
    [InlineData("/api/kwic?q=")]
    [InlineData("/api/kwic?q=source:forum")]
    [InlineData("/api/kwic?q=pipeline&window=99&near=gas")]
    [InlineData("/api/collocates?q=pipeline&window=0")]
    [InlineData("/api/collocates?q=pipeline&sort=mi")]
    [InlineData("/api/collocates?q=pipeline&minFrequency=x")]
    [InlineData("/api/collocates?q=pipeline&from=yesterday")]
    public async Task Bad_input_is_a_400_problem(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("Lucene", body);
    }
}
