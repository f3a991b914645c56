using System.Text.Json;

namespace PakRussia.Search.Tests.Cli;

/// <summary>
/// The CLI's process runs with profile-guided optimisation and counts calls for tier promotion from the first call
/// (docs/performance-history.md: "Tiered compilation"): without them the same searches timed 1.3–1.6× slower in
/// <c>bench-contract</c>. Benchmarks show the speed; this keeps the setting from being dropped unnoticed.
/// </summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void TheCliRuntimeConfig_TurnsOnPgo_AndCountsCallsFromTheFirst()
    {
        // The CLI project is referenced, so its runtimeconfig is copied beside this assembly, as the build wrote it.
        var path = Path.Combine(AppContext.BaseDirectory, "pakrussia.runtimeconfig.json");
        Assert.True(File.Exists(path), $"no {path}");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32());
    }
}
