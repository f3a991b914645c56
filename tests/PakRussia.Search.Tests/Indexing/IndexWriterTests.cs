using Lucene.Net.Index;
using Lucene.Net.Store;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;
using Directory = System.IO.Directory;

namespace PakRussia.Search.Tests.Indexing;

/// <summary>The build's promises that come from Lucene's writer: one writer at a time, incremental equals rebuild.</summary>
public sealed class IndexWriterTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _corpus;

    public IndexWriterTests()
    {
        _corpus = _temp.File("corpus");
        Reliability.SyntheticCorpus.CopySeeds(_corpus);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ASecondBuildWhileOneRuns_GetsAOneLineMessage_AndTheIndexIsUntouched()
    {
        var index = _temp.File("index");
        IndexBuilder.Update(new FolderCorpusSource(_corpus), index);
        var hash = IndexFolder.Hash(index);
        // Another build holds the index's write lock (Lucene's native lock on write.lock).
        using (var directory = FSDirectory.Open(index))
        using (new IndexWriter(directory, new IndexWriterConfig(PassageAnalyzer.Version, PassageAnalyzer.Index) { OpenMode = OpenMode.APPEND }))
        {
            var error = Assert.Throws<IndexException>(() => IndexBuilder.Update(new FolderCorpusSource(_corpus), index,
                new BuildOptions { Rebuild = true, LockTimeout = TimeSpan.FromMilliseconds(200) }));
            Assert.StartsWith($"Another build of {index} is running", error.Message);
            Assert.DoesNotContain("Exception", error.Message);
        }

        Assert.Equal(hash, IndexFolder.Hash(index));
    }

    [Fact]
    public void AnIncrementalUpdate_AnswersExactlyAsARebuildOfTheSameCorpus()
    {
        var incremental = _temp.File("incremental");
        var rebuilt = _temp.File("rebuilt");
        IndexBuilder.Update(new FolderCorpusSource(_corpus), incremental);
        var news = Path.Combine(_corpus, "001_ff1bd289127fdaa9.txt");
        File.AppendAllText(news, "\n\nA new paragraph: the energy delegation discussed pipeline security in Karachi.\n");
        File.SetLastWriteTimeUtc(news, DateTime.UtcNow.AddMinutes(1));
        File.Delete(Path.Combine(_corpus, "002_f773195a77edf394.txt"));
        File.WriteAllText(Path.Combine(_corpus, "extra.txt"), "Energy talks\n\nPakistan and Russia held talks on energy security and a pipeline.\n");

        var update = IndexBuilder.Update(new FolderCorpusSource(_corpus), incremental);
        Assert.Equal((1, 1, 1), (update.Added, update.Updated, update.Removed));
        IndexBuilder.Update(new FolderCorpusSource(_corpus), rebuilt, new BuildOptions { Rebuild = true });

        using var a = new Searcher(incremental) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        using var b = new Searcher(rebuilt) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        foreach (var query in new[] { "energy", "pipeline security", "russia", "\"warm waters\"", "secur*", "-pakistan" })
        {
            var x = a.Search(new SearchRequest { Query = query, PageSize = 20 });
            var y = b.Search(new SearchRequest { Query = query, PageSize = 20 });
            Assert.Equal(y.Total, x.Total);
            Assert.Equal(y.Hits.Select(h => (h.PassageId, h.Score, h.Duplicates.Count)), x.Hits.Select(h => (h.PassageId, h.Score, h.Duplicates.Count)));
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(y.Facets), System.Text.Json.JsonSerializer.Serialize(x.Facets));
        }

        Assert.Equal(b.Documents().Select(d => d.DocId).Order(), a.Documents().Select(d => d.DocId).Order());
    }

    [Fact]
    public void AnUnchangedCorpus_WritesNothing()
    {
        var index = _temp.File("index");
        IndexBuilder.Update(new FolderCorpusSource(_corpus), index);
        var files = IndexFolder.Files(index);
        var hash = IndexFolder.Hash(index);
        var again = IndexBuilder.Update(new FolderCorpusSource(_corpus), index);
        Assert.True(again.UpToDate);
        Assert.Equal(files, IndexFolder.Files(index));
        Assert.Equal(hash, IndexFolder.Hash(index));
        Assert.False(File.Exists(Path.Combine(index, "write.lock")) && !Directory.Exists(index));
    }

    [Fact]
    public void ABuildUsesSeveralThreads_AndGivesTheSameIndexAsOne()
    {
        var documents = Reliability.SyntheticCorpus.Documents(documents: 300, paragraphs: 5, seed: 5).ToList();
        var one = _temp.File("one");
        var two = _temp.File("two");
        IndexBuilder.BuildFrom(documents, one, "synthetic", options: new BuildOptions { Threads = 1 });
        IndexBuilder.BuildFrom(documents, two, "synthetic", options: new BuildOptions { Threads = 2 });
        using var a = new Searcher(one) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        using var b = new Searcher(two) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        foreach (var query in new[] { "pakistan", "energy trade", "moscow OR islamabad" })
        {
            var x = a.Search(new SearchRequest { Query = query, PageSize = 50 });
            var y = b.Search(new SearchRequest { Query = query, PageSize = 50 });
            Assert.Equal(x.Total, y.Total);
            Assert.Equal(x.Hits.Select(h => (h.PassageId, h.Score)), y.Hits.Select(h => (h.PassageId, h.Score)));
        }

        Assert.Equal(a.Documents().Select(d => d.DocId), b.Documents().Select(d => d.DocId));
    }
}
