using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web.Tests.Reliability;

/// <summary>
/// Request bodies on every route, over a real Kestrel server (TestServer does not enforce Kestrel's limits). The
/// routes are the app's own endpoints (its EndpointDataSource), so a new route is covered without editing this file,
/// plus the page, a static file and an unknown path. The rule: a body declared larger than the limit is 413 whatever
/// the method or path; any other body on a GET or HEAD is 400; a body within the limit on a wrong method stays 405.
/// </summary>
public sealed class RequestBodyTests(KestrelFixture fixture) : IClassFixture<KestrelFixture>
{
    private const int Huge = 1_500_000;
    private const string SmallBody = "hello=world";
    private const int Limit = 1024; // README, Limits: "HTTP request line / headers / body | 8 KB / 16 KB and 50 headers / 1 KB"

    private KestrelServer Server => fixture.Server;

    private string Authority => $"127.0.0.1:{Server.Address.Port}";

    /// <summary>One concrete path per endpoint (parameters filled in), with the methods it answers.</summary>
    private List<(string Path, IReadOnlyList<string> Methods)> Routes()
    {
        var routes = new List<(string Path, IReadOnlyList<string> Methods)>();
        foreach (var endpoint in Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = new StringBuilder();
            foreach (var segment in endpoint.RoutePattern.PathSegments)
            {
                path.Append('/');
                foreach (var part in segment.Parts)
                {
                    path.Append(part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternSeparatorPart separator => separator.Content,
                        RoutePatternParameterPart { IsCatchAll: true } => "no/such/page",
                        RoutePatternParameterPart { Name: "documentName" } => "v1",
                        RoutePatternParameterPart => "news-ties-closer.p3",
                        _ => "x",
                    });
                }
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            routes.Add((path.Length == 0 ? "/" : path.ToString(), methods));
        }

        // Not endpoints: the page and its files (static-file middleware), and a path nothing serves.
        routes.Add(("/", [HttpMethods.Get, HttpMethods.Head]));
        routes.Add(("/app.js", [HttpMethods.Get, HttpMethods.Head]));
        routes.Add(("/api/nothing-here", [HttpMethods.Get, HttpMethods.Head]));
        var distinct = routes.DistinctBy(route => route.Path).ToList();
        foreach (var known in new[] { "/api/search", "/api/passages/news-ties-closer.p3", "/api/documents", "/api/documents/news-ties-closer.p3", "/api/suggest", "/api/quote", "/api/export", "/health", "/no/such/page" })
        {
            Assert.Contains(distinct, route => route.Path == known); // the enumeration found the app's routes
        }

        return distinct;
    }

    private string Head(string method, string path, string framing) =>
        $"{method} {path}?q=russia HTTP/1.1\r\nHost: {Authority}\r\nContent-Type: text/plain\r\n{framing}\r\n";

