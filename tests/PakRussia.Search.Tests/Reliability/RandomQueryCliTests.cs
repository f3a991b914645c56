using PakRussia.Search.Tests.TestSupport;
using Xunit.Abstractions;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>
/// Seeded random queries through the real command line over the seeds (lenient and strict, with and without --json):
/// each one searches (exit 0 or 1) or is refused as bad input (exit 2) — never an index problem, a crash, a stack trace,
/// an exception name or the engine's words — and the index keeps every passage. Replay a failure with
/// PAKRUSSIA_FUZZ_SEED=&lt;seed&gt;; PAKRUSSIA_FUZZ_COUNT sets how many (10,000 by default).
/// </summary>
public sealed class RandomQueryCliTests(SeedIndex seeds, ITestOutputHelper output) : IClassFixture<SeedIndex>
{
    [Fact]
    public void RandomQueries_ThroughTheCommandLine_AreSearchedOrRefused()
    {
        var seed = RandomQueries.Seed();
        var count = RandomQueries.Count(10_000);
        output.WriteLine($"PAKRUSSIA_FUZZ_SEED={seed} PAKRUSSIA_FUZZ_COUNT={count}");
        var random = new Random(seed);
        var exits = new int[4];
        for (var i = 0; i < count; i++)
        {
            var query = RandomQueries.Generate(random);
            string[] args = (i % 4) switch
            {
                0 => ["search", query],
                1 => ["search", query, "--strict"],
                2 => ["search", query, "--json"],
                _ => ["search", query, "--any", "--top", "3"],
            };
            var run = seeds.Cli(args);
            var name = $"seed {seed}, query #{i} {RandomQueries.Show(query)} ({string.Join(' ', args.Skip(2))})";
            Assert.True(run.Exit is 0 or 1 or 2, $"{name}: exit {run.Exit}\n{run.Error}");
            exits[run.Exit]++;
            CliOutcome.NoInternals(name, run.Error);
            if (run.Exit == 2)
            {
                Assert.StartsWith("error: ", run.Error);
            }
        }

        Assert.Equal(seeds.Summary.Passages, seeds.Searcher.Stats().Passages);
        output.WriteLine($"{count} queries: {exits[0]} found, {exits[1]} nothing found, {exits[2]} refused as bad input; 0 crashes, 0 index problems");
        Assert.True(exits[0] > count / 10, "the generator should produce many queries that find something");
    }
}
