using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Indexing;

/// <summary>The corpus fingerprint (issue 17): the same for the same documents and settings, different after one edit.</summary>
public sealed class CorpusFingerprintTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _corpus;

    public CorpusFingerprintTests()
    {
        _corpus = _temp.File("corpus");
        Reliability.SyntheticCorpus.CopySeeds(_corpus);
    }

    public void Dispose() => _temp.Dispose();

    private string Build(string index, bool rebuild = false)
    {
        IndexBuilder.Update(new FolderCorpusSource(_corpus), index, new BuildOptions { Rebuild = rebuild });
        using var searcher = new Searcher(index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        return searcher.CorpusFingerprint();
    }

    private static string StoredFingerprint(string index) =>
        IndexDirectory.ReadCommit(index)!.UserData[IndexSchema.ResultsFingerprintKey];

    [Fact]
    public void SameCorpus_SameFingerprint_AcrossRebuildsAndFolders_ThoughTheGenerationDiffers()
    {
        var first = Build(_temp.File("a"));
        var generation = IndexFolder.Generation(_temp.File("a"));
        Assert.Matches("^sha256:[0-9a-f]{16}$", first);
        Assert.Equal(first, StoredFingerprint(_temp.File("a")));
        Assert.Equal(first, Build(_temp.File("a"), rebuild: true));
        Assert.NotEqual(generation, IndexFolder.Generation(_temp.File("a")));
        Assert.Equal(first, Build(_temp.File("b")));
    }

    [Fact]
    public void TouchingAFile_KeepsIt_EditingOneDocument_ChangesIt_AndAnUpdateAgreesWithARebuild()
    {
        var index = _temp.File("i");
        var original = Build(index);
        var file = Directory.GetFiles(_corpus).First(f => File.ReadAllText(f).Contains("ambition to reach warm waters", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(5));
        Assert.Equal(original, Build(index)); // the listing hash changed, the content did not

        File.WriteAllText(file, File.ReadAllText(file).Replace("ambition to reach warm waters", "ambition to reach warm seas", StringComparison.Ordinal));
        var edited = Build(index);
        Assert.NotEqual(original, edited);
        Assert.Equal(edited, Build(_temp.File("fresh"), rebuild: true)); // over all documents, not only the changed one
    }

    [Fact]
    public void ACommitWithoutIt_OlderIndexes_HasItComputedOnOpen()
    {
        var index = _temp.File("old");
        var fingerprint = Build(index);
        IndexFolder.SetUserData(index, IndexSchema.ResultsFingerprintKey, "");
        using var searcher = new Searcher(index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        Assert.Equal(fingerprint, searcher.CorpusFingerprint());
        Assert.Equal(fingerprint, searcher.Stats().CorpusFingerprint);
    }

    [Fact]
    public void TheDocValuesColumn_AndTheStoredRecords_GiveTheSameFingerprint()
    {
        var index = _temp.File("columns");
        var fingerprint = Build(index);
        using var directory = Lucene.Net.Store.FSDirectory.Open(index);
        using var reader = Lucene.Net.Index.DirectoryReader.Open(directory);
        var stored = ResultsFingerprint.Documents(reader);
        Assert.Equal(5, stored.Count);
        Assert.Equal(fingerprint, ResultsFingerprint.Compute(reader));
        Assert.Equal(fingerprint, ResultsFingerprint.Of(stored.Select(d => (d.DocId, d.ContentHash))));
    }

    [Fact]
    public void SettingsName_TheSchema_TheAnalysis_AndTheSimilarity()
    {
        Assert.Contains($"schema={IndexSchema.Version}", ResultsFingerprint.Settings);
        Assert.Contains("Porter", ResultsFingerprint.Settings);
        Assert.Contains("BM25(k1=1.2,b=0.75)", ResultsFingerprint.Settings);
        Assert.NotEqual(ResultsFingerprint.Of([("a", "1")]), ResultsFingerprint.Of([("a", "2")]));
        Assert.Equal(ResultsFingerprint.Of([("a", "1"), ("b", "2")]), ResultsFingerprint.Of([("b", "2"), ("a", "1")]));
    }
}
