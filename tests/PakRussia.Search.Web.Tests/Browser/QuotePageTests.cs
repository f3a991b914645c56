using Microsoft.Playwright;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Browser;

/// <summary>The "find a quote" box in headless Chromium: provenance, marked words, the remembered citation style.</summary>
[Collection(LiveServerCollection.Name)]
public sealed class QuotePageTests(LiveServer server) : BrowserTest(server)
{
    // The quote box's own 400s are shown as messages.
    protected override void Configure(BrowserSession session) => session.IgnoreFailedLoads = true;

    [Fact]
    public async Task Finding_a_quote_shows_every_occurrence_marks_the_words_and_remembers_the_style()
    {
        await _page.GotoAsync("/");
        await _page.ClickAsync("#quote-tool > summary");
        await _page.FillAsync("#quote-text", "Pakistan needs foreign investment, access to vast reserves of Central Asia, once part of Soviet Union");
        await _page.ClickAsync("#quote-form button[type=submit]");

        var match = _page.Locator("#quote-result .quote-match").First;
        await Assertions.Expect(match.Locator(".quote-verdict")).ToHaveTextAsync("Word for word");
        await Assertions.Expect(match.Locator("mark")).ToHaveTextAsync("Pakistan needs foreign investment, access to vast reserves of Central Asia, once part of Soviet Union");
        await Assertions.Expect(match.Locator(".quote-occurrences li")).ToHaveCountAsync(2);
        await Assertions.Expect(match.Locator(".quote-occurrences li").First.Locator(".badge-original")).ToHaveTextAsync("original");
        await Assertions.Expect(match.Locator(".quote-citation")).ToContainTextAsync("[pakrussia:forum-us-russia-afghanistan.p5]");

        await _page.SelectOptionAsync("#citation-style", "bibtex");
        await Assertions.Expect(match.Locator(".quote-citation")).ToContainTextAsync("@misc{");
        await _page.ReloadAsync();
        Assert.Equal("bibtex", await _page.InputValueAsync("#citation-style"));
    }

    [Fact]
    public async Task A_quote_found_nowhere_lists_the_closest_and_a_short_one_shows_the_problem()
    {
        await _page.GotoAsync("/");
        await _page.ClickAsync("#quote-tool > summary");
        await _page.FillAsync("#quote-text", "Russia and Pakistan signed a treaty on lunar exploration and deep sea mining");
        await _page.ClickAsync("#quote-form button[type=submit]");
        await Assertions.Expect(_page.Locator("#quote-result .not-found")).ToContainTextAsync("Not found");
        await Assertions.Expect(_page.Locator("#quote-result .quote-closest li").First).ToBeVisibleAsync();

        await _page.FillAsync("#quote-text", "too short");
        await _page.ClickAsync("#quote-form button[type=submit]");
        await Assertions.Expect(_page.Locator("#quote-error")).ToContainTextAsync("at least 4 words");
    }

    [Fact]
    public async Task Corpus_markup_in_a_quote_answer_stays_text()
    {
        await _page.GotoAsync("/");
        await _page.ClickAsync("#quote-tool > summary");
        await _page.FillAsync("#quote-text", "A post about Pakistan and Russia that quotes markup");
        await _page.ClickAsync("#quote-form button[type=submit]");
        await Assertions.Expect(_page.Locator("#quote-result .quote-passage").First).ToContainTextAsync(TestIndex.HostileScript);
        Assert.Equal(0, await _page.Locator("#quote-result script, #quote-result img").CountAsync());
        Assert.Null(await _page.EvaluateAsync<int?>("window.__pwned"));
    }
}
