using Lucene.Net.Index;
using Lucene.Net.Store;
using Directory = System.IO.Directory;
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

        _index = _temp.File("index/pakrussia");
    }

    public void Dispose() => _temp.Dispose();

    private BuildSummary Build(BuildOptions? options = null) => IndexBuilder.Update(new FolderCorpusSource(_corpus), _index, options);

    [Fact]
    public void SecondBuild_OnAnUnchangedCorpus_DoesNoWork()
    {
        var first = Build();
        Assert.False(first.UpToDate);
        Assert.Equal(5, first.Added);
        var generation = new Searcher(_index) { TimeBudget = TestSupport.SeedIndex.QueryBudget }.Stats().Generation;

        var second = Build();
        Assert.True(second.UpToDate);
        Assert.Equal(first.Passages, second.Passages);
        Assert.Equal(generation, new Searcher(_index) { TimeBudget = TestSupport.SeedIndex.QueryBudget }.Stats().Generation); // the file was not rewritten
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

        var searcher = new Searcher(_index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        Assert.Equal(1, searcher.Search(new SearchRequest { Query = "zanzibarian" }).Total);
        Assert.Equal(1, searcher.Search(new SearchRequest { Query = "quokka delegation" }).Total);
        Assert.Equal(0, searcher.Search(new SearchRequest { Query = "Druzhba" }).Total); // only in the removed explainer
        Assert.Equal(5, searcher.Documents().Count);
        Assert.Empty(searcher.Suggest("druzhba")); // the removed document's words left the index's terms
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
        Assert.Contains(new Searcher(_index) { TimeBudget = TestSupport.SeedIndex.QueryBudget }.Documents(), d => d.Title == "Ties that bind");
    }

    [Fact]
    public void BuildThatDiesMidway_LeavesThePreviousIndexAnswering()
    {
        Build();
        var before = new Searcher(_index) { TimeBudget = TestSupport.SeedIndex.QueryBudget }.Search(new SearchRequest { Query = "warm waters" });
        var files = IndexFolder.Files(_index);
        var hash = IndexFolder.Hash(_index);
        File.WriteAllText(Path.Combine(_corpus, "000_new.txt"), "Another forum post about warm waters and the Arabian Sea.\n");
        File.WriteAllText(Path.Combine(_corpus, "zzz_new.txt"), "Yet another document.\n");

        // The progress callback runs after each document: throwing there is a crash in the middle of the build.
        var crash = new BuildOptions { Progress = new CrashAfter(2) };
        Assert.Throws<InvalidOperationException>(() => Build(crash));

        var after = new Searcher(_index) { TimeBudget = TestSupport.SeedIndex.QueryBudget }.Search(new SearchRequest { Query = "warm waters" });
        Assert.Equal(before.Total, after.Total);
        Assert.Equal(before.Hits.Select(h => h.PassageId), after.Hits.Select(h => h.PassageId));
        Assert.Equal(files, IndexFolder.Files(_index)); // the rolled-back build left no file behind
        Assert.Equal(hash, IndexFolder.Hash(_index));
        Assert.True(IndexFolder.IsClean(_index));

        // A file a killed build left behind (not in any commit) is removed by the next build.
        File.WriteAllText(Path.Combine(_index, "_zz9.fdt"), "half a build");
        var summary = Build();
        Assert.Equal(2, summary.Added);
        Assert.False(File.Exists(Path.Combine(_index, "_zz9.fdt")));
        Assert.True(IndexFolder.IsClean(_index));
    }

    [Fact]
    public void AReaderOpenDuringARebuild_KeepsItsGeneration_NewReadersSeeTheNewOne()
    {
        Build();
        using var directory = FSDirectory.Open(_index);
        using var reader = DirectoryReader.Open(directory);
        var oldGeneration = reader.IndexCommit.UserData[IndexSchema.GenerationKey];
        var searcher = new Lucene.Net.Search.IndexSearcher(reader);
        var passages = new Lucene.Net.Search.TermQuery(new Term(IndexFields.Type, IndexFields.PassageType));
        var oldPassages = searcher.Search(passages, 1).TotalHits;
        File.WriteAllText(Path.Combine(_corpus, "added.txt"), "A new post: Pakistan and Russia discuss the okapiword corridor.");
        Build(new BuildOptions { Rebuild = true });
        // The old commit's files are gone from the folder, yet the open reader answers from them whole.
        Assert.Equal(oldGeneration, reader.IndexCommit.UserData[IndexSchema.GenerationKey]);
        var hits = searcher.Search(passages, 1_000);
        Assert.Equal(oldPassages, hits.TotalHits);
        Assert.All(hits.ScoreDocs, hit => Assert.NotNull(searcher.Doc(hit.Doc).Get(IndexFields.StoredText)));
        Assert.NotEqual(oldGeneration, IndexFolder.Generation(_index));
        Assert.True(new Searcher(_index) { TimeBudget = TestSupport.SeedIndex.QueryBudget }.Stats().Passages > oldPassages);
    }

    [Theory]
    [InlineData("random-bytes")]
    [InlineData("foreign-lucene")]
    [InlineData("other-version")]
    public void UnusableIndexFolders_AreRefusedWithAMessageToRebuild(string kind)
    {
        System.IO.Directory.CreateDirectory(_index);
        switch (kind)
        {
            case "random-bytes":
                File.WriteAllBytes(Path.Combine(_index, "segments_1"), Enumerable.Range(0, 8192).Select(i => (byte)(i * 7919 % 251)).ToArray());
                break;
            case "foreign-lucene":
                IndexFolder.WriteForeignIndex(_index);
                break;
            case "other-version":
                Build();
                IndexFolder.SetUserData(_index, IndexSchema.VersionKey, "99");
                break;
        }

        var hash = IndexFolder.Hash(_index);
        var error = Assert.Throws<IndexException>(() => new Searcher(_index) { TimeBudget = TestSupport.SeedIndex.QueryBudget }.Search(new SearchRequest { Query = "russia" }));
        Assert.Contains("pakrussia index --rebuild", error.Message);

        // search never replaces it silently…
        var (exit, _, stderr) = SeedIndex.RunCli("search", "russia", "--index", _index, "--corpus", _corpus);
        Assert.Equal(3, exit);
        Assert.Contains("rebuild", stderr);
        Assert.Equal(hash, IndexFolder.Hash(_index));

        // …but index --rebuild does.
        Assert.Equal(0, SeedIndex.RunCli("index", "--rebuild", "--index", _index, "--corpus", _corpus).Exit);
        Assert.True(new Searcher(_index) { TimeBudget = TestSupport.SeedIndex.QueryBudget }.Search(new SearchRequest { Query = "russia" }).Total > 0);
    }

    /// <summary>A file where the index folder should be (an old single-file index, say) is never deleted, not even by --rebuild.</summary>
    [Fact]
    public void AFileAtTheIndexPath_IsRefusedAndKept()
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(_index)!);
        File.WriteAllText(_index, "SQLite format 3 (an index of an earlier version)");
        foreach (var args in new[] { new[] { "search", "russia" }, ["index", "--rebuild"] })
        {
            var (exit, _, stderr) = SeedIndex.RunCli([.. args, "--index", _index, "--corpus", _corpus]);
            Assert.Equal(3, exit);
            Assert.Contains("is a file, not an index folder", stderr);
        }

        Assert.Equal("SQLite format 3 (an index of an earlier version)", File.ReadAllText(_index));
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
