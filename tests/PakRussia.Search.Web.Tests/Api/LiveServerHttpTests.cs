using System.Net.Sockets;
using System.Text;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Api;

/// <summary>
/// Requests written byte for byte to the real Kestrel server, for what an HttpClient would normalise away:
/// raw traversal and NUL paths, broken percent escapes, foreign Host headers, oversized request lines and headers.
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class LiveServerHttpTests(LiveServer server)
{
    private async Task<(int Status, string Head, string Body)> Raw(string target, string? host = null, string extraHeaders = "")
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        await using var stream = client.GetStream();
        var request = $"GET {target} HTTP/1.1\r\nHost: {host ?? server.BaseAddress.Authority}\r\n{extraHeaders}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var status = int.Parse(head.Split(' ')[1]);
        return (status, head, split < 0 ? "" : text[(split + 4)..]);
    }

    [Theory]
    [InlineData("/api/passages/../../etc/passwd")]
    [InlineData("/api/passages/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/passages/%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("/api/documents/..%5c..%5cwindows%5cwin.ini")]
    [InlineData("/api/documents/%2e%2e")]
    [InlineData("/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/../../../etc/passwd")]
    [InlineData("/api/passages/%00")]
    [InlineData("/api/documents/a%00b")]
    public async Task Traversal_and_nul_paths_never_reach_a_file(string target)
    {
        var (status, head, body) = await Raw(target);
        // Kestrel refuses some of these outright (400); the rest are unknown ids (404). Never a file, never a 500.
        Assert.True(status is 400 or 404, $"{target}: {status}\n{head}\n{body}");
        Assert.DoesNotContain("root:", body);
        if (status == 404)
        {
            Assert.Contains("application/problem+json", head);
        }
    }

    [Theory]
    [InlineData("/api/search?q=%ZZ")]
    [InlineData("/api/search?q=abc%")]
    [InlineData("/api/search?q=%E0%A4%A")]
    [InlineData("/api/search?q=%FF%FE%FD")]
    [InlineData("/api/suggest?q=%C3%28")]
    public async Task Broken_percent_encoding_is_a_400_problem(string target)
    {
        var (status, head, body) = await Raw(target);
        Assert.Equal(400, status);
        Assert.Contains("application/problem+json", head);
        Assert.Contains("percent-encoded UTF-8", body);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:80")]
    [InlineData("127.0.0.1.evil.example")]
    [InlineData("localhost.evil.example")]
    public async Task A_foreign_host_is_400(string host)
    {
        var (status, head, _) = await Raw("/api/search?q=pakistan", host);
        Assert.Equal(400, status);
        Assert.Contains("Content-Security-Policy:", head);
        var ok = await Raw("/health", $"localhost:{server.BaseAddress.Port}");
        Assert.Equal(200, ok.Status);
    }

    [Fact]
    public async Task Oversized_request_lines_and_headers_are_refused_by_kestrel()
    {
        var longLine = await Raw("/api/search?q=" + new string('a', 9000));
        Assert.Equal(414, longLine.Status); // URI too long
        var bigHeaders = await Raw("/health", extraHeaders: $"X-Filler: {new string('b', 17_000)}\r\n");
        Assert.Equal(431, bigHeaders.Status); // request header fields too large
        var manyHeaders = await Raw("/health", extraHeaders: string.Concat(Enumerable.Range(0, 60).Select(i => $"X-H{i}: v\r\n")));
        Assert.Equal(431, manyHeaders.Status);
    }

    [Fact]
    public async Task The_page_is_served_by_kestrel_with_the_csp()
    {
        var (status, head, body) = await Raw("/");
        Assert.Equal(200, status);
        Assert.Contains("Content-Security-Policy: default-src 'self'; script-src 'self'", head);
        Assert.Contains("X-Frame-Options: DENY", head);
        Assert.DoesNotContain("Server: Kestrel", head);
        Assert.Contains("<script src=\"app.js\" defer></script>", body);
    }
}
