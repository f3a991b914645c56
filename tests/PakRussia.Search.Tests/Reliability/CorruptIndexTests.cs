using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>
/// Index files that are not (or no longer) a usable index: each is reported with exit 3 and a message naming the
/// fix, is never used halfway, never overwritten by a read command, and <c>index --rebuild</c> replaces it.
/// </summary>
public sealed class CorruptIndexTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    public static TheoryData<string> Kinds => ["random bytes", "zero bytes", "schema version 99", "another program's database", "truncated", "overwritten pages"];

    private void Make(string kind, string path)
    {
        switch (kind)
        {
            case "random bytes":
                File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(64 * 1024));
                break;
            case "zero bytes":
                File.WriteAllBytes(path, []);
                break;
            case "schema version 99":
                File.Copy(seeds.IndexPath, path);
                Execute(path, "PRAGMA user_version = 99");
                break;
            case "another program's database":
                Execute(path, "CREATE TABLE passages(x); INSERT INTO passages VALUES ('not ours');");
                break;
            case "truncated":
                // The header (application id, version) is intact, the pages are not.
                var bytes = File.ReadAllBytes(seeds.IndexPath);
                File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
                break;
            case "overwritten pages":
                var whole = File.ReadAllBytes(seeds.IndexPath);
                new Random(3).NextBytes(whole.AsSpan(4096, whole.Length - 8192));
                File.WriteAllBytes(path, whole);
                break;
        }
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ReadCommands_OnABadIndex_ExitThreeAndLeaveTheFileAlone(string kind)
    {
        using var temp = new TempFolder();
        var path = temp.File("bad.db");
        Make(kind, path);
        var before = Hash(path);

        foreach (var args in new[] { new[] { "search", "russia" }, ["search", "pakistan russia", "--json"], ["show", "news-ties-closer.p3"], ["passages", "news-ties-closer"], ["docs"], ["index"] })
        {
            var run = SeedIndex.RunCli([.. args, "--index", path, "--corpus", RepoPaths.Seeds]);
            CliOutcome.Check($"{kind}: {string.Join(' ', args)}", Outcome.IndexProblem, run, "rebuild");
            Assert.Equal("", run.Output.Trim());
            Assert.Equal(before, Hash(path));
        }

        Assert.DoesNotContain(Directory.GetFiles(temp.Path), f => f != path && !f.EndsWith(".lock", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Rebuild_ReplacesABadIndex(string kind)
    {
        using var temp = new TempFolder();
        var path = temp.File("bad.db");
        Make(kind, path);

        var rebuild = SeedIndex.RunCli("index", "--rebuild", "--index", path, "--corpus", RepoPaths.Seeds);
        Assert.True(rebuild.Exit == 0, rebuild.Error);
        var search = SeedIndex.RunCli("search", "russia", "--json", "--index", path, "--corpus", RepoPaths.Seeds);
        Assert.Equal(0, search.Exit);
        Assert.Equal(seeds.Search("russia").Total, System.Text.Json.JsonDocument.Parse(search.Output).RootElement.GetProperty("total").GetInt64());
    }
}
