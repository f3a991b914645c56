using System.Net;
using PakRussia.Search.Indexing;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Api;

/// <summary>Index on first use at start-up, through the real server as <c>pakrussia serve</c> builds it.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task The_server_builds_the_index_before_serving()
    {
        using var folder = new TempFolder();
        var index = folder.File("built-at-start.db");
        var calls = new List<(string Corpus, string Index)>();
        var app = WebServer.Build(new WebServerOptions
        {
            IndexPath = index,
            CorpusPath = folder.Path,
            Urls = ["http://127.0.0.1:0"],
            PrepareIndex = (corpus, path, log) =>
            {
                calls.Add((corpus, path));
                IndexBuilder.BuildFrom(TestIndex.Documents(), path, "start-up test");
                log.WriteLine("indexed the test corpus");
                return path;
            },
        });
        await app.StartAsync();
        try
        {
            Assert.Equal([(folder.Path, index)], calls);
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var health = await client.GetStringAsync("/health");
            Assert.Contains($"\"documents\":{TestIndex.Documents().Count()}", health);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_failed_index_build_leaves_the_server_up_and_unhealthy()
    {
        using var folder = new TempFolder();
        var app = WebServer.Build(new WebServerOptions
        {
            IndexPath = folder.File("never.db"),
            CorpusPath = folder.File("no-such-corpus"),
            Urls = ["http://127.0.0.1:0"],
            PrepareIndex = (corpus, _, _) => throw new IndexException($"No corpus folder at {corpus}."),
        });
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            using var health = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            using var page = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public void Allowed_hosts_are_the_localhost_names_plus_the_listen_hosts()
    {
        var options = new WebServerOptions
        {
            IndexPath = "x.db",
            Urls = ["http://search.lab.internal:8080", "http://0.0.0.0:5080", "http://*:81", "http://+:82"],
            AllowedHosts = ["extra.example"],
        };
        Assert.Equal(["127.0.0.1", "[::1]", "extra.example", "localhost", "search.lab.internal"], options.EffectiveAllowedHosts().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Program_options_come_from_arguments()
    {
        var options = WebServerOptions.FromArgs(["--index", "some/where.db", "--corpus=corpus", "--port", "6001"]);
        Assert.Equal(Path.GetFullPath("some/where.db"), options.IndexPath);
        Assert.Equal("corpus", options.CorpusPath);
        Assert.Equal(["http://127.0.0.1:6001"], options.Urls);
        Assert.NotNull(options.PrepareIndex);
    }
}
