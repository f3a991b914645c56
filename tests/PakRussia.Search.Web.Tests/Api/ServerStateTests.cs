using System.Net;
using System.Text.Json;
using PakRussia.Search.Web.Infrastructure;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Api;

/// <summary>Servers in unusual states: no usable index, a low rate limit; and the last-resort error mapping.</summary>
public sealed class ServerStateTests
{
    [Fact]
    public async Task Health_and_search_are_503_with_a_zero_byte_commit()
    {
        using var folder = new TempFolder();
        var empty = folder.File("empty");
        Directory.CreateDirectory(empty);
        await File.WriteAllBytesAsync(Path.Combine(empty, "segments_1"), []);
        await using var factory = new ApiFactory(empty);
        using var client = factory.CreateClient();
        foreach (var url in new[] { "/health", "/api/search?q=pakistan", "/api/documents", "/api/passages/a.p0", "/api/suggest?q=pak" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(Problems.ContentType, response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Contains("damaged", problem.GetProperty("detail").GetString());
            Assert.Contains("pakrussia index --rebuild", problem.GetProperty("detail").GetString());
        }

        // The page itself still loads, so the user sees the explanation.
        using var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Health_is_503_without_an_index()
    {
        using var folder = new TempFolder();
        await using var factory = new ApiFactory(folder.File("missing"));
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False(Directory.Exists(folder.File("missing"))); // reading never creates a folder
    }

    [Fact]
    public async Task Too_many_requests_get_429_with_retry_after()
    {
        await using var factory = new ApiFactory(TestIndex.Path, requestsPerSecond: 3);
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await client.GetAsync("/health");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
            else response.Dispose();
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "Retry-After in seconds");
            Assert.Equal(Problems.ContentType, limited.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"status\":429", await limited.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public void Exceptions_map_to_statuses_and_a_bug_reveals_nothing()
    {
        Assert.Equal(400, Problems.FromException(new Search.SearchRequestException("bad page")).Status);
        Assert.Equal(503, Problems.FromException(new Indexing.IndexException("no index")).Status);
        Assert.Equal(400, Problems.FromException(new Querying.QueryParseException("year:[2014 TO", 14, "missing ']'")).Status);
        Assert.Equal(400, Problems.FromException(new Querying.QueryLimitException("a b c", 0, "clauses", 2, "too many clauses")).Status);
        var (status, detail) = Problems.FromException(new InvalidOperationException("secret internals at /srv/app"));
        Assert.Equal(500, status);
        Assert.DoesNotContain("secret", detail);
        Assert.False(Problems.IsQueryLanguageError(new FormatException("ParseException")));
    }

    [Fact]
    public void Percent_encoding_check_accepts_utf8_and_rejects_broken_escapes()
    {
        Assert.True(RequestGuards.IsWellFormed("?q=%D0%A0%D0%BE%D1%81%D1%81%D0%B8%D1%8F&source=news"));
        Assert.True(RequestGuards.IsWellFormed("?q=a+b%20c"));
        Assert.False(RequestGuards.IsWellFormed("?q=%"));
        Assert.False(RequestGuards.IsWellFormed("?q=%4"));
        Assert.False(RequestGuards.IsWellFormed("?q=%G1"));
        Assert.False(RequestGuards.IsWellFormed("?q=%FF%FE"));
    }
}
