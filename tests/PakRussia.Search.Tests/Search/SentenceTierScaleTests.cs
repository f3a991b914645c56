using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.Reliability;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Search;

/// <summary>
/// A sentence-like query over enough passages that it is not relaxed (more than <see cref="Searcher.MinimumListed"/>
/// passages have two of its three words), so Lucene's scorer counts the words each passage has (the seeds are small
/// enough that every sentence query is relaxed to one word, where the words are read per segment instead). Built in
/// one segment and in several; the expected tiers are counted from the postings by hand.
/// </summary>
public sealed class SentenceTierScaleTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private const string Query = "pakistan russia pipeline";
    private static readonly string[] Stems = ["pakistan", "russia", "pipelin"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PassagesWithEveryWord_ComeFirst_AndAreCounted(bool severalSegments)
    {
        var path = _folder.File(severalSegments ? "several" : "one");
        SyntheticCorpus.BuildIndex(path, severalSegments);
        var words = WordsPerPassage(path);
        var withAll = words.Count(p => p.Value == 3);
        var withTwo = words.Count(p => p.Value == 2);
        Assert.True(withAll > 50 && withTwo > Searcher.MinimumListed, $"{withAll} with all three, {withTwo} with two");

        using var searcher = new Searcher(path) { TimeBudget = SeedIndex.QueryBudget };
        var first = searcher.Search(new SearchRequest { Query = Query, PageSize = 100 });
        Assert.Equal(withAll, first.AllWords);
        Assert.Equal(withAll + withTwo, first.Total);
        Assert.DoesNotContain(first.Warnings, w => w.Contains("also showing", StringComparison.Ordinal));

        // Every passage with all three words ranks above every passage with two, whatever their scores.
        var ranked = new List<SearchHit>();
        for (var page = 1; ranked.Count < withAll + 100; page++)
        {
            ranked.AddRange(searcher.Search(new SearchRequest { Query = Query, PageSize = 100, Page = page }).Hits);
        }

        Assert.All(ranked.Take(withAll), h => Assert.Equal(3, words[h.PassageId]));
        Assert.All(ranked.Skip(withAll), h => Assert.Equal(2, words[h.PassageId]));
        Assert.All(ranked.Skip(withAll), h => Assert.Single(h.Missing!));
        // Scores alone would not give that order: some two-word passage outscores some three-word one.
        Assert.True(ranked.Skip(withAll).Max(h => h.Score) > ranked.Take(withAll).Min(h => h.Score));
    }

    /// <summary>How many of the three stems each searchable passage's text has, read from the postings.</summary>
    private static Dictionary<string, int> WordsPerPassage(string path)
    {
        using var directory = FSDirectory.Open(path);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stem in Stems)
        {
            var query = new BooleanQuery
            {
                { new TermQuery(new Term(IndexFields.Text, stem)), Occur.MUST },
                { new TermQuery(new Term(IndexFields.Searchable, "1")), Occur.MUST },
            };
            foreach (var hit in searcher.Search(query, reader.MaxDoc).ScoreDocs)
            {
                var id = searcher.Doc(hit.Doc).Get(IndexFields.PassageId)!;
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        return counts;
    }

    public void Dispose() => _folder.Dispose();
}
