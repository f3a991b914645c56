using System.Net;
using System.Text.Json;
using PakRussia.Search.Web.Infrastructure;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Api;

/// <summary>/api/quote, /api/export and the citations of /api/passages/{id}, over the shared test index.</summary>
public sealed class QuoteExportApiTests(ApiFactoryFixture fixture) : IClassFixture<ApiFactoryFixture>
{
    private const string ForumQuote = "Pakistan needs foreign investment, access to vast reserves of Central Asia, once part of Soviet Union";

    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private async Task<(HttpStatusCode Status, string? Type, string Body, HttpResponseMessage Response)> Get(string url)
    {
        var response = await _client.GetAsync(url);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task Quote_returns_the_cli_json_with_every_occurrence_and_all_citation_styles()
    {
        var (status, type, body, _) = await Get("/api/quote?style=bibtex&text=" + Uri.EscapeDataString(ForumQuote));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", type);
        var root = JsonDocument.Parse(body).RootElement;
        Assert.True(root.GetProperty("found").GetBoolean());
        var match = Assert.Single(root.GetProperty("matches").EnumerateArray());
        Assert.True(match.GetProperty("exact").GetBoolean());
        var text = match.GetProperty("text").GetString()!;
        Assert.Equal(ForumQuote, text[match.GetProperty("start").GetInt32()..match.GetProperty("end").GetInt32()]);
        Assert.StartsWith("@misc{", match.GetProperty("citation").GetString());
        Assert.Contains("[pakrussia:", match.GetProperty("citations").GetProperty("plain").GetString());
        var occurrences = match.GetProperty("occurrences").EnumerateArray().ToList();
        Assert.Equal(2, occurrences.Count);
        Assert.True(occurrences[0].GetProperty("isOriginal").GetBoolean());
        Assert.False(occurrences[1].GetProperty("isOriginal").GetBoolean());
    }

    [Fact]
    public async Task Quote_found_nowhere_is_200_with_closest_and_a_bad_quote_is_400_problem()
    {
        var (status, _, body, _) = await Get("/api/quote?text=" + Uri.EscapeDataString("Russia and Pakistan signed a treaty on lunar exploration and deep sea mining"));
        Assert.Equal(HttpStatusCode.OK, status);
        var root = JsonDocument.Parse(body).RootElement;
        Assert.False(root.GetProperty("found").GetBoolean());
        Assert.NotEqual(0, root.GetProperty("closest").GetArrayLength());

        foreach (var url in new[] { "/api/quote?text=too%20short", "/api/quote", "/api/quote?text=" + Uri.EscapeDataString(ForumQuote) + "&style=mla" })
        {
            var bad = await Get(url);
            Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
            Assert.Equal(Problems.ContentType, bad.Type);
            Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(bad.Body).RootElement.GetProperty("detail").GetString()));
        }

        Assert.Contains("at least 4 words", (await Get("/api/quote?text=too%20short")).Body);
    }

    [Fact]
    public async Task Export_streams_every_matching_passage_as_a_download()
    {
        var search = JsonDocument.Parse((await Get("/api/search?q=Afghanistan&size=10")).Body).RootElement;
        var total = search.GetProperty("total").GetInt64();
        Assert.True(total > 10);

        var csv = await Get("/api/export?q=Afghanistan&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.Equal("text/csv", csv.Type);
        Assert.Equal("attachment", csv.Response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("pakrussia-export.csv", csv.Response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.StartsWith("passageId,docId,title,", csv.Body);
        Assert.Equal(total, csv.Body.Split("[pakrussia:").Length - 1); // one citation per row

        var ris = await Get("/api/export?q=Afghanistan&format=ris");
        Assert.Equal("application/x-research-info-systems", ris.Type);
        Assert.Equal(total, ris.Body.Split("ER  - ").Length - 1);

        var jsonl = await Get("/api/export?q=Afghanistan&format=jsonl&source=forum&style=apa");
        Assert.Equal("application/x-ndjson", jsonl.Type);
        var lines = jsonl.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var forumTotal = JsonDocument.Parse((await Get("/api/search?q=Afghanistan&source=forum")).Body).RootElement.GetProperty("total").GetInt64();
        Assert.Equal(forumTotal, lines.Length);
        Assert.All(lines, line => Assert.Equal("forum", JsonDocument.Parse(line).RootElement.GetProperty("sourceType").GetString()));

        Assert.Equal(HttpStatusCode.BadRequest, (await Get("/api/export?q=Afghanistan&format=xlsx")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("/api/export?q=")).Status);
    }

    [Fact]
    public async Task Passage_has_citations_in_every_style()
    {
        var (status, _, body, _) = await Get("/api/passages/academic-afghanistan-central-asia.p1");
        Assert.Equal(HttpStatusCode.OK, status);
        var citations = JsonDocument.Parse(body).RootElement.GetProperty("citations");
        Assert.Contains("[pakrussia:academic-afghanistan-central-asia.p1]", citations.GetProperty("plain").GetString());
        Assert.Contains("[Academic paper]", citations.GetProperty("apa").GetString());
        Assert.StartsWith("@misc{", citations.GetProperty("bibtex").GetString());
        Assert.StartsWith("TY  - JOUR", citations.GetProperty("ris").GetString());
    }
}
