using Microsoft.Playwright;

namespace PakRussia.Search.Web.Tests.TestSupport;

/// <summary>
/// One browser context and page on the live server, for a browser test class: 1280×900, a 10 s default timeout, and
/// every script error or console error (CSP violations among them) recorded; <see cref="DisposeAsync"/> fails the test
/// when there was one.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _problems = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>The browser's own "Failed to load resource" lines are not problems (a test that provokes an HTTP error).</summary>
    public bool IgnoreFailedLoads { get; set; }

    public static async Task<BrowserSession> Open(LiveServer server, bool acceptDownloads = false)
    {
        var browser = await server.StartBrowser();
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = server.BaseAddress.ToString(), AcceptDownloads = acceptDownloads, ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(10_000);
        var session = new BrowserSession(context, await context.NewPageAsync());
        session.Page.Console += (_, message) =>
        {
            if (message.Type == "error" && !(session.IgnoreFailedLoads && message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)))
                session._problems.Add("console: " + message.Text);
        };
        session.Page.PageError += (_, error) => session._problems.Add("page error: " + error);
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        Assert.True(_problems.Count == 0, "Script errors or CSP violations:\n" + string.Join("\n", _problems));
    }
}
