using Microsoft.Playwright;

namespace PakRussia.Search.Web.Tests.TestSupport;

/// <summary>
/// A browser test class on the live server: one <see cref="BrowserSession"/> per test, opened before it and disposed
/// (failing the test on a script or console error) after it. <see cref="Configure"/> adjusts the session once it is open.
/// </summary>
public abstract class BrowserTest(LiveServer server) : IAsyncLifetime
{
    protected LiveServer Server { get; } = server;

    protected BrowserSession _session = null!;

    protected IPage _page => _session.Page;

    public async Task InitializeAsync()
    {
        _session = await BrowserSession.Open(Server);
        Configure(_session);
    }

    /// <summary>Called once the session is open (for example to ignore the browser's own failed-load lines).</summary>
    protected virtual void Configure(BrowserSession session)
    {
    }

    public async Task DisposeAsync() => await _session.DisposeAsync();
}
