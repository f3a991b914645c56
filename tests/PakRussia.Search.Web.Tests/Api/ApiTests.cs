using System.Net;
using System.Text.Json;
using PakRussia.Search.Web.Infrastructure;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Api;

/// <summary>The API through the web project's Program in the test host, over the shared test index.</summary>
public sealed class ApiTests(ApiFactoryFixture fixture) : IClassFixture<ApiFactoryFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    private async Task<JsonElement> GetJson(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        var type = response.Content.Headers.ContentType?.MediaType;
        Assert.Equal((int)expected >= 400 ? Problems.ContentType : "application/json", type);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task AssertProblem(string url, HttpStatusCode status, string? detailContains = null)
    {
        var problem = await GetJson(url, status);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.StartsWith("https://", problem.GetProperty("type").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.DoesNotContain("   at ", detail); // no stack trace
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, detail, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Search_returns_ranked_highlighted_hits_and_facets_in_the_cli_shape()
    {
        var json = await GetJson("/api/search?q=pipeline");
        Assert.Equal("pipeline", json.GetProperty("query").GetString());
        Assert.True(json.GetProperty("total").GetInt64() >= 3);
        Assert.Equal(1, json.GetProperty("page").GetInt32());
        Assert.Equal(10, json.GetProperty("pageSize").GetInt32());
        var hits = json.GetProperty("hits").EnumerateArray().ToList();
        // The list under the "Pakistan Stream Gas Pipeline" heading matches through its section.
        var hit = hits.Single(h => h.GetProperty("passageId").GetString() == "explainer-relations.p32");
        Assert.Equal("explainer-relations", hit.GetProperty("docId").GetString());
        Assert.Equal("Pakistan-Russia relations: history, challenges and future opportunities", hit.GetProperty("title").GetString());
        Assert.Contains("<mark>Pipeline</mark>", hit.GetProperty("sectionHighlight").GetString());
        Assert.DoesNotContain("<mark>", hit.GetProperty("highlight").GetString());
        Assert.Contains("[pakrussia:explainer-relations.p32]", hit.GetProperty("citation").GetString());
        Assert.False(hit.TryGetProperty("author", out _)); // nulls are left out, as in the CLI's --json
        Assert.Contains(hits, h => h.GetProperty("highlight").GetString()!.Contains("<mark>pipeline</mark>")); // a match in the title or section marks nothing in the text
        var sources = json.GetProperty("facets").GetProperty("sourceType");
        Assert.Contains(sources.EnumerateArray(), v => v.GetProperty("value").GetString() == "explainer");
        Assert.Contains(json.GetProperty("facets").GetProperty("document").EnumerateArray(),
            v => v.GetProperty("value").GetString() == "explainer-relations" && v.GetProperty("label").GetString()!.StartsWith("Pakistan-Russia relations"));
    }

    [Fact]
    public async Task Repeated_facet_parameters_select_several_values()
    {
        var all = await GetJson("/api/search?q=pakistan&size=100");
        var news = await GetJson("/api/search?q=pakistan&source=news&size=100");
        var both = await GetJson("/api/search?q=pakistan&source=news&source=academic&size=100");
        Assert.All(news.GetProperty("hits").EnumerateArray(), h => Assert.Equal("news", h.GetProperty("sourceType").GetString()));
        var bothTypes = both.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("sourceType").GetString()).ToHashSet();
        Assert.Equal(["academic", "news"], bothTypes.Order());
        Assert.True(news.GetProperty("total").GetInt64() < both.GetProperty("total").GetInt64());
        Assert.True(both.GetProperty("total").GetInt64() < all.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Year_date_sort_and_paging_parameters_apply()
    {
        var year = await GetJson("/api/search?q=pakistan&year=2017&size=100");
        Assert.NotEmpty(year.GetProperty("hits").EnumerateArray());
        Assert.All(year.GetProperty("hits").EnumerateArray(), h => Assert.Equal(2017, h.GetProperty("year").GetInt32()));
        var range = await GetJson("/api/search?q=pakistan&from=2018&to=2023&size=100");
        Assert.All(range.GetProperty("hits").EnumerateArray(), h => Assert.InRange(h.GetProperty("year").GetInt32(), 2018, 2023));
        var byDate = await GetJson("/api/search?q=pakistan&sort=date&size=100");
        var dates = byDate.GetProperty("hits").EnumerateArray().Select(h => h.TryGetProperty("date", out var d) ? d.GetString()! : "").ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
        var page2 = await GetJson("/api/search?q=pakistan&size=2&page=2");
        Assert.Equal(2, page2.GetProperty("page").GetInt32());
        Assert.Equal(2, page2.GetProperty("hits").GetArrayLength());
        var explain = await GetJson("/api/search?q=pakistan&explain=true&any=1&doc=news-ties-closer");
        Assert.All(explain.GetProperty("hits").EnumerateArray(), h => Assert.Equal("news-ties-closer", h.GetProperty("docId").GetString()));
        Assert.True(explain.TryGetProperty("explain", out _));
    }

    [Fact]
    public async Task Duplicates_are_collapsed_into_one_hit()
    {
        var json = await GetJson("/api/search?q=pipeline");
        var hit = json.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("passageId").GetString() == "forum-better-ally.p26");
        Assert.Equal("forum-better-ally.p28", hit.GetProperty("duplicates")[0].GetString());
    }

    [Theory]
    [InlineData("/api/search?q=pakistan&page=0", "page")]
    [InlineData("/api/search?q=pakistan&page=abc", "page")]
    [InlineData("/api/search?q=pakistan&size=1000", "page size")]
    [InlineData("/api/search?q=pakistan&size=0", "page size")]
    [InlineData("/api/search?q=pakistan&sort=bogus", "sort")]
    [InlineData("/api/search?q=pakistan&year=20x5", "year")]
    [InlineData("/api/search?q=pakistan&strict=maybe", "strict")]
    [InlineData("/api/search?q=pakistan&q=russia", "once")]
    [InlineData("/api/search?q=pakistan&from=2019&to=2014", "reversed")]
    [InlineData("/api/search?q=year%3A%5B2014%20TO&strict=true", "Cannot parse")]
    [InlineData("/api/search?q=%22unbalanced&strict=1", "Cannot parse")]
    [InlineData("/api/search?q=", "empty")]
    [InlineData("/api/search", "empty")]
    [InlineData("/api/search?q=%E0%A4%A", "percent")]
    [InlineData("/api/search?q=%C3%28", "UTF-8")]
    [InlineData("/api/search?q=a%00b", "UTF-8")]
    [InlineData("/api/passages/forum-ally.p0?context=99", "context")]
    [InlineData("/api/passages/forum-ally.p0?context=x", "context")]
    [InlineData("/api/suggest?q=pak&limit=500", "limit")]
    public async Task Bad_parameters_are_400_problems(string url, string detail) =>
        await AssertProblem(url, HttpStatusCode.BadRequest, detail);

    [Fact]
    public async Task A_query_over_1000_characters_is_400()
    {
        await AssertProblem("/api/search?q=" + new string('a', 1001), HttpStatusCode.BadRequest, "1000");
        await AssertProblem("/api/suggest?q=" + new string('a', 1001), HttpStatusCode.BadRequest, "1000");
        await GetJson("/api/search?q=pakistan+" + new string('a', 990)); // just under the limit is fine
    }

    [Fact]
    public async Task A_search_asked_again_is_answered_from_the_cache_with_the_same_answer()
    {
        // A query no other test asks, so the first answer is searched here.
        const string url = "/api/search?q=pipeline+gas+trade&any=1&size=7";
        var first = await GetJson(url);
        var again = await GetJson(url);
        var other = await GetJson(url + "&page=2");

        Assert.False(first.TryGetProperty("cached", out _));
        Assert.True(again.GetProperty("cached").GetBoolean());
        Assert.False(other.TryGetProperty("cached", out _));
        Assert.True(first.GetProperty("total").GetInt64() > 7);
        foreach (var property in new[] { "total", "hits", "facets", "warnings", "query", "page", "pageSize" })
        {
            Assert.Equal(first.GetProperty(property).GetRawText(), again.GetProperty(property).GetRawText());
        }

        Assert.NotEqual(first.GetProperty("hits").GetRawText(), other.GetProperty("hits").GetRawText());
    }

    [Fact]
    public async Task Strict_mode_query_errors_are_400_not_500()
    {
        // Whatever the query language makes of these, the answer is never a server error.
        foreach (var query in new[] { "year:[2014 TO", "\"unbalanced", "((((", "AND OR NOT", "title:", "a^^^2", "*", "~" })
        {
            using var response = await _client.GetAsync("/api/search?strict=true&q=" + Uri.EscapeDataString(query));
            Assert.True((int)response.StatusCode is 200 or 400, $"{query}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Passage_shows_context_document_and_citation()
    {
        var json = await GetJson("/api/passages/news-ties-closer.p3?context=1");
        Assert.Equal("news-ties-closer.p3", json.GetProperty("passage").GetProperty("passageId").GetString());
        Assert.Equal("news-ties-closer.p2", json.GetProperty("before")[0].GetProperty("passageId").GetString());
        Assert.Equal("news-ties-closer.p4", json.GetProperty("after")[0].GetProperty("passageId").GetString());
        Assert.Equal("Pakistan-Russia ties: What brings them closer", json.GetProperty("document").GetProperty("title").GetString());
        Assert.Contains("pakrussia:news-ties-closer.p3", json.GetProperty("citation").GetString());
        var bare = await GetJson("/api/passages/news-ties-closer.p3");
        Assert.Equal(0, bare.GetProperty("before").GetArrayLength());
    }

    [Fact]
    public async Task Documents_are_listed_and_shown_with_their_passages_in_order()
    {
        var page = await GetJson("/api/documents");
        Assert.Equal(6, page.GetProperty("total").GetInt32()); // five seeds and the hostile document
        var list = page.GetProperty("documents");
        Assert.Equal(6, list.GetArrayLength());
        var summary = list.EnumerateArray().Single(d => d.GetProperty("docId").GetString() == "explainer-relations");
        var doc = await GetJson("/api/documents/explainer-relations");
        Assert.Equal("explainer", doc.GetProperty("document").GetProperty("sourceType").GetString());
        Assert.Equal("2023", doc.GetProperty("document").GetProperty("date").GetString());
        var ordinals = doc.GetProperty("passages").EnumerateArray().Select(p => p.GetProperty("ordinal").GetInt32()).ToList();
        Assert.Equal(summary.GetProperty("passages").GetInt32(), ordinals.Count);
        Assert.Equal(Enumerable.Range(0, ordinals.Count), ordinals);
    }

    [Fact]
    public async Task Documents_come_a_page_at_a_time_in_index_order()
    {
        var all = (await GetJson("/api/documents")).GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("docId").GetString()).ToList();
        var pages = new List<string?>();
        for (var number = 1; number <= 3; number++)
        {
            var page = await GetJson($"/api/documents?page={number}&size=2");
            Assert.Equal(6, page.GetProperty("total").GetInt32());
            Assert.Equal(2, page.GetProperty("size").GetInt32());
            pages.AddRange(page.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("docId").GetString()));
        }

        Assert.Equal(all, pages);
        Assert.Equal(0, (await GetJson("/api/documents?page=4&size=2")).GetProperty("documents").GetArrayLength());
        Assert.Equal(0, (await GetJson("/api/documents?page=2147483647&size=1000")).GetProperty("documents").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/documents?page=0")]
    [InlineData("/api/documents?page=-1")]
    [InlineData("/api/documents?size=0")]
    [InlineData("/api/documents?size=1001")]
    [InlineData("/api/documents?size=abc")]
    [InlineData("/api/documents?page=1e9")]
    public async Task Documents_with_an_impossible_page_are_400_problems(string url) =>
        await AssertProblem(url, HttpStatusCode.BadRequest);

    [Theory]
    [InlineData("/api/passages/no-such-doc.p0")]
    [InlineData("/api/passages/news-ties-closer.p999")]
    [InlineData("/api/documents/no-such-doc")]
    [InlineData("/api/passages/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/passages/%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("/api/documents/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/documents/%2e%2e%5c%2e%2e%5cwin.ini")]
    [InlineData("/api/passages/x'%20OR%201=1")]
    [InlineData("/no/such/page")]
    [InlineData("/wwwroot/index.html")]
    [InlineData("/../appsettings.json")]
    [InlineData("/appsettings.json")]
    [InlineData("/PakRussia.Search.Web.dll")]
    public async Task Unknown_and_invalid_ids_are_404_problems(string url) =>
        await AssertProblem(url, HttpStatusCode.NotFound);

    [Fact]
    public async Task Suggest_completes_the_last_word_from_the_vocabulary()
    {
        var json = await GetJson("/api/suggest?q=russia+pipel");
        Assert.Equal("russia pipel", json.GetProperty("query").GetString());
        Assert.Equal(["pipeline", "pipelines"], json.GetProperty("completions").EnumerateArray().Select(c => c.GetString()).Order());
        var empty = await GetJson("/api/suggest?q=");
        Assert.Equal(0, empty.GetProperty("completions").GetArrayLength());
    }

    [Fact]
    public async Task Health_reports_the_index_counts()
    {
        var json = await GetJson("/health");
        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.Equal(6, json.GetProperty("documents").GetInt64());
        Assert.Equal(TestIndex.Stats.Passages, json.GetProperty("passages").GetInt64());
        Assert.True(json.GetProperty("passages").GetInt64() > 100);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        foreach (var url in new[] { "/", "/app.js", "/api/search?q=pakistan", "/api/search?page=0", "/nothing", "/health" })
        {
            using var response = await _client.GetAsync(url);
            Assert.Equal(Infrastructure.SecurityHeaders.ContentSecurityPolicy, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        }
    }

    [Fact]
    public async Task The_page_and_its_files_are_served()
    {
        var html = await _client.GetStringAsync("/");
        Assert.Contains("<script src=\"app.js\"", html);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        using var js = await _client.GetAsync("/app.js");
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        using var css = await _client.GetAsync("/app.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_foreign_host_header_is_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=pakistan");
        request.Headers.Host = "evil.example";
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Problems.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var local = new HttpRequestMessage(HttpMethod.Get, "/health");
        local.Headers.Host = "127.0.0.1:5080";
        using var ok = await _client.SendAsync(local);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Other_methods_are_refused_with_a_problem()
    {
        using var response = await _client.PostAsync("/api/search?q=pakistan", new StringContent("x"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(Problems.ContentType, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// The body rule holds in the test host too (it does not enforce Kestrel's limits; RequestGuards judges sizes
    /// itself): a GET with a body is 400, 1.5 MB is 413 on a GET-only route, with a declared length or streamed.
    /// </summary>
    [Fact]
    public async Task Bodies_are_refused_without_kestrel()
    {
        using (var get = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=pakistan") { Content = new StringContent("x") })
        using (var response = await _client.SendAsync(get))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(Problems.ContentType, response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("A GET request carries no body", await response.Content.ReadAsStringAsync());
        }

        using (var response = await _client.PostAsync("/api/search?q=pakistan", new ByteArrayContent(new byte[1_500_000])))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal(Problems.ContentType, response.Content.Headers.ContentType?.MediaType);
        }

        using (var streamed = new StreamContent(new UnknownLengthStream(1_500_000)))
        using (var response = await _client.PostAsync("/api/search?q=pakistan", streamed))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
    }

    /// <summary>Zero bytes, <c>length</c> of them, from a stream that cannot say how long it is (so nothing declares a Content-Length).</summary>
    private sealed class UnknownLengthStream(int length) : Stream
    {
        private int _left = length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, _left);
            Array.Clear(buffer, offset, n);
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task The_openapi_description_lists_the_endpoints()
    {
        var json = await GetJson("/openapi/v1.json");
        var paths = json.GetProperty("paths");
        foreach (var path in new[] { "/api/search", "/api/passages/{id}", "/api/documents", "/api/documents/{id}", "/api/suggest", "/health" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        var parameters = paths.GetProperty("/api/search").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "q", "source", "year", "from", "to", "doc", "author", "sort", "page", "size", "any", "strict", "explain" }, parameters);
    }

    [Fact]
    public async Task Hostile_input_never_gets_a_500()
    {
        var nasty = new[]
        {
            "\"", "'", "\\", "%", "*", "-", "--", "NOT", "(", ")", "[", "]", "{", "}", "^", "~", ":", "\u0000", "\uFFFF", "\uD800",
            "' OR 1=1 --", "<script>", "year:", "source:(", "title:\"", "NEAR(a b", "a NEAR/3 b", "\"a\" * \"b\"",
            new string('(', 500), new string('"', 999), string.Concat(Enumerable.Repeat("a OR ", 190)),
        };
        foreach (var value in nasty)
        {
            var q = Uri.EscapeDataString(value);
            var urls = new List<string>
            {
                $"/api/search?q={q}", $"/api/search?q={q}&strict=true", $"/api/search?q=pakistan&source={q}", $"/api/search?q=pakistan&author={q}",
                $"/api/search?q=pakistan&doc={q}", $"/api/search?q=pakistan&from={q}", $"/api/search?q=pakistan&to={q}", $"/api/suggest?q={q}",
            };
            if (!value.Contains('\0'))
            {
                urls.Add($"/api/passages/{q}"); // a NUL in a path is refused by the client here; see LiveServerHttpTests
                urls.Add($"/api/documents/{q}");
            }

            foreach (var url in urls)
            {
                using var response = await _client.GetAsync(url);
                Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}

/// <summary>One test host for the API test class.</summary>
public sealed class ApiFactoryFixture : IDisposable
{
    public ApiFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
