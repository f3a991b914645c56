using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Reliability;

/// <summary>A real Kestrel server (WebServer.Build on a free loopback port) over the test index, tested from outside.</summary>
public sealed class KestrelServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<KestrelServer> Start(Func<WebServerOptions, WebServerOptions>? configure = null)
    {
        var options = new WebServerOptions { IndexPath = TestIndex.Path, Urls = ["http://127.0.0.1:0"], RequestsPerSecond = 100_000, QueryTimeBudget = TestBudget.Query };
        var app = WebServer.Build(configure is null ? options : configure(options));
        await app.StartAsync();
        return new KestrelServer(app, new Uri(app.Urls.Single() + "/"));
    }

    /// <summary>Writes one request byte for byte and reads the whole answer (the connection is closed after it).</summary>
    public async Task<(int Status, string Head, string Body)> Raw(string requestHead, string body = "")
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Address.Host, Address.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(requestHead + body));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        return (int.Parse(head.Split(' ')[1]), head, split < 0 ? "" : text[(split + 4)..]);
    }

    /// <summary>
    /// Writes a request head, then its body (if any) on another task while the answer is read: a server that answers
    /// before the body is in, as it should for a body it refuses, is heard even if it then drops the connection. Reads
    /// the status line, the headers and Content-Length bytes of body (none for a HEAD), not the connection's end.
    /// </summary>
    public async Task<(int Status, string Head, string Body)> Exchange(string requestHead, Func<Stream, Task>? writeBody = null, bool isHead = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Address.Host, Address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(requestHead));
        var sending = writeBody is null ? Task.CompletedTask : Task.Run(async () =>
        {
            try
            {
                await writeBody(stream);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
            {
                // The server answered and closed before taking the whole body: expected for a refused body.
            }
        });

        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int split;
        while ((split = IndexOfBlankLine(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            if (read == 0) throw new IOException("The server closed the connection without an answer: " + Encoding.UTF8.GetString(received.ToArray()));
            received.Write(buffer, 0, read);
        }

        var head = Encoding.ASCII.GetString(received.GetBuffer(), 0, split);
        var lines = head.Split("\r\n");
        var chunked = lines.Any(line => line.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase));
        var length = isHead ? 0 : lines.Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(line => int.Parse(line["Content-Length:".Length..].Trim())).FirstOrDefault();
        bool Complete() => chunked && !isHead
            ? Encoding.ASCII.GetString(received.GetBuffer(), split, (int)received.Length - split).EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal)
            : received.Length - split - 4 >= length;
        while (!Complete())
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            if (read == 0) break;
            received.Write(buffer, 0, read);
        }

        var rest = received.GetBuffer().AsSpan(split + 4, (int)received.Length - split - 4);
        var body = chunked && !isHead ? Unchunk(rest) : Encoding.UTF8.GetString(rest[..Math.Min(length, rest.Length)]);
        client.Close();
        await sending;
        return (int.Parse(head.Split(' ')[1]), head, body);
    }

    private static string Unchunk(ReadOnlySpan<byte> bytes)
    {
        var body = new MemoryStream();
        while (true)
        {
            var end = bytes.IndexOf("\r\n"u8);
            if (end < 0) break;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(bytes[..end]).Split(';')[0], 16);
            if (size == 0 || end + 2 + size > bytes.Length) break;
            body.Write(bytes.Slice(end + 2, size));
            bytes = bytes[(end + 2 + size + 2)..];
        }

        return Encoding.UTF8.GetString(body.ToArray());
    }

    private static int IndexOfBlankLine(MemoryStream received)
    {
        var bytes = received.GetBuffer();
        for (var i = 0; i + 3 < received.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') return i;
        }

        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed class KestrelFixture : IAsyncLifetime
{
    public KestrelServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await KestrelServer.Start();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// The bad-input table over HTTP and the server's protections: every bad request is a 4xx problem+json (never a
/// 5xx, a stack trace or a hang), plus loopback binding, Host check, limits, slow clients, rate limit, headers.
/// </summary>
public sealed class HardeningTests(KestrelFixture fixture) : IClassFixture<KestrelFixture>
{
    private KestrelServer Server => fixture.Server;

    public static TheoryData<string> BadSearches => new()
    {
        "q=", "q=%20%20", "q=AND", "q=NOT", "q=%22", "q=%22pakistan", "q=(((pakistan", "q=NEAR(pakistan%20russia", "q=%7Ba%20b%7D:x",
        "q=%5Ex", "q=x%20%2B%20y", "q=c%2B%2B", "q=c%23", "q=a.b", "q=don't", "q=OPS-306", "q=20.04", "q=russia%01%1B",
        "q=" + new string('(', 400) + "russia", "q=" + string.Join("%20", Enumerable.Range(0, 300).Select(i => "w" + i)), "q=" + new string('x', 1001),
        "q=a*", "q=*", "q=%3F*", "q=russia~2", "q=year:%5B2020%20TO%202010%5D", "q=year:%5Babc%20TO%20x%5D",
        "q=')%3BDROP%20TABLE%20passages%3B--", "q=%22pakistan&strict=true", "q=AND&strict=1", "q=russia&strict=maybe",
        "q=russia&page=0", "q=russia&page=-1", "q=russia&page=99999999999", "q=russia&page=1e3", "q=russia&size=0", "q=russia&size=101",
        "q=russia&page=101&size=100", "q=russia&page=2147483647&size=100", "q=russia&sort=bogus", "q=russia&sort=rowid%3B--",
        "q=russia&from=abc", "q=russia&from=2014-13", "q=russia&to=2014-02-30", "q=russia&from=2020&to=2010", "q=russia&year=twenty",
        "q=russia&q=pakistan", "q=russia" + string.Concat(Enumerable.Range(0, 60).Select(i => $"&source=s{i}")),
        "q=russia&doc=" + new string('d', 300), "q=%C3%28", "q=%E0%A4", "q=%zz", "q=%00",
    };

    /// <summary>Every row: 200 (it searched) or a 4xx problem+json; never a 5xx, a stack trace or an exception name.</summary>
    [Theory]
    [MemberData(nameof(BadSearches))]
    public async Task Search_BadInput_IsAnsweredOrRefusedWithA4xxProblem(string query)
    {
        using var response = await Server.Client.GetAsync("api/search?" + query);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status is 200 or (>= 400 and < 500), $"{query}: {status} {body}");
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotMatch(@"\b[A-Z][A-Za-z]*Exception\b", body);
        if (status != 200)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal(status, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }
        else
        {
            Assert.True(response.Headers.Contains("X-Index-Generation"));
        }
    }

    [Theory]
    [InlineData("api/passages/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("api/passages/%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("api/passages/news-ties-closer.p3%00")]
    [InlineData("api/passages/x'%20OR%20'1'='1")]
    [InlineData("api/documents/%2Fetc%2Fpasswd")]
    [InlineData("api/documents/nope")]
    [InlineData("api/suggest?q=" + "%F0%9F%92%A9")]
    [InlineData("api/suggest?q=a*")]
    public async Task Ids_Hostile_AreNeverA5xxNorAFile(string target)
    {
        using var response = await Server.Client.GetAsync(target);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{target}: {(int)response.StatusCode} {body}");
        Assert.DoesNotContain("root:", body);
    }

    [Fact]
    public void Server_ListensOnLoopbackUnlessToldOtherwise()
    {
        var defaults = new WebServerOptions { IndexPath = TestIndex.Path };
        Assert.All(defaults.Urls, url => Assert.True(IPAddress.IsLoopback(IPAddress.Parse(new Uri(url).Host)), url));
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(Server.Address.Host)));
        Assert.All(WebServerOptions.FromArgs([]).Urls, url => Assert.StartsWith("http://127.0.0.1:", url));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:80")]
    [InlineData("127.0.0.1.evil.example")]
    public async Task ForeignHost_Is400(string host)
    {
        var (status, _, body) = await Server.Raw($"GET /api/search?q=russia HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        Assert.Equal(400, status);
        Assert.Contains("Host", body);
    }

    [Fact]
    public async Task Limits_RequestLineHeadersAndBody_AreRefusedWithout5xx()
    {
        var authority = $"127.0.0.1:{Server.Address.Port}";
        var longLine = await Server.Raw($"GET /api/search?q={new string('a', 10_000)} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n");
        Assert.Equal(414, longLine.Status);
        var bigHeader = await Server.Raw($"GET /health HTTP/1.1\r\nHost: {authority}\r\nX-Big: {new string('b', 20_000)}\r\nConnection: close\r\n\r\n");
        Assert.Equal(431, bigHeader.Status);
        var body = new string('x', 100_000);
        var post = await Server.Exchange($"POST /api/search HTTP/1.1\r\nHost: {authority}\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\n\r\n", stream => stream.WriteAsync(Encoding.ASCII.GetBytes(body)).AsTask());
        Assert.Equal(413, post.Status); // RequestBodyTests covers every route and method
    }

    /// <summary>A client that trickles its headers is dropped after Kestrel's RequestHeadersTimeout (10 s), not held forever.</summary>
    [Fact]
    public async Task SlowClient_IsDropped()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Server.Address.Host, Server.Address.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var closed = false;
        var buffer = new byte[4096];
        while (clock.Elapsed < TimeSpan.FromSeconds(40) && !closed)
        {
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("X-Slow: 1\r\n"));
                var read = stream.ReadAsync(buffer).AsTask();
                if (await Task.WhenAny(read, Task.Delay(1_000)) == read)
                {
                    closed = true; // a 408 or the end of the stream: either way the server let go
                }
            }
            catch (IOException)
            {
                closed = true;
            }
        }

        Assert.True(closed, "the server kept a trickling client for 40 s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"dropped only after {clock.Elapsed.TotalSeconds:0} s");
    }

    [Fact]
    public async Task RateLimit_Answers429WithRetryAfter()
    {
        await using var limited = await KestrelServer.Start(o => o with { RequestsPerSecond = 5 });
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => limited.Client.GetAsync("api/search?q=russia")));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter is not null));
        Assert.Equal("application/problem+json", refused[0].Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        foreach (var r in responses) r.Dispose();
    }

    [Theory]
    [InlineData("css/")]
    [InlineData("js/")]
    [InlineData("wwwroot/")]
    [InlineData("api/")]
    [InlineData("..")]
    [InlineData("index.html/..")]
    public async Task NoDirectoryListing(string target)
    {
        using var response = await Server.Client.GetAsync(target);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Index of", body);
        Assert.DoesNotContain("<a href=\"app.js\"", body);
        Assert.True((int)response.StatusCode < 500);
    }

    [Theory]
    [InlineData("")]
    [InlineData("api/search?q=russia")]
    [InlineData("api/search?q=")]
    [InlineData("no/such/page")]
    public async Task SecurityHeaders_OnPagesAnswersAndErrors(string target)
    {
        using var response = await Server.Client.GetAsync(target);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Page_HasNoInlineScript()
    {
        var html = await Server.Client.GetStringAsync("");
        foreach (System.Text.RegularExpressions.Match script in System.Text.RegularExpressions.Regex.Matches(html, "<script([^>]*)>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline))
        {
            Assert.Contains("src=", script.Groups[1].Value);
            Assert.Equal("", script.Groups[2].Value.Trim());
        }

        Assert.DoesNotMatch("\\son[a-z]+\\s*=", html);
    }

    /// <summary>A query past the time budget is a 503 problem with Retry-After (the same query may pass when the server is idle).</summary>
    [Fact]
    public async Task Search_PastTheTimeBudget_Is503WithRetryAfter()
    {
        await using var hurried = await KestrelServer.Start(o => o with { QueryTimeBudget = TimeSpan.FromTicks(1) });
        using var response = await hurried.Client.GetAsync("api/search?q=pa*%20OR%20ru*%20OR%20af*");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("too expensive", body);
        Assert.DoesNotMatch(@"\b[A-Z][A-Za-z]*Exception\b", body);
    }

    /// <summary>Every answer names the index generation that produced it (the load script counts them during a reindex).</summary>
    [Fact]
    public async Task Search_SendsTheIndexGeneration()
    {
        using var response = await Server.Client.GetAsync("api/search?q=russia");
        Assert.Equal(new PakRussia.Search.Search.Searcher(TestIndex.Path).Stats().Generation, response.Headers.GetValues("X-Index-Generation").Single());
    }
}
