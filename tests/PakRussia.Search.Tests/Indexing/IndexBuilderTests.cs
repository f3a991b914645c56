using Microsoft.Data.Sqlite;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Indexing;

/// <summary>Atomic and incremental builds on a copy of the real seeds (issue 3).</summary>
public sealed class IndexBuilderTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _corpus;
    private readonly string _index;

    public IndexBuilderTests()
    {
        _corpus = _temp.File("corpus");
        Directory.CreateDirectory(_corpus);
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(file, Path.Combine(_corpus, Path.GetFileName(file)));
        }

        _index = _temp.File("index/pakrussia.db");
    }

    public void Dispose() => _temp.Dispose();

    private BuildSummary Build(BuildOptions? options = null) => IndexBuilder.Update(new FolderCorpusSource(_corpus), _index, options);

    [Fact]
    public void SecondBuild_OnAnUnchangedCorpus_DoesNoWork()
    {
        var first = Build();
        Assert.False(first.UpToDate);
        Assert.Equal(5, first.Added);
        var generation = new Searcher(_index).Stats().Generation;

        var second = Build();
        Assert.True(second.UpToDate);
        Assert.Equal(first.Passages, second.Passages);
        Assert.Equal(generation, new Searcher(_index).Stats().Generation); // the file was not rewritten
    }

    [Fact]
    public void ChangedAddedAndRemovedDocuments_AreUpdated()
    {
        Build();
        var news = Path.Combine(_corpus, "001_ff1bd289127fdaa9.txt");
        File.AppendAllText(news, "\n\nA new paragraph about the zanzibarian delegation visiting Karachi for energy talks.\n");
        File.SetLastWriteTimeUtc(news, DateTime.UtcNow.AddMinutes(1));
        File.WriteAllText(Path.Combine(_corpus, "extra.txt"), "Quokka diplomacy\n\nThe quokka delegation from Perth met officials in Islamabad to discuss trade.\n");
        File.Delete(Path.Combine(_corpus, "002_f773195a77edf394.txt"));

        var summary = Build();
        Assert.Equal(1, summary.Updated);
        Assert.Equal(1, summary.Added);
        Assert.Equal(1, summary.Removed);
        Assert.Equal(3, summary.Unchanged);

        var searcher = new Searcher(_index);
        Assert.Equal(1, searcher.Search(new SearchRequest { Query = "zanzibarian" }).Total);
        Assert.Equal(1, searcher.Search(new SearchRequest { Query = "quokka delegation" }).Total);
        Assert.Equal(0, searcher.Search(new SearchRequest { Query = "Druzhba" }).Total); // only in the removed explainer
        Assert.Equal(5, searcher.Documents().Count);
        Assert.Empty(new SqliteVocabulary(Open()).TermsWithPrefix("druzhba", 5));
    }

    [Fact]
    public void ManifestChange_UpdatesOnlyTheDocumentWhoseEntryChanged()
    {
        Build();
        var manifest = Path.Combine(_corpus, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"Pakistan-Russia ties: What brings them closer\"", "\"Ties that bind\""));
        File.SetLastWriteTimeUtc(manifest, DateTime.UtcNow.AddMinutes(1));
        var summary = Build();
        Assert.Equal(1, summary.Updated);
        Assert.Equal(4, summary.Unchanged);
        Assert.Contains(new Searcher(_index).Documents(), d => d.Title == "Ties that bind");
    }

    [Fact]
    public void BuildThatDiesMidway_LeavesThePreviousIndexAnswering()
    {
        Build();
        var before = new Searcher(_index).Search(new SearchRequest { Query = "warm waters" });
        File.WriteAllText(Path.Combine(_corpus, "000_new.txt"), "Another forum post about warm waters and the Arabian Sea.\n");
        File.WriteAllText(Path.Combine(_corpus, "zzz_new.txt"), "Yet another document.\n");

        // The progress callback runs after each document: throwing there is a crash in the middle of the build.
        var crash = new BuildOptions { Progress = new CrashAfter(2) };
        Assert.Throws<InvalidOperationException>(() => Build(crash));

        var after = new Searcher(_index).Search(new SearchRequest { Query = "warm waters" });
        Assert.Equal(before.Total, after.Total);
        Assert.Equal(before.Hits.Select(h => h.PassageId), after.Hits.Select(h => h.PassageId));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_index)!, "*.building-*"));
        Assert.Equal("ok", QuickCheck());

        // A stale building file from a killed process is cleaned up by the next build.
        File.WriteAllText(_index + ".building-999999", "half a build");
        var summary = Build();
        Assert.Equal(2, summary.Added);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_index)!, "*.building-*"));
        Assert.False(File.Exists(_index + "-wal"));
        Assert.False(File.Exists(_index + "-journal"));
    }

    [Fact]
    public void AReaderOpenDuringARebuild_KeepsItsGeneration_NewReadersSeeTheNewOne()
    {
        Build();
        using var reader = IndexFiles.OpenRead(_index);
        var oldGeneration = Generation(reader);
        Build(new BuildOptions { Rebuild = true });
        Assert.Equal(oldGeneration, Generation(reader)); // still answering from the old file
        using var fresh = IndexFiles.OpenRead(_index);
        Assert.NotEqual(oldGeneration, Generation(fresh));
    }

    [Theory]
    [InlineData("zero-byte")]
    [InlineData("random-bytes")]
    [InlineData("other-sqlite")]
    [InlineData("other-version")]
    public void UnusableIndexFiles_AreRefusedWithAMessageToRebuild(string kind)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_index)!);
        switch (kind)
        {
            case "zero-byte":
                File.WriteAllBytes(_index, []);
                break;
            case "random-bytes":
                File.WriteAllBytes(_index, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7919 % 251)).ToArray());
                break;
            case "other-sqlite":
                using (var other = new SqliteConnection($"Data Source={_index};Pooling=False"))
                {
                    other.Open();
                    using var command = other.CreateCommand();
                    command.CommandText = "CREATE TABLE t(x); INSERT INTO t VALUES (1);";
                    command.ExecuteNonQuery();
                }

                break;
            case "other-version":
                Build();
                using (var old = new SqliteConnection($"Data Source={_index};Pooling=False"))
                {
                    old.Open();
                    using var command = old.CreateCommand();
                    command.CommandText = "PRAGMA user_version = 99";
                    command.ExecuteNonQuery();
                }

                break;
        }

        var bytes = File.ReadAllBytes(_index);
        var error = Assert.Throws<IndexException>(() => new Searcher(_index).Search(new SearchRequest { Query = "russia" }));
        Assert.Contains("pakrussia index --rebuild", error.Message);

        // search never replaces it silently…
        var (exit, _, stderr) = SeedIndex.RunCli("search", "russia", "--index", _index, "--corpus", _corpus);
        Assert.Equal(3, exit);
        Assert.Contains("rebuild", stderr);
        Assert.Equal(bytes, File.ReadAllBytes(_index));

        // …but index --rebuild does.
        Assert.Equal(0, SeedIndex.RunCli("index", "--rebuild", "--index", _index, "--corpus", _corpus).Exit);
        Assert.True(new Searcher(_index).Search(new SearchRequest { Query = "russia" }).Total > 0);
    }

    private SqliteConnection Open() => IndexFiles.OpenRead(_index);

    private string QuickCheck()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check";
        return (string)command.ExecuteScalar()!;
    }

    private static string Generation(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'generation'";
        return (string)command.ExecuteScalar()!;
    }

    private sealed class CrashAfter(int documents) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value)
        {
            if (value.Done >= documents)
            {
                throw new InvalidOperationException("simulated crash");
            }
        }
    }
}
