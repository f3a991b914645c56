using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Browser;

/// <summary>
/// The page's side of reproducible result sets (issue 17): the corpus fingerprint, "Save this search", permalinks that
/// carry the fingerprint, and the notice on a permalink made on another corpus. Fails on a script error or a CSP violation.
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class SnapshotPageTests(LiveServer server) : IAsyncLifetime
{
    private BrowserSession _session = null!;

    private IPage _page => _session.Page;

    public async Task InitializeAsync()
    {
        _session = await BrowserSession.Open(server, acceptDownloads: true);
    }

    public async Task DisposeAsync() => await _session.DisposeAsync();

    private async Task<string> CurrentFingerprint()
    {
        var health = JsonDocument.Parse(await (await _page.APIRequest.GetAsync("health")).TextAsync()).RootElement;
        return health.GetProperty("corpusFingerprint").GetString()!;
    }

    private async Task Loaded()
    {
        await Assertions.Expect(_page.Locator("#count")).ToContainTextAsync("passage");
        await Assertions.Expect(_page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
    }

    [Fact]
    public async Task Save_this_search_downloads_the_snapshot_and_the_url_carries_the_fingerprint()
    {
        var fingerprint = await CurrentFingerprint();
        await _page.GotoAsync("/?q=pakistan"); // a link without a fingerprint gets the answering index's
        await Loaded();
        await Assertions.Expect(_page.Locator("#corpus-fingerprint")).ToHaveTextAsync(fingerprint);
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex(@"\?q=pakistan&fp=" + Regex.Escape(Uri.EscapeDataString(fingerprint)) + "$"));
        await Assertions.Expect(_page.Locator("#stale-notice")).ToBeHiddenAsync();
        var total = int.Parse(Regex.Match(await _page.Locator("#count").InnerTextAsync(), @"^\d+").Value);

        await Assertions.Expect(_page.Locator("#save-search")).ToBeVisibleAsync();
        var download = await _page.RunAndWaitForDownloadAsync(() => _page.Locator("#save-search").ClickAsync());
        Assert.Equal("pakrussia-snapshot.json", download.SuggestedFilename);
        var path = await download.PathAsync();
        var root = JsonDocument.Parse(await File.ReadAllTextAsync(path!)).RootElement;
        Assert.Equal("pakrussia-snapshot", root.GetProperty("format").GetString());
        Assert.Equal("pakistan", root.GetProperty("search").GetProperty("query").GetString());
        Assert.Equal(fingerprint, root.GetProperty("corpusFingerprint").GetString());
        Assert.Equal(total, root.GetProperty("total").GetInt32());
        Assert.Equal(total, root.GetProperty("hits").GetArrayLength());
        Assert.All(root.GetProperty("hits").EnumerateArray(), hit => Assert.False(string.IsNullOrEmpty(hit.GetProperty("passageId").GetString())));

        // A filter chosen afterwards is in the next download's search too.
        await _page.Locator("fieldset[data-facet='source'] input[value='news']").CheckAsync();
        await Assertions.Expect(_page.Locator("#save-search")).ToHaveAttributeAsync("href", new Regex("source=news"));
    }

    [Fact]
    public async Task A_permalink_made_on_another_corpus_shows_a_notice_with_both_fingerprints()
    {
        var fingerprint = await CurrentFingerprint();
        await _page.GotoAsync("/?q=pakistan&fp=" + Uri.EscapeDataString("sha256:0000000000000000"));
        await Loaded();
        var notice = _page.Locator("#stale-notice");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToContainTextAsync("This link was made on a different corpus");
        await Assertions.Expect(notice).ToContainTextAsync("sha256:0000000000000000");
        await Assertions.Expect(notice).ToContainTextAsync($"Current fingerprint: {fingerprint}");
        await Assertions.Expect(_page.Locator("#hits article.hit").First).ToBeVisibleAsync(); // the results are still shown
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("fp=sha256%3A0000000000000000$")); // the link is left as it was
        Directory.CreateDirectory(Artifacts.Screenshots);
        await _page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, "stale-permalink.png") });

        // A new search from there is a search of this corpus: its link carries this fingerprint and the notice goes.
        await _page.SelectOptionAsync("#sort", "date");
        await Assertions.Expect(notice).ToBeHiddenAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("fp=" + Regex.Escape(Uri.EscapeDataString(fingerprint)) + "$"));
    }

    [Fact]
    public async Task A_permalink_of_this_corpus_shows_no_notice_and_markup_in_a_fingerprint_stays_text()
    {
        var fingerprint = await CurrentFingerprint();
        await _page.GotoAsync("/?q=pakistan&fp=" + Uri.EscapeDataString(fingerprint));
        await Loaded();
        await Assertions.Expect(_page.Locator("#stale-notice")).ToBeHiddenAsync();

        await _page.GotoAsync("/?q=pakistan&fp=" + Uri.EscapeDataString(TestIndex.HostileImage));
        await Loaded();
        await Assertions.Expect(_page.Locator("#stale-notice")).ToContainTextAsync(TestIndex.HostileImage);
        Assert.Equal(0, await _page.Locator("#stale-notice img").CountAsync());
        Assert.False(await _page.EvaluateAsync<bool>("() => window.__pwned === 1"));
    }
}
