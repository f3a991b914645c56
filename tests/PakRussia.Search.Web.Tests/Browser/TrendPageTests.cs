using System.Globalization;
using Microsoft.Playwright;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Browser;

/// <summary>
/// The corpus tools on the page (issue 16, parts 3-5), in headless Chromium against the real server: the trend chart
/// drawn by trend.js agrees with its table, a year's point opens that year's concordance URL
/// (<c>/?view=kwic&amp;q=term&amp;year=Y</c> plus the filters), and the distinctive-words and dispersion views.
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class TrendPageTests(LiveServer server) : BrowserTest(server)
{
    [Fact]
    public async Task Trend_chart_draws_the_tables_years_and_rates_and_a_point_opens_that_years_concordance()
    {
        await _page.GotoAsync("/?q=pipeline&view=trend");
        var chart = _page.Locator("#stats-view svg.trend-chart");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        var rows = _page.Locator("#stats-view table.trend-table tbody tr[data-year]:not([data-year=''])");
        var tableYears = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.year)");
        var tableRates = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.querySelector('td.rate').textContent)");
        var points = chart.Locator("circle.point[data-term='pipeline']");
        var pointYears = await points.EvaluateAllAsync<string[]>("ps => ps.map(p => p.dataset.year)");
        var pointRates = await points.EvaluateAllAsync<string[]>("ps => ps.map(p => p.dataset.value)");
        Assert.Equal(["2014", "2017", "2019", "2023"], tableYears);
        Assert.Equal(tableYears, pointYears);
        Assert.Equal(tableRates, pointRates);
        // By hand (engine TrendTests): 2 in 1,504 words in 2014.
        Assert.Equal("13.30", tableRates[0]);
        // The highest rate is drawn highest (smallest y).
        var ys = await points.EvaluateAllAsync<double[]>("ps => ps.map(p => Number(p.getAttribute('cy')))");
        var rates = tableRates.Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Array.IndexOf(rates, rates.Max()), Array.IndexOf(ys, ys.Min()));

        Directory.CreateDirectory(Artifacts.Screenshots);
        await _page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, "trend.png") });
        // The URL the click navigates to (the page may rewrite its own URL afterwards, e.g. to add the corpus fingerprint).
        var opened = await _page.RunAndWaitForRequestAsync(() => chart.Locator("circle.point[data-term='pipeline'][data-year='2014']").ClickAsync(),
            request => request.IsNavigationRequest);
        var url = new Uri(opened.Url);
        Assert.Equal("/", url.AbsolutePath);
        Assert.Equal("?view=kwic&q=pipeline&year=2014", url.Query);
    }

    [Fact]
    public async Task Trend_links_carry_the_filters_and_the_tab_opens_the_view()
    {
        await _page.GotoAsync("/?q=pipeline&source=news");
        await _page.Locator("#stats-tabs button[data-view='trend']").ClickAsync();
        await Assertions.Expect(_page.Locator("#stats-view svg.trend-chart")).ToBeVisibleAsync();
        // The search rewrites the URL to add the corpus fingerprint; the open view stays in it (a reload keeps it).
        await _page.WaitForFunctionAsync("() => location.search.includes('fp=')");
        Assert.Contains("view=trend", _page.Url);
        var link = _page.Locator("#stats-view table.trend-table a[data-term='pipeline']").First;
        Assert.Equal("/?view=kwic&q=pipeline&year=2017&source=news", await link.GetAttributeAsync("href"));
    }

    [Fact]
    public async Task Split_by_source_type_draws_a_chart_per_source_and_its_years_open_that_sources_concordance()
    {
        await _page.GotoAsync("/?q=pipeline&view=trend");
        await Assertions.Expect(_page.Locator("#stats-view svg.trend-chart")).ToHaveCountAsync(1);
        await _page.Locator("#trend-by-source").CheckAsync();
        var sections = _page.Locator("#stats-view section.trend-source");
        await Assertions.Expect(sections.Last).ToBeVisibleAsync();
        // One section per source type with text, in order (other tests of the shared server may add documents).
        var sources = await sections.EvaluateAllAsync<string[]>("s => s.map(x => x.dataset.source)");
        Assert.Equal(sources.Order(StringComparer.Ordinal), sources);
        Assert.Subset(sources.ToHashSet(), new HashSet<string> { "academic", "explainer", "forum", "news" });
        Assert.Contains("bySource=true", _page.Url);

        // By hand (engine TrendTests): the forums' 2 in 2014 (1,504 words: 13.30 per 10k); the news' 1 in 2017 (421 words).
        var forum = _page.Locator("#stats-view section.trend-source[data-source='forum']");
        await Assertions.Expect(forum.Locator("svg.trend-chart")).ToBeVisibleAsync();
        var forum2014 = forum.Locator("table.trend-table tbody tr[data-year='2014']");
        await Assertions.Expect(forum2014.Locator("td.rate")).ToHaveTextAsync("13.30");
        Assert.Equal("/?view=kwic&q=pipeline&year=2014&source=forum", await forum2014.Locator("a[data-term='pipeline']").GetAttributeAsync("href"));
        var news = _page.Locator("#stats-view section.trend-source[data-source='news']");
        await Assertions.Expect(news.Locator("table.trend-table tbody tr[data-year='2017'] td.count")).ToHaveTextAsync("1");
        await Assertions.Expect(news.Locator("table.trend-table tbody tr[data-year='2014']")).ToHaveCountAsync(0);
        Directory.CreateDirectory(Artifacts.Screenshots);
        await _page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, "trend-by-source.png"), FullPage = true });

        // Unchecked, one chart again, and the URL forgets the split.
        await _page.Locator("#trend-by-source").UncheckAsync();
        await Assertions.Expect(_page.Locator("#stats-view section.trend-source")).ToHaveCountAsync(0);
        await Assertions.Expect(_page.Locator("#stats-view svg.trend-chart")).ToHaveCountAsync(1);
        Assert.DoesNotContain("bySource", _page.Url);
    }

    [Fact]
    public async Task Distinctive_words_of_the_forums_and_the_dispersion_strips()
    {
        await _page.GotoAsync("/?source=forum&view=keywords");
        await Assertions.Expect(_page.Locator("#stats-view table.keywords-table tr[data-word='ukraine']")).ToBeVisibleAsync();

        await _page.GotoAsync("/?q=pipeline&view=dispersion");
        var row = _page.Locator("#stats-view li.dispersion-row[data-doc='forum-better-ally']");
        await Assertions.Expect(row.Locator(".dispersion-count")).ToHaveTextAsync("2");
        await Assertions.Expect(row.Locator("rect.mark")).ToHaveCountAsync(2);
        Directory.CreateDirectory(Artifacts.Screenshots);
        await _page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Screenshots, "dispersion.png") });
    }
}
