using PakRussia.Search.Corpus;

namespace PakRussia.Search.Tests.Corpus;

public sealed class SeedMetadataTests(SeedCorpus seeds) : IClassFixture<SeedCorpus>
{
    [Fact]
    public void Load_Seeds_ReadsAllFiveDocumentsInFileOrderAndSkipsNothing()
    {
        Assert.Empty(seeds.Skipped);
        Assert.Equal(
            ["000_17ff5d4668f914f4.txt", "001_ff1bd289127fdaa9.txt", "002_f773195a77edf394.txt", "003_43d2772829a17373.txt", "004_7a8e4cebb9525fcd.txt"],
            seeds.Documents.Select(d => d.SourcePath));
    }

    [Theory]
    [InlineData("000_17ff5d4668f914f4.txt", SeedCorpus.ForumBetterAlly, "forum", "2014")]
    [InlineData("001_ff1bd289127fdaa9.txt", SeedCorpus.News, "news", "2017")]
    [InlineData("002_f773195a77edf394.txt", SeedCorpus.Explainer, "explainer", "2023")]
    [InlineData("003_43d2772829a17373.txt", SeedCorpus.Academic, "academic", "2019")]
    [InlineData("004_7a8e4cebb9525fcd.txt", SeedCorpus.ForumAfghanistan, "forum", "2017")]
    public void Load_Seeds_TakesMetadataFromTheManifest(string file, string docId, string sourceType, string date)
    {
        var metadata = seeds.Documents.Single(d => d.SourcePath == file).Metadata;
        Assert.Equal(docId, metadata.DocId);
        Assert.Equal(sourceType, metadata.SourceType);
        Assert.Equal(date, metadata.Date);
        Assert.Equal(DatePrecision.Year, metadata.DatePrecision);
        Assert.Equal(int.Parse(date), metadata.Year);
        Assert.False(metadata.Inferred);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Title));
        Assert.True(DocIds.IsValid(metadata.DocId));
        Assert.True(metadata.DateEvidence is { Length: > 40 }, "the evidence for the date is a sentence");
    }

    [Theory]
    [InlineData(SeedCorpus.ForumBetterAlly, "May 3, 2009")]
    [InlineData(SeedCorpus.ForumAfghanistan, "Mar 4, 2017")]
    public void Manifest_ForumDates_ExplainThatThePageDateIsAJoinDate(string docId, string joinDate)
    {
        var evidence = seeds.Get(docId).Metadata.DateEvidence!;
        Assert.Contains(joinDate, evidence);
        Assert.Contains("join date", evidence);
    }

    [Fact]
    public void ContentHashes_AreDistinctPerDocument() =>
        Assert.Equal(seeds.Documents.Count, seeds.Documents.Select(d => d.ContentHash).Distinct().Count());
}
