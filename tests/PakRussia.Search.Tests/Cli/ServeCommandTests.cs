using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Cli;

/// <summary><c>pakrussia serve</c> refuses impossible settings before it starts anything (exit 2, one line).</summary>
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("--port", "0", "--port must be between 1 and 65535")]
    [InlineData("--port", "70000", "--port must be between 1 and 65535")]
    [InlineData("--budget-ms", "0", "--budget-ms must be 1 or more")]
    [InlineData("--requests-per-second", "0", "--requests-per-second")]
    [InlineData("--concurrent-queries", "0", "--concurrent-queries between 1 and 1024")]
    [InlineData("--concurrent-queries", "5000", "--concurrent-queries between 1 and 1024")]
    [InlineData("--cache-mb", "-1", "--cache-mb between 0 and 65536")]
    public void Serve_ImpossibleSetting_ExitsTwoWithTheReason(string option, string value, string message)
    {
        using var folder = new TempFolder();
        var (exit, output, error) = SeedIndex.RunCli("serve", option, value, "--index", folder.File("never"), "--corpus", folder.Path);
        Assert.Equal(2, exit);
        Assert.Contains(message, error);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(folder.File("never")) || File.Exists(folder.File("never")), "nothing is built for a server that does not start");
    }
}
