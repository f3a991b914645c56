using Microsoft.Playwright;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Browser;

/// <summary>Aliases on the page (issue 18): the note of what was also searched, the matched variant on each hit, and the toggle.</summary>
[Collection(LiveServerCollection.Name)]
public sealed class AliasPageTests(LiveServer server) : BrowserTest(server)
{
    [Fact]
    public async Task The_page_says_which_aliases_matched_and_the_toggle_searches_exactly_what_was_typed()
    {
        await _page.GotoAsync("/?q=" + Uri.EscapeDataString("\"Soviet Union\""));
        await Assertions.Expect(_page.Locator("#count")).ToContainTextAsync("10 passages");
        await Assertions.Expect(_page.Locator(".aliases-note")).ToContainTextAsync("USSR for Soviet Union (aliases.txt line 6)");
        var viaAlias = _page.Locator("article.hit", new() { Has = _page.Locator(".alias-matches") });
        await Assertions.Expect(viaAlias.First.Locator(".alias-matches")).ToHaveTextAsync("USSR matched as an alias of Soviet Union (aliases.txt line 6)");
        await Assertions.Expect(viaAlias.First.Locator(".passage-text mark", new() { HasTextString = "USSR" }).First).ToBeVisibleAsync();
        Assert.True(await _page.Locator("#aliases").IsCheckedAsync());

        await _page.Locator("#aliases").UncheckAsync();
        await Assertions.Expect(_page.Locator("#count")).ToContainTextAsync("3 passages");
        Assert.Contains("aliases=false", _page.Url);
        Assert.Equal(0, await _page.Locator(".aliases-note").CountAsync());
        Assert.Equal(0, await _page.Locator(".alias-matches").CountAsync());

        // The state is in the link: reloading keeps the exact search; the note's button does the same as the toggle.
        await _page.ReloadAsync();
        await Assertions.Expect(_page.Locator("#count")).ToContainTextAsync("3 passages");
        Assert.False(await _page.Locator("#aliases").IsCheckedAsync());
        await _page.Locator("#aliases").CheckAsync();
        await Assertions.Expect(_page.Locator("#count")).ToContainTextAsync("10 passages");
        await _page.Locator(".aliases-note button.exact-search").ClickAsync();
        await Assertions.Expect(_page.Locator("#count")).ToContainTextAsync("3 passages");
    }
}
