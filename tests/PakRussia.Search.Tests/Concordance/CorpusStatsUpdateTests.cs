using PakRussia.Search.Concordance;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Concordance;

/// <summary>
/// After an update replaces a document, its old passages are deleted but still in their segment: trend and keywords
/// must count the live passages only (the cached per-segment totals and the postings' total frequencies include the
/// deleted ones, so those paths must not be taken).
/// </summary>
public sealed class CorpusStatsUpdateTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void AReplacedDocument_CountsOnce_WithItsNewText()
    {
        var corpus = _folder.File("corpus");
        Directory.CreateDirectory(corpus);
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
            File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        var index = _folder.File("index");
        IndexBuilder.Update(new FolderCorpusSource(corpus), index);
        using (var before = new Searcher(index) { TimeBudget = TimeSpan.FromMinutes(1) })
        {
            Assert.Equal(1, before.Trend(new TrendRequest { Terms = ["pipeline"] }).Years.Single(y => y.Year == 2017).Counts["pipeline"]);
            before.Keywords(new KeywordRequest { Target = new SearchRequest { Sources = ["forum"] } }); // fills the per-segment caches
        }

        // news-ties-closer (2017) gets one more paragraph with "pipeline" twice (13 words: A second pipeline is planned, and the pipeline will run north to Lahore).
        File.AppendAllText(Path.Combine(corpus, "001_ff1bd289127fdaa9.txt"), "\n\nA second pipeline is planned, and the pipeline will run north to Lahore.\n");
        IndexBuilder.Update(new FolderCorpusSource(corpus), index);
        using var after = new Searcher(index) { TimeBudget = TimeSpan.FromMinutes(1) };
        var y2017 = after.Trend(new TrendRequest { Terms = ["pipeline"] }).Years.Single(y => y.Year == 2017);
        Assert.Equal(3, y2017.Counts["pipeline"]);
        Assert.Equal(1945 + 13, y2017.Words);
        Assert.Equal(2, y2017.TotalDocuments);
        Assert.Equal(1, y2017.Documents["pipeline"]);

        var news = after.Keywords(new KeywordRequest { Target = new SearchRequest { Sources = ["news"] }, MinFrequency = 3, Top = 500 });
        var pipeline = Assert.Single(news.Keywords, k => k.Word == "pipeline");
        // 3 in the news document now; elsewhere 2 (forum 2014) + 1 (academic 2019), the old news passages not counted.
        Assert.Equal((3, 3), (pipeline.Frequency, pipeline.ReferenceFrequency));
        Assert.Equal(421 + 13, news.TargetWords);
    }

    public void Dispose() => _folder.Dispose();
}
