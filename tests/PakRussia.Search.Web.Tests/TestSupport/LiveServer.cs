using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace PakRussia.Search.Web.Tests.TestSupport;

/// <summary>
/// The real server (Kestrel on a free loopback port, built by <see cref="WebServer.Build"/>) over the test
/// index, and one headless Chromium from /usr/bin/chromium, shared by the browser and raw-HTTP tests.
/// </summary>
public sealed class LiveServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    public async Task InitializeAsync()
    {
        _app = WebServer.Build(new WebServerOptions { IndexPath = TestIndex.Path, Urls = ["http://127.0.0.1:0"], QueryTimeBudget = TestBudget.Query });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single().Replace("[::]", "127.0.0.1") + "/");
    }

    /// <summary>Starts Chromium on first use (the raw-HTTP tests do not need it). Never downloads a browser.</summary>
    public async Task<IBrowser> StartBrowser()
    {
        if (_browser is not null) return _browser;
        Assert.True(File.Exists(ChromiumPath), $"Chromium is required for the browser tests and was not found at {ChromiumPath} (Debian: apt-get install chromium).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return _browser;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LiveServerCollection : ICollectionFixture<LiveServer>
{
    public const string Name = "live server";
}
