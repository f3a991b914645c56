using Microsoft.Playwright;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Browser;

/// <summary>The concordance view on the page (issue 16, parts 1–2), in headless Chromium against the real server.</summary>
[Collection(LiveServerCollection.Name)]
public sealed class KwicPageTests(LiveServer server) : BrowserTest(server)
{
    [Fact]
    public async Task The_kwic_url_shows_one_aligned_line_per_occurrence_with_collocates()
    {
        await _page.GotoAsync("/?view=kwic&q=pipeline");
        await Assertions.Expect(_page.Locator("#kwic-count")).ToHaveTextAsync("4 lines in 4 passages");
        var lines = _page.Locator("#kwic tr.kwic-line");
        await Assertions.Expect(lines).ToHaveCountAsync(4);
        await Assertions.Expect(lines.Locator(".kwic-match mark").First).ToHaveTextAsync("pipeline");
        await Assertions.Expect(_page.Locator("#hits")).ToBeHiddenAsync();
        await Assertions.Expect(_page.Locator("#view-kwic")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(_page.Locator("#collocates button.collocate[data-word='gas']")).ToBeVisibleAsync();
        Directory.CreateDirectory(Artifacts.Screenshots);
        await _page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, "kwic.png"), FullPage = true });
    }

    [Fact]
    public async Task Clicking_a_collocate_narrows_the_concordance_to_its_lines()
    {
        await _page.GotoAsync("/?view=kwic&q=pipeline");
        await _page.Locator("#collocates button.collocate[data-word='gas']").ClickAsync();
        await Assertions.Expect(_page.Locator("#kwic-count")).ToHaveTextAsync("2 lines in 2 passages");
        Assert.Contains("near=gas", _page.Url);
        var passages = await _page.Locator("#kwic tr.kwic-line").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.passage)");
        Assert.Equal(["academic-afghanistan-central-asia.p20", "news-ties-closer.p3"], passages);
        await _page.Locator("#kwic-clear-near").ClickAsync();
        await Assertions.Expect(_page.Locator("#kwic-count")).ToHaveTextAsync("4 lines in 4 passages");
    }

    [Fact]
    public async Task Filters_near_and_sort_come_from_the_url_and_a_line_opens_in_context()
    {
        await _page.GotoAsync("/?view=kwic&q=pipeline&source=forum&ksort=1R");
        await Assertions.Expect(_page.Locator("#kwic-count")).ToHaveTextAsync("2 lines in 2 passages");
        // 1R by hand: "pipeline(s)" (s) before "Pipelines - TAPI" (tapi).
        var passages = await _page.Locator("#kwic tr.kwic-line").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.passage)");
        Assert.Equal(["forum-better-ally.p26", "forum-better-ally.p32"], passages);
        await _page.Locator("#kwic tr.kwic-line button.open-context").First.ClickAsync();
        await Assertions.Expect(_page.Locator("#panel-title")).ToHaveTextAsync("Passage in context");
        await Assertions.Expect(_page.Locator("#panel li.passage.focus")).ToHaveAttributeAsync("data-passage", "forum-better-ally.p26");

        await _page.GotoAsync("/?view=kwic&q=pipeline&near=gas");
        await Assertions.Expect(_page.Locator("#kwic-count")).ToHaveTextAsync("2 lines in 2 passages");
    }

    [Fact]
    public async Task The_tabs_switch_between_passages_and_the_concordance()
    {
        await _page.GotoAsync("/?q=pipeline");
        await Assertions.Expect(_page.Locator("article.hit").First).ToBeVisibleAsync();
        await _page.Locator("#view-kwic").ClickAsync();
        await Assertions.Expect(_page.Locator("#kwic-count")).ToHaveTextAsync("4 lines in 4 passages");
        Assert.Contains("view=kwic", _page.Url);
        await _page.Locator("#view-passages").ClickAsync();
        await Assertions.Expect(_page.Locator("#kwic")).ToBeHiddenAsync();
        await Assertions.Expect(_page.Locator("article.hit").First).ToBeVisibleAsync();
    }
}
