using PakRussia.Search.Corpus;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Corpus;

public sealed class ManifestAndHashTests : IDisposable
{
    private const string AcademicSeed = "003_43d2772829a17373.txt";
    private readonly TempFolder folder = new();

    public ManifestAndHashTests()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(file, folder.File(Path.GetFileName(file)));
        }
    }

    public void Dispose() => folder.Dispose();

    private IngestedDocument Load(string file)
    {
        var skipped = new List<SkippedFile>();
        return new CorpusLoader().Load(folder.Path, skipped).Single(d => d.SourcePath == file);
    }

    [Fact]
    public void ContentHash_ChangesWhenTheFileBytesChange()
    {
        var before = Load(AcademicSeed).ContentHash;
        File.AppendAllText(folder.File(AcademicSeed), " ");
        Assert.NotEqual(before, Load(AcademicSeed).ContentHash);
    }

    [Fact]
    public void ContentHash_ChangesWhenTheManifestEntryChanges_AndOnlyForThatDocument()
    {
        var academic = Load(AcademicSeed).ContentHash;
        var news = Load("001_ff1bd289127fdaa9.txt").ContentHash;
        var manifest = File.ReadAllText(folder.File("manifest.json"));
        File.WriteAllText(folder.File("manifest.json"), manifest.Replace("\"date\": \"2019\"", "\"date\": \"2019-06\""));

        Assert.NotEqual(academic, Load(AcademicSeed).ContentHash);
        Assert.Equal(news, Load("001_ff1bd289127fdaa9.txt").ContentHash);
    }

    [Fact]
    public void ContentHash_IsStableAcrossRuns() => Assert.Equal(Load(AcademicSeed).ContentHash, Load(AcademicSeed).ContentHash);

    [Fact]
    public void WithoutManifest_SeedsGetMetadataInferredFromTheirText()
    {
        File.Delete(folder.File("manifest.json"));
        var skipped = new List<SkippedFile>();
        var documents = new CorpusLoader().Load(folder.Path, skipped).ToDictionary(d => d.SourcePath);

        var academic = documents[AcademicSeed].Metadata;
        Assert.True(academic.Inferred);
        Assert.Equal("003_43d2772829a17373", academic.DocId);
        Assert.Equal("academic", academic.SourceType);
        Assert.Equal("2019-05-30", academic.Date);
        Assert.Equal(DatePrecision.Day, academic.DatePrecision);
        Assert.Contains("30/05/2019", academic.DateEvidence);
        Assert.Equal("Russia’s Policy, Interests and Goals in Afghanistan", academic.Title);

        Assert.Equal("forum", documents["000_17ff5d4668f914f4.txt"].Metadata.SourceType);
        Assert.Equal("Russia can't find a better ally than Pakistan in the region.", documents["000_17ff5d4668f914f4.txt"].Metadata.Title);
        Assert.Equal("forum", documents["004_7a8e4cebb9525fcd.txt"].Metadata.SourceType);
        Assert.Equal("news", documents["001_ff1bd289127fdaa9.txt"].Metadata.SourceType);
        Assert.Equal("explainer", documents["002_f773195a77edf394.txt"].Metadata.SourceType);
    }

    [Fact]
    public void ForumWithoutManifest_IsNotDatedByTheJoinDateAtTheTop()
    {
        File.Delete(folder.File("manifest.json"));
        var forum = Load("004_7a8e4cebb9525fcd.txt").Metadata;
        Assert.NotEqual("2017-03-04", forum.Date);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("{ \"documents\": { \"003_43d2772829a17373.txt\": { \"docId\": \"Bad Id!\", \"title\": \"t\", \"sourceType\": \"academic\" } } }", "docId")]
    [InlineData("{ \"documents\": { \"003_43d2772829a17373.txt\": { \"title\": \"no id\" } } }", "manifest entry")]
    public void BadManifest_IsReportedAndTheDocumentStillLoadsWithInferredMetadata(string manifest, string problem)
    {
        File.WriteAllText(folder.File("manifest.json"), manifest);
        var skipped = new List<SkippedFile>();
        var academic = new CorpusLoader().Load(folder.Path, skipped).Single(d => d.SourcePath == AcademicSeed);

        Assert.True(academic.Metadata.Inferred);
        Assert.Contains(skipped, s => s.Path == "manifest.json" && s.Reason.Contains(problem, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void InferredIds_NeverTakeAnIdTheManifestAssigns()
    {
        File.WriteAllText(folder.File("forum-better-ally.txt"), "A short note about Pakistan and Russia.");
        var skipped = new List<SkippedFile>();
        var ids = new CorpusLoader().Load(folder.Path, skipped).Select(d => d.Metadata.DocId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains("forum-better-ally-2", ids);
    }
}
