using Microsoft.Playwright;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Browser;

/// <summary>The "Similar passages" button on the page (issue 17), in headless Chromium against the real server.</summary>
[Collection(LiveServerCollection.Name)]
public sealed class SimilarPageTests(LiveServer server) : BrowserTest(server)
{
    [Fact]
    public async Task Similar_passages_from_a_hit_mark_the_shared_words_and_chain_from_the_passage_view()
    {
        await _page.GotoAsync("/?q=%22Pakistan%20Stream%22");
        var hit = _page.Locator("article.hit[data-passage='explainer-relations.p32']");
        await hit.Locator("button.open-similar").ClickAsync();
        var panel = _page.Locator("#panel");
        await Assertions.Expect(_page.Locator("#panel-title")).ToHaveTextAsync("Similar passages");
        var news = panel.Locator(".similar-hit[data-passage='news-ties-closer.p3']");
        await Assertions.Expect(news).ToBeVisibleAsync();
        await Assertions.Expect(news.Locator(".shared-terms")).ToContainTextAsync("pipeline");
        await Assertions.Expect(news.Locator(".passage-text mark", new() { HasTextString = "Pipeline" })).ToHaveCountAsync(1);
        Assert.Equal(0, await panel.Locator(".similar-hit[data-passage='explainer-relations.p32']").CountAsync());
        Assert.True(await panel.Locator(".similar-hit").CountAsync() <= 10);
        await Assertions.Expect(panel.Locator(".similar-terms")).ToContainTextAsync("pipelin");
        Directory.CreateDirectory(Artifacts.Screenshots);
        await _page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, "similar.png") });

        // From there: the news passage in context, and its own similar passages, which include the explainer's.
        await news.Locator("button.open-context").ClickAsync();
        await Assertions.Expect(_page.Locator("#panel-title")).ToHaveTextAsync("Passage in context");
        await panel.Locator(".actions button.open-similar").ClickAsync();
        await Assertions.Expect(_page.Locator("#panel-title")).ToHaveTextAsync("Similar passages");
        await Assertions.Expect(panel.Locator(".similar-source")).ToContainTextAsync("news-ties-closer.p3");
        await Assertions.Expect(panel.Locator(".similar-hit[data-passage='explainer-relations.p32']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_sentence_like_query_lists_passages_with_most_words_and_names_what_they_lack()
    {
        // Issue 15: not in its own file for want of a second browser fixture; the same page and server.
        await _page.GotoAsync("/?q=" + Uri.EscapeDataString("trade between Pakistan and Russia"));
        await Assertions.Expect(_page.Locator("#count")).ToContainTextAsync("(1 with every word,");
        var first = _page.Locator("article.hit").First;
        Assert.Equal(0, await first.Locator(".missing").CountAsync());
        var explainer = _page.Locator("article.hit[data-passage='explainer-relations.p22']");
        await Assertions.Expect(explainer.Locator(".missing")).ToHaveTextAsync("Missing: between");
        await Assertions.Expect(explainer.Locator(".missing s")).ToHaveTextAsync("between");
    }

    [Fact]
    public async Task The_search_filters_apply_to_similar_passages()
    {
        await _page.GotoAsync("/?q=pipeline&source=forum");
        await Assertions.Expect(_page.Locator("article.hit").First).ToBeVisibleAsync();
        await _page.Locator("article.hit").First.Locator("button.open-similar").ClickAsync();
        await Assertions.Expect(_page.Locator("#panel .similar-source")).ToContainTextAsync("within the current filters");
        var badges = _page.Locator("#panel .similar-hit .badge");
        await Assertions.Expect(badges.First).ToBeVisibleAsync();
        foreach (var badge in await badges.AllTextContentsAsync())
            Assert.Equal("forum", badge);
    }
}