    private static Func<Stream, Task> Bytes(int count) => async stream =>
    {
        var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
        for (var sent = 0; sent < count; sent += chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, Math.Min(chunk.Length, count - sent)));
        }
    };

    private static Func<Stream, Task> Chunked(int count, bool end = true) => async stream =>
    {
        var chunk = new string('x', 64 * 1024);
        for (var sent = 0; sent < count; sent += chunk.Length)
        {
            var piece = chunk[..Math.Min(chunk.Length, count - sent)];
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{piece.Length:x}\r\n{piece}\r\n"));
        }

        if (end) await stream.WriteAsync(Encoding.ASCII.GetBytes("0\r\n\r\n"));
    };

    /// <summary>Collects what is wrong with one answer (empty when it is the expected problem).</summary>
    private static string? Wrong(string request, int expected, (int Status, string Head, string Body) answer, bool isHead = false, string? detail = null)
    {
        if (answer.Status != expected) return $"{request}: {answer.Status}, expected {expected}: {answer.Body[..Math.Min(80, answer.Body.Length)]}";
        if (!answer.Head.Contains("Content-Type: application/problem+json", StringComparison.OrdinalIgnoreCase)) return $"{request}: not problem+json: {answer.Head}";
        if (isHead) return null;
        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(answer.Body).RootElement;
        }
        catch (JsonException)
        {
            return $"{request}: not JSON: {answer.Body}";
        }

        var text = problem.GetProperty("detail").GetString() ?? "";
        if (problem.GetProperty("status").GetInt32() != expected || string.IsNullOrWhiteSpace(text)) return $"{request}: incomplete problem {answer.Body}";
        if (detail is not null && !text.Contains(detail, StringComparison.Ordinal)) return $"{request}: detail '{text}' lacks '{detail}'";
        if (answer.Body.Contains("   at ", StringComparison.Ordinal)
            || System.Text.RegularExpressions.Regex.IsMatch(answer.Body, @"\b[A-Z][A-Za-z]*Exception\b|Kestrel|Microsoft\.|Lucene"))
        {
            return $"{request}: library text in {answer.Body}";
        }

        return null;
    }

    /// <summary>Runs the checks one after another (one connection at a time) and reports every failure at once.</summary>
    private async Task AssertAll(IEnumerable<Func<Task<string?>>> checks)
    {
        var failures = new List<string>();
        foreach (var check in checks)
        {
            if (await check() is { } failure) failures.Add(failure);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        using var health = await Server.Client.GetAsync("health");
        Assert.Equal(200, (int)health.StatusCode); // the server still answers afterwards
    }

    private Func<Task<string?>> Check(string method, string path, string framing, Func<Stream, Task>? body, int expected, string? detail = null) => async () =>
    {
        var isHead = method == HttpMethods.Head;
        var answer = await Server.Exchange(Head(method, path, framing), body, isHead);
        return Wrong($"{method} {path} [{framing.Trim()}]", expected, answer, isHead, detail);
    };

    /// <summary>The audit's case: a GET (or HEAD) with a body within the limit is 400 "A GET request carries no body".</summary>
    [Fact]
    public Task Get_WithABody_Is400OnEveryRoute() => AssertAll(Routes().SelectMany(route => new[]
    {
        Check("GET", route.Path, $"Content-Length: {SmallBody.Length}\r\n", s => s.WriteAsync(Encoding.ASCII.GetBytes(SmallBody)).AsTask(), 400, "A GET request carries no body"),
        Check("HEAD", route.Path, $"Content-Length: {SmallBody.Length}\r\n", s => s.WriteAsync(Encoding.ASCII.GetBytes(SmallBody)).AsTask(), 400),
    }).ToList());

    /// <summary>
    /// A chunked GET is 400 without the body being read: the body sent here never ends (no last chunk), so a server
    /// that read it before answering would never answer.
    /// </summary>
    [Fact]
    public Task Get_Chunked_Is400OnEveryRoute_BeforeTheBodyEnds() => AssertAll(Routes().SelectMany(route => new[]
    {
        Check("GET", route.Path, "Transfer-Encoding: chunked\r\n", Chunked(SmallBody.Length, end: false), 400, "A GET request carries no body"),
        Check("HEAD", route.Path, "Transfer-Encoding: chunked\r\n", Chunked(SmallBody.Length, end: false), 400),
    }).ToList());

    /// <summary>
    /// The audit's 1.5 MB GET is 413 (size is judged before method), and so is a HEAD that only declares 1.5 MB and
    /// sends none of it: the answer comes from the header, without waiting for or reading the body.
    /// </summary>
    [Fact]
    public Task Get_OverTheLimit_Is413OnEveryRoute_FromTheHeaderAlone() => AssertAll(Routes().SelectMany(route => new[]
    {
        Check("GET", route.Path, $"Content-Length: {Huge}\r\n", Bytes(Huge), 413),
        Check("GET", route.Path, $"Content-Length: {Huge}\r\n", null, 413),
        Check("HEAD", route.Path, $"Content-Length: {Huge}\r\n", null, 413),
    }).ToList());

    /// <summary>POST, PUT, DELETE and PATCH with 1.5 MB are 413 on every route, routes that answer only GET and unknown paths included.</summary>
    [Fact]
    public Task Post_OverTheLimit_Is413OnEveryRouteAndMethod() => AssertAll(Routes().SelectMany(route =>
        new[] { "POST", "PUT", "DELETE", "PATCH" }.Select(method => Check(method, route.Path, $"Content-Length: {Huge}\r\n", Bytes(Huge), 413))).ToList());

    /// <summary>A chunked body declares no size; past the limit it is 413 too (at most the limit is read to find out).</summary>
    [Fact]
    public Task Post_ChunkedOverTheLimit_Is413OnEveryRoute() => AssertAll(Routes().SelectMany(route =>
        new[] { "POST", "PUT" }.Select(method => Check(method, route.Path, "Transfer-Encoding: chunked\r\n", Chunked(Huge), 413))).ToList());

    /// <summary>The limit is exactly 1 KB: one byte more is 413; at the limit a wrong method is still 405.</summary>
    [Fact]
    public Task Post_AtAndJustPastTheLimit()
    {
        Assert.Equal(Limit, RequestGuards.MaxBodyBytes);
        return AssertAll(
    [
        Check("POST", "/api/search", $"Content-Length: {Limit}\r\n", Bytes(Limit), 405),
        Check("POST", "/api/search", $"Content-Length: {Limit + 1}\r\n", Bytes(Limit + 1), 413),
        Check("POST", "/api/search", "Transfer-Encoding: chunked\r\n", Chunked(Limit), 405),
        Check("POST", "/api/search", "Transfer-Encoding: chunked\r\n", Chunked(Limit + 1), 413),
    ]);
    }

    /// <summary>A small body on a method the route does not answer stays 405, as before (size first, then method).</summary>
    [Fact]
    public Task Post_WithASmallBody_StaysA405() => AssertAll(Routes().Where(route => !route.Methods.Contains(HttpMethods.Post)).SelectMany(route => new[]
    {
        Check("POST", route.Path, $"Content-Length: {SmallBody.Length}\r\n", s => s.WriteAsync(Encoding.ASCII.GetBytes(SmallBody)).AsTask(), 405),
        Check("POST", route.Path, "Transfer-Encoding: chunked\r\n", Chunked(SmallBody.Length), 405),
    }).ToList());

    /// <summary>Should an endpoint ever read past Kestrel's own limit, its 413 keeps its status and says why in plain words.</summary>
    [Fact]
    public void KestrelsOwn413_IsAPlainTooLargeProblem()
    {
        var (status, detail) = Problems.FromException(new BadHttpRequestException("Request body too large. The max request body size is 1024 bytes.", StatusCodes.Status413PayloadTooLarge));
        Assert.Equal(413, status);
        Assert.Equal(RequestGuards.TooLarge, detail);
    }
}
