using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Browser;

/// <summary>
/// The page in headless Chromium against the real server: searching, highlights, facets, the year chart,
/// context and document panels, citations, URL state and history, completions, a narrow window, and corpus
/// markup that must stay text. Every test also fails on a script error or a CSP violation.
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class PageTests(LiveServer server) : BrowserTest(server)
{
    private async Task Screenshot(string name)
    {
        Directory.CreateDirectory(Artifacts.Screenshots);
        await _page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, name + ".png"), FullPage = false });
    }

    private async Task Search(string query)
    {
        await _page.FillAsync("#q", query);
        await _page.PressAsync("#q", "Enter");
        await Assertions.Expect(_page.Locator("#count")).ToContainTextAsync($"for “{query}”");
        await Assertions.Expect(_page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
    }

    private ILocator Hits => _page.Locator("#hits article.hit");

    /// <summary>The end of a permalink: the page adds the corpus fingerprint of the index that answered (issue 17).</summary>
    private const string WithFingerprint = "(&fp=sha256%3A[0-9a-f]{16})?$";

    private async Task<int> FacetCount(string facet, string value) =>
        int.Parse(await _page.Locator($"fieldset[data-facet='{facet}'] li:has(input[value='{value}']) .facet-count").InnerTextAsync());

    [Fact]
    public async Task Typing_a_query_shows_highlighted_results()
    {
        await _page.GotoAsync("/");
        await Assertions.Expect(_page.Locator("#q")).ToBeFocusedAsync();
        await Search("pipeline");
        await Assertions.Expect(Hits.First).ToBeVisibleAsync();
        var marks = await _page.Locator("#hits mark").AllInnerTextsAsync();
        Assert.NotEmpty(marks);
        Assert.All(marks, m => Assert.StartsWith("pipeline", m, StringComparison.OrdinalIgnoreCase));
        var hit = _page.Locator("article[data-passage='explainer-relations.p32']");
        await Assertions.Expect(hit.Locator(".hit-title")).ToHaveTextAsync("Pakistan-Russia relations: history, challenges and future opportunities");
        await Assertions.Expect(hit.Locator(".badge")).ToHaveTextAsync("explainer");
        await Assertions.Expect(hit.Locator(".meta time")).ToHaveTextAsync("2023");
        // It matched through its section heading: the engine writes the emoji as a numeric entity; the page shows the character.
        await Assertions.Expect(hit.Locator(".meta .section")).ToHaveTextAsync("§ 🔹 Pakistan Stream Gas Pipeline");
        await Assertions.Expect(hit.Locator(".meta .section mark")).ToHaveTextAsync("Pipeline");
        await Assertions.Expect(hit.Locator(".passage-text")).ToContainTextAsync("A $2.5 billion project funded by Russia");
        Assert.Matches(new Regex(@"^\d+ passages? for “pipeline” — showing 1–\d+\.$"), await _page.Locator("#count").InnerTextAsync());
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex(@"\?q=pipeline" + WithFingerprint));
        await Screenshot("results");
    }

    [Fact]
    public async Task Ticking_a_facet_changes_results_and_counts()
    {
        await _page.GotoAsync("/");
        await Search("pakistan");
        var before = await _page.Locator("#count").InnerTextAsync();
        var forumBefore = await FacetCount("source", "forum");
        var yearBarsBefore = await _page.Locator(".year-bar").CountAsync();
        await _page.Locator("fieldset[data-facet='source'] input[value='news']").CheckAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("source=news"));
        await Assertions.Expect(_page.Locator("#count")).Not.ToHaveTextAsync(before);
        Assert.All(await Hits.Locator(".badge").AllTextContentsAsync(), b => Assert.Equal("news", b));
        // Multi-select: the source facet keeps its own counts; the others narrow to news.
        Assert.Equal(forumBefore, await FacetCount("source", "forum"));
        Assert.True(await _page.Locator(".year-bar").CountAsync() < yearBarsBefore, "the year chart narrows to news years");
        await _page.Locator("fieldset[data-facet='source'] input[value='academic']").CheckAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("source=news&source=academic"));
        // The URL changes before the new results arrive: wait for them before reading the badges.
        await Assertions.Expect(Hits.Locator(".badge", new() { HasTextString = "academic" }).First).ToBeVisibleAsync();
        var types = (await Hits.Locator(".badge").AllTextContentsAsync()).ToHashSet();
        Assert.Equal(["academic", "news"], types.Order());
        await Screenshot("facets");
    }

    [Fact]
    public async Task Clicking_a_year_bar_filters_by_that_year()
    {
        await _page.GotoAsync("/");
        await Search("pakistan");
        var bar = _page.Locator(".year-bar[data-year='2019']");
        await Assertions.Expect(bar).ToHaveAttributeAsync("aria-pressed", "false");
        await bar.ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("year=2019"));
        await Assertions.Expect(_page.Locator(".year-bar[data-year='2019']")).ToHaveAttributeAsync("aria-pressed", "true");
        var dates = await Hits.Locator(".meta time").AllInnerTextsAsync();
        Assert.NotEmpty(dates);
        Assert.All(dates, d => Assert.StartsWith("2019", d));
        Assert.All(await Hits.Locator(".badge").AllTextContentsAsync(), b => Assert.Equal("academic", b)); // the one 2019 seed
    }

    [Fact]
    public async Task A_passage_opens_in_context_and_its_document_one_click_away()
    {
        await _page.GotoAsync("/?q=druzhba");
        var button = Hits.First.Locator("button.open-context");
        await button.ClickAsync();
        var panel = _page.Locator("#panel");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#panel-title")).ToHaveTextAsync("Passage in context");
        await Assertions.Expect(panel.Locator(".passage.focus")).ToContainTextAsync("Druzhba");
        Assert.True(await panel.Locator(".passage").CountAsync() >= 2, "neighbouring passages are shown");
        await Assertions.Expect(panel.Locator(".citation")).ToContainTextAsync("[pakrussia:explainer-relations.p29]");
        await Screenshot("context");
        await _page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(panel).ToBeHiddenAsync();
        await Assertions.Expect(button).ToBeFocusedAsync();

        await Hits.First.Locator("button.open-document").ClickAsync();
        await Assertions.Expect(_page.Locator("#panel-title")).ToHaveTextAsync("Document");
        await Assertions.Expect(panel.Locator(".doc-head h3")).ToHaveTextAsync("Pakistan-Russia relations: history, challenges and future opportunities");
        await Assertions.Expect(panel.Locator(".passage").Nth(30)).ToBeAttachedAsync();
        await Assertions.Expect(panel.Locator(".passage.focus .passage-id")).ToContainTextAsync("explainer-relations.p29");
        await Assertions.Expect(panel.Locator(".passage.focus")).ToHaveCountAsync(1);
        await _page.Locator("#panel-close").ClickAsync();
        await Assertions.Expect(panel).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Copy_citation_puts_it_on_the_clipboard()
    {
        await _session.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = Server.BaseAddress.GetLeftPart(UriPartial.Authority) });
        await _page.GotoAsync("/?q=pipeline");
        var copy = Hits.First.Locator("button.copy-citation");
        var citation = await copy.GetAttributeAsync("data-citation");
        Assert.Contains("[pakrussia:", citation);
        await copy.ClickAsync();
        await Assertions.Expect(copy).ToHaveTextAsync("Copied");
        Assert.Equal(citation, await _page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
    }

    [Fact]
    public async Task Duplicates_collapse_into_an_expandable_copies_list()
    {
        await _page.GotoAsync("/?q=pipeline");
        var toggle = _page.Locator("article[data-passage='forum-better-ally.p26'] .duplicates-toggle");
        await Assertions.Expect(toggle).ToHaveTextAsync("+1 copy");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        var copyLink = _page.Locator("article[data-passage='forum-better-ally.p26'] .duplicates button", new() { HasText = "forum-better-ally.p28" });
        await copyLink.ClickAsync();
        await Assertions.Expect(_page.Locator("#panel .passage.focus .passage-id")).ToContainTextAsync("forum-better-ally.p28");
    }

    [Fact]
    public async Task The_url_holds_the_state_for_reload_and_the_back_button()
    {
        await _page.GotoAsync("/");
        await Search("pakistan");
        await _page.Locator("fieldset[data-facet='source'] input[value='forum']").CheckAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("source=forum"));
        await _page.SelectOptionAsync("#sort", "date");
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex(@"\?q=pakistan&source=forum&sort=date" + WithFingerprint));
        // The URL changes before the new results arrive: wait for the date order the API gives, then reload.
        var api = await _page.APIRequest.GetAsync("api/search?q=pakistan&source=forum&sort=date&size=10");
        using var body = System.Text.Json.JsonDocument.Parse(await api.TextAsync());
        var dates = body.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("date").GetString()!).ToList();
        await Assertions.Expect(Hits.Locator(".meta time")).ToHaveTextAsync(dates.ToArray());

        await _page.ReloadAsync();
        await Assertions.Expect(_page.Locator("#q")).ToHaveValueAsync("pakistan");
        await Assertions.Expect(_page.Locator("fieldset[data-facet='source'] input[value='forum']")).ToBeCheckedAsync();
        await Assertions.Expect(_page.Locator("#sort")).ToHaveValueAsync("date");
        await Assertions.Expect(Hits.Locator(".meta time")).ToHaveTextAsync(dates.ToArray());

        await _page.GoBackAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex(@"\?q=pakistan&source=forum" + WithFingerprint));
        await Assertions.Expect(_page.Locator("#sort")).ToHaveValueAsync("relevance");
        await _page.GoBackAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex(@"\?q=pakistan" + WithFingerprint));
        await Assertions.Expect(_page.Locator("fieldset[data-facet='source'] input[value='forum']")).Not.ToBeCheckedAsync();
        await Assertions.Expect(_page.Locator("fieldset[data-facet='source'] input[value='news']")).ToBeVisibleAsync();
        await _page.GoForwardAsync();
        await Assertions.Expect(_page.Locator("fieldset[data-facet='source'] input[value='forum']")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task Paging_moves_through_the_results()
    {
        await _page.GotoAsync("/?q=pakistan");
        // The count is written when the results arrive, not when the page loads.
        await Assertions.Expect(_page.Locator("#count")).ToContainTextAsync("for “pakistan”");
        var total = int.Parse(Regex.Match(await _page.Locator("#count").InnerTextAsync(), @"^\d+").Value);
        Assert.True(total > 10, $"the test corpus has more than one page for 'pakistan' (got {total})");
        await Assertions.Expect(_page.Locator("#pager [aria-current='page']")).ToHaveTextAsync("1");
        await _page.Locator("#pager a.next").ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex("page=2"));
        await Assertions.Expect(_page.Locator("#pager [aria-current='page']")).ToHaveTextAsync("2");
        await Assertions.Expect(_page.Locator("#count")).ToContainTextAsync("showing 11–");
        await Assertions.Expect(_page.Locator("#hits")).ToHaveAttributeAsync("start", "11");
        await _page.Locator("#pager a", new() { HasText = "1" }).First.ClickAsync();
        await Assertions.Expect(_page).Not.ToHaveURLAsync(new Regex("page="));
    }

    [Fact]
    public async Task Completions_are_offered_and_chosen_with_the_keyboard()
    {
        await _page.GotoAsync("/");
        await _page.Locator("#q").PressSequentiallyAsync("russia pipel");
        var option = _page.Locator("#suggestions").GetByRole(AriaRole.Option, new() { Name = "pipeline", Exact = true });
        await Assertions.Expect(option).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#q")).ToHaveAttributeAsync("aria-expanded", "true");
        await _page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(_page.Locator("#suggestions [aria-selected='true']")).ToHaveCountAsync(1);
        var chosen = await _page.Locator("#suggestions [aria-selected='true']").InnerTextAsync();
        await _page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(_page.Locator("#q")).ToHaveValueAsync($"russia {chosen} ");
        await Assertions.Expect(_page.Locator("#suggestions")).ToBeHiddenAsync();
        await _page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex($@"\?q=russia\+{chosen}" + WithFingerprint));
    }

    [Fact]
    public async Task A_completion_answer_that_arrives_late_does_not_undo_the_readers_choice()
    {
        // The answer for "russia pipel" is held back until the reader has moved into the list shown for "russia pipe"
        // (on a busy machine keystrokes come slowly enough for both to be asked). Choosing in the list cancels it, so it
        // cannot redraw the list under the reader; the choice is then accepted as it was made.
        var release = new TaskCompletionSource();
        var cancelled = new TaskCompletionSource();
        _page.RequestFailed += (_, request) =>
        {
            if (request.Url.Contains("api/suggest?q=russia%20pipel", StringComparison.Ordinal)) cancelled.TrySetResult();
        };
        await _page.RouteAsync("**/api/suggest?q=russia%20pipel*", async route =>
        {
            await release.Task;
            try { await route.ContinueAsync(); } catch (PlaywrightException) { } // the page gave it up
        });
        await _page.GotoAsync("/");
        await _page.Locator("#q").PressSequentiallyAsync("russia pipe");
        await Assertions.Expect(_page.Locator("#suggestions").GetByRole(AriaRole.Option, new() { Name = "pipeline", Exact = true })).ToBeVisibleAsync();
        var asked = _page.WaitForRequestAsync("**/api/suggest?q=russia%20pipel*");
        await _page.Locator("#q").PressSequentiallyAsync("l");
        await asked;
        await _page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(_page.Locator("#suggestions [aria-selected='true']")).ToHaveCountAsync(1);
        var chosen = await _page.Locator("#suggestions [aria-selected='true']").InnerTextAsync();
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        release.SetResult();
        await Assertions.Expect(_page.Locator("#suggestions [aria-selected='true']")).ToHaveTextAsync(chosen);
        await _page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(_page.Locator("#q")).ToHaveValueAsync($"russia {chosen} ");
    }

    [Fact]
    public async Task Warnings_from_the_lenient_parser_are_shown()
    {
        await _page.GotoAsync("/");
        await _page.FillAsync("#q", "\"gas pipeline");
        await _page.PressAsync("#q", "Enter");
        await Assertions.Expect(_page.Locator("#notices .warning")).ToBeVisibleAsync();
        await Assertions.Expect(Hits.First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_did_you_mean_suggestion_is_shown_and_clickable()
    {
        await _page.GotoAsync("/");
        await _page.FillAsync("#q", "pakstan");
        await _page.PressAsync("#q", "Enter");
        var suggestion = _page.Locator("#notices .did-you-mean button");
        await Assertions.Expect(suggestion).ToHaveTextAsync("pakistan");
        await suggestion.ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex(@"\?q=pakistan" + WithFingerprint));
        await Assertions.Expect(_page.Locator("#q")).ToHaveValueAsync("pakistan");
        await Assertions.Expect(Hits.First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Errors_from_the_api_are_shown_as_text()
    {
        _session.IgnoreFailedLoads = true; // the browser logs the 400 itself
        await _page.GotoAsync("/?q=pakistan&year=20x5");
        await Assertions.Expect(_page.Locator("#error")).ToContainTextAsync("four-digit year");
    }

    [Fact]
    public async Task Slash_focuses_the_search_box()
    {
        await _page.GotoAsync("/?q=pipeline");
        await Hits.First.Locator("button.open-context").FocusAsync();
        await _page.Keyboard.PressAsync("/");
        await Assertions.Expect(_page.Locator("#q")).ToBeFocusedAsync();
        await Assertions.Expect(_page.Locator("#q")).ToHaveValueAsync("pipeline");
    }

    [Fact]
    public async Task Markup_in_the_corpus_shows_as_text_and_never_runs()
    {
        await _page.GotoAsync("/");
        await Search("markup");
        var hit = _page.Locator($"article[data-passage='{TestIndex.HostileDocId}.p0']");
        await Assertions.Expect(hit.Locator(".passage-text")).ToContainTextAsync(TestIndex.HostileScript);
        await Assertions.Expect(hit.Locator(".passage-text")).ToContainTextAsync(TestIndex.HostileImage);
        await Assertions.Expect(hit.Locator(".passage-text")).ToContainTextAsync("Russia & Pakistan \"quotes\" 'apostrophes' — and ©, é, ✔ characters.");
        // The title was inferred from the first line, markup and all: it shows as text too.
        await Assertions.Expect(hit.Locator(".hit-title")).ToContainTextAsync(TestIndex.HostileScript);
        await Assertions.Expect(hit.Locator("mark").First).ToHaveTextAsync("markup", new() { IgnoreCase = true });
        Assert.Equal(0, await _page.Locator("#hits img, #hits script, #facets img, #facets script").CountAsync());
        await hit.Locator("button.open-document").ClickAsync();
        await Assertions.Expect(_page.Locator("#panel .passage").First).ToContainTextAsync(TestIndex.HostileScript);
        await Assertions.Expect(_page.Locator("#panel .doc-head h3")).ToContainTextAsync(TestIndex.HostileScript);
        Assert.Equal(0, await _page.Locator("#panel img, #panel script").CountAsync());
        Assert.Equal("undefined", await _page.EvaluateAsync<string>("() => typeof window.__pwned"));
        await Screenshot("markup-as-text");
    }

    [Fact]
    public async Task A_narrow_window_collapses_the_filters()
    {
        await _page.SetViewportSizeAsync(390, 844);
        await _page.GotoAsync("/?q=pakistan");
        await Assertions.Expect(Hits.First).ToBeVisibleAsync();
        var toggle = _page.Locator("#filters-toggle");
        await Assertions.Expect(toggle).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#facets")).ToBeHiddenAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(_page.Locator("#facets")).ToBeVisibleAsync();
        var width = await _page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"no horizontal scrolling (page is {width}px wide)");
        await Screenshot("narrow");
    }
}
