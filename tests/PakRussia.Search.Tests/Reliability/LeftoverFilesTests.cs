using PakRussia.Search.Indexing;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>
/// Files a build killed before its commit leaves in the index folder are removed by the next build and reported, even
/// when the corpus is unchanged (the next build has nothing else to do); the commit that answers is untouched.
/// </summary>
public sealed class LeftoverFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AnUnchangedCorpus_StillRemovesAndReportsAKilledBuildsFiles()
    {
        var index = _folder.File("index");
        Assert.Equal(0, SeedIndex.RunCli("index", "--index", index, "--corpus", RepoPaths.Seeds).Exit);
        var generation = IndexFolder.Generation(index);
        var files = IndexFolder.Files(index);

        // What a killed build leaves: segment files the commit does not name (a copy of a real one, and a torn one).
        var largest = Path.Combine(index, IndexFolder.LargestFile(index));
        File.Copy(largest, Path.Combine(index, "_zz" + Path.GetExtension(largest)));
        File.WriteAllBytes(Path.Combine(index, "_zz_Lucene41_0.doc"), new byte[100]);
        Assert.Equal(new[] { "_zz_Lucene41_0.doc", "_zz" + Path.GetExtension(largest) }.Order(StringComparer.Ordinal), IndexDirectory.Leftovers(index));

        var run = SeedIndex.RunCli("index", "--index", index, "--corpus", RepoPaths.Seeds);
        Assert.Equal(0, run.Exit);
        Assert.Contains("is up to date", run.Output);
        Assert.Contains("removed 2 file(s) an interrupted build had left", run.Output);
        Assert.Equal(files, IndexFolder.Files(index));
        Assert.Equal(generation, IndexFolder.Generation(index));
        Assert.Empty(IndexDirectory.Leftovers(index));

        var again = SeedIndex.RunCli("index", "--index", index, "--corpus", RepoPaths.Seeds, "--json");
        Assert.Equal(0, again.Exit);
        Assert.Equal(0, System.Text.Json.JsonDocument.Parse(again.Output).RootElement.GetProperty("leftoversRemoved").GetInt32());
    }

    [Fact]
    public void ARebuild_ReportsTheFilesItRemoved()
    {
        var index = _folder.File("index");
        Assert.Equal(0, SeedIndex.RunCli("index", "--index", index, "--corpus", RepoPaths.Seeds).Exit);
        File.WriteAllBytes(Path.Combine(index, "_zz.fdt"), new byte[100]);
        var run = SeedIndex.RunCli("index", "--rebuild", "--json", "--index", index, "--corpus", RepoPaths.Seeds);
        Assert.Equal(0, run.Exit);
        Assert.Equal(1, System.Text.Json.JsonDocument.Parse(run.Output).RootElement.GetProperty("leftoversRemoved").GetInt32());
        Assert.False(File.Exists(Path.Combine(index, "_zz.fdt")));
    }
}
