using System.Text;
using PakRussia.Search.Indexing;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>
/// A corpus with files the indexer skips (binary, empty, unsupported, dangling link, invalid manifest entry) is still
/// an unchanged corpus when nothing in it changes: the commands that read the index do not rebuild it. (The audit saw
/// every <c>search</c>, <c>docs</c> and <c>show</c> rebuild and swap the index when one binary file was in the corpus.)
/// </summary>
public sealed class SkippedFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _corpus;
    private readonly string _index;

    public SkippedFilesTests()
    {
        _corpus = _folder.File("corpus");
        _index = _folder.File("index");
        Directory.CreateDirectory(_corpus);
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(file, Path.Combine(_corpus, Path.GetFileName(file)));
        }

        File.WriteAllBytes(Path.Combine(_corpus, "binary.txt"), [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xFF, 0x10]);
        File.WriteAllBytes(Path.Combine(_corpus, "empty.txt"), []);
        File.WriteAllText(Path.Combine(_corpus, "notes.docx"), "not a supported type");
        File.CreateSymbolicLink(Path.Combine(_corpus, "dangling.txt"), Path.Combine(_corpus, "missing-target.txt"));
        File.WriteAllBytes(Path.Combine(_corpus, "invalid.txt"), [.. Encoding.UTF8.GetBytes("Pakistan and Russia "), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(" talked.")]);
    }

    public void Dispose() => _folder.Dispose();

    private (int Exit, string Output, string Error) Cli(params string[] args) =>
        SeedIndex.RunCli([.. args, "--index", _index, "--corpus", _corpus]);

    /// <summary>The latest commit's generation id and the folder's files: equal means nothing was rebuilt or swapped.</summary>
    private string Commit() =>
        IndexDirectory.ReadCommit(_index)!.Id + " " + string.Join(',', IndexFolder.Files(_index));

    [Fact]
    public void ReadCommands_OnACorpusWithSkippedFiles_DoNotRebuild()
    {
        var build = Cli("index");
        Assert.Equal(0, build.Exit);
        Assert.Contains("binary.txt", build.Error + build.Output);
        var before = Commit();

        foreach (var command in new[] { new[] { "search", "russia" }, ["docs"], ["show", "news-ties-closer.p3"], ["search", "pakistan"], ["index"] })
        {
            var run = Cli(command);
            Assert.True(run.Exit == 0, $"{string.Join(' ', command)}: exit {run.Exit}\n{run.Error}");
            Assert.Equal(before, Commit());
        }
    }

    [Fact]
    public void ASkippedFileThatChanges_IsNoticed()
    {
        Assert.Equal(0, Cli("index").Exit);
        var before = Commit();
        File.WriteAllText(Path.Combine(_corpus, "empty.txt"), "Pakistan and Russia signed a new accord on gas pipelines in the spring.");
        Assert.Equal(0, Cli("search", "accord").Exit);
        Assert.NotEqual(before.Split(' ')[0], Commit().Split(' ')[0]);
    }
}
