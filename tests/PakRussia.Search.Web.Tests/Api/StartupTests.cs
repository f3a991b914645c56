using System.Net;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Api;

/// <summary>Index on first use at start-up, through the real server as <c>pakrussia serve</c> builds it.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task The_server_indexes_the_corpus_folder_before_serving()
    {
        using var folder = new TempFolder();
        var corpus = TestIndex.MakeCorpus(folder.File("corpus"));
        var index = folder.File(Path.Combine("index", "built-at-start"));
        var app = WebServer.Build(new WebServerOptions
        {
            IndexPath = index,
            CorpusPath = corpus,
            Urls = ["http://127.0.0.1:0"],
            PrepareIndex = CorpusIndexing.Ensure, // what Program uses
        });
        await app.StartAsync();
        try
        {
            Assert.True(Directory.Exists(index), "the index was built at start-up");
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var health = await client.GetStringAsync("/health");
            Assert.Contains("\"documents\":6,", health);
            var search = await client.GetStringAsync("/api/search?q=druzhba");
            Assert.Contains("<mark>Druzhba</mark>", search);
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
            IndexPath = folder.File("never"),
            CorpusPath = folder.File("no-such-corpus"),
            Urls = ["http://127.0.0.1:0"],
            PrepareIndex = CorpusIndexing.Ensure, // no corpus and no index: IndexException, logged
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
            IndexPath = "x",
            Urls = ["http://search.lab.internal:8080", "http://0.0.0.0:5080", "http://*:81", "http://+:82"],
            AllowedHosts = ["extra.example"],
        };
        Assert.Equal(["127.0.0.1", "[::1]", "extra.example", "localhost", "search.lab.internal"], options.EffectiveAllowedHosts().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Program_options_come_from_arguments()
    {
        var options = WebServerOptions.FromArgs(["--index", "some/where", "--corpus=corpus", "--port", "6001"]);
        Assert.Equal(Path.GetFullPath("some/where"), options.IndexPath);
        Assert.Equal("corpus", options.CorpusPath);
        Assert.Equal(["http://127.0.0.1:6001"], options.Urls);
        Assert.NotNull(options.PrepareIndex);
    }
}
