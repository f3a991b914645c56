using Xunit.Abstractions;

namespace PakRussia.Search.Web.Tests.Reliability;

/// <summary>
/// Seeded random queries through a real server (lenient and strict, all words and any word, with filters and pages):
/// each is a 200 or a 4xx problem+json — never a 5xx, a stack trace, an exception name or the engine's words — and the
/// server still answers /health afterwards. Replay a failure with PAKRUSSIA_FUZZ_SEED=&lt;seed&gt;;
/// PAKRUSSIA_FUZZ_COUNT sets how many (10,000 by default).
/// </summary>
/// <remarks>
/// The server's time budget is a minute, not a second: a query past its budget is a correct 503, but on a busy machine
/// the 1 s budget can be spent by waiting for a core, and this test must not depend on the machine's speed.
/// </remarks>
public sealed class RandomQueryHttpTests(ITestOutputHelper output) : IAsyncLifetime
{
    private KestrelServer _server = null!;

    public async Task InitializeAsync() => _server = await KestrelServer.Start(o => o with { QueryTimeBudget = TimeSpan.FromMinutes(1) });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RandomQueries_ThroughHttp_AreAnsweredOrRefusedWithA4xx()
    {
        var seed = RandomQueries.Seed();
        var count = RandomQueries.Count(10_000);
        output.WriteLine($"PAKRUSSIA_FUZZ_SEED={seed} PAKRUSSIA_FUZZ_COUNT={count}");
        var random = new Random(seed);
        var statuses = new SortedDictionary<int, int>();
        for (var i = 0; i < count; i++)
        {
            var query = RandomQueries.Generate(random);
            var extra = (i % 5) switch
            {
                0 => "",
                1 => "&strict=true",
                2 => "&any=true&size=3",
                3 => "&source=forum&page=2",
                _ => "&year=2017&sort=date",
            };
            var target = "api/search?q=" + Uri.EscapeDataString(query) + extra;
            using var response = await _server.Client.GetAsync(target);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var name = $"seed {seed}, query #{i} {RandomQueries.Show(query)} ({extra})";
            Assert.True(status is 200 or (>= 400 and < 500), $"{name}: {status} {body}");
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.DoesNotContain("   at ", body);
            foreach (var message in EngineWordsTests.Messages(response.Content.Headers.ContentType?.MediaType, body))
            {
                Assert.False(EngineWordsTests.EngineWords().IsMatch(message), $"{name}: '{EngineWordsTests.EngineWords().Match(message).Value}' in \"{message}\"");
            }

            if (status != 200)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        using var health = await _server.Client.GetAsync("health");
        Assert.Equal(200, (int)health.StatusCode);
        output.WriteLine($"{count} queries: " + string.Join(", ", statuses.Select(s => $"{s.Value} × {s.Key}")) + "; 0 × 5xx");
        Assert.True(statuses.GetValueOrDefault(200) > count / 4, "the generator should produce many queries that are answered");
    }
}
