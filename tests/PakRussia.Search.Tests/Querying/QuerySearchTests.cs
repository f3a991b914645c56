using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using PakRussia.Search.Indexing;
using PakRussia.Search.Querying;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Querying;

/// <summary>The query language against an index built from the real seeds (issue 4).</summary>
public sealed class QuerySearchTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    [Fact]
    public void YearRange_ReturnsOnlyPassagesDated2014To2017()
    {
        var response = seeds.Search("year:[2014 TO 2017]", r => r with { PageSize = 100 });
        Assert.True(response.Total > 0);
        Assert.All(response.Hits, h => Assert.InRange(h.Year!.Value, 2014, 2017));
        Assert.Equal(["2014", "2017"], response.Facets.Year.Select(f => f.Value));
    }

    [Fact]
    public void SourceFieldAndPhrase_ReturnsOnlyTheForumPassage()
    {
        var response = seeds.Search("source:forum AND \"warm waters\"");
        var hit = Assert.Single(response.Hits);
        Assert.Equal("forum", hit.SourceType);
        Assert.Contains("<mark>warm waters</mark>", hit.Highlight);
    }

    [Fact]
    public void Proximity_FindsWordsNearEachOther()
    {
        var hit = Assert.Single(seeds.Search("\"reach warm waters\"~3").Hits);
        Assert.Contains("reach warm waters", hit.Text);
        Assert.Empty(seeds.Search("\"reach pipeline\"~1").Hits);
    }

    [Fact]
    public void TitleField_SearchesTitlesOnly()
    {
        var response = seeds.Search("title:ally", r => r with { PageSize = 100 });
        Assert.True(response.Total > 0);
        Assert.All(response.Hits, h => Assert.Contains("ally", h.Title, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("forum-better-ally", Assert.Single(response.Facets.Document).Value);
    }

    [Fact]
    public void Prefix_MatchesAfghanistanAndAfghans()
    {
        var response = seeds.Search("afghan*", r => r with { PageSize = 100 });
        var words = response.Hits.SelectMany(h => h.Matches.Select(m => h.Text[m.Start..m.End].ToLowerInvariant())).ToHashSet();
        Assert.Contains("afghanistan", words);
        Assert.Contains("afghans", words);
    }

    [Fact]
    public void Fuzzy_KremlimFindsKremlin()
    {
        var hit = Assert.Single(seeds.Search("kremlim~").Hits);
        Assert.Contains("Kremlin", hit.Text);
        Assert.Contains("<mark>Kremlin</mark>", hit.Highlight);
    }

    [Fact]
    public void Wildcard_ExpandsAgainstTheVocabulary()
    {
        var response = seeds.Search("ta?iban");
        Assert.True(response.Total > 0);
        Assert.Contains(response.Hits, h => h.Text.Contains("Taliban"));
    }

    [Fact]
    public void NotOnlyQuery_ReturnsEveryPassageWithoutTheWord()
    {
        var without = seeds.Search("NOT taliban", r => r with { PageSize = 100 });
        var with = seeds.Search("taliban");
        var all = seeds.Search("source:forum OR source:news OR source:explainer OR source:academic");
        Assert.Equal(all.Total, without.Total + with.Total);
        Assert.All(without.Hits, h => Assert.DoesNotContain("taliban", h.Text, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(without.Total, seeds.Search("-taliban").Total);
    }

    [Fact]
    public void DidYouMean_SuggestsCorrectionsFromTheIndexVocabulary()
    {
        Assert.Equal("afghanistan", seeds.Search("Afganistan").Suggestion, ignoreCase: true);
        Assert.Equal("pakistan russia", seeds.Search("Pakistn Rusia").Suggestion, ignoreCase: true);
    }

    [Fact]
    public void StrictMode_ThrowsACaretError_LenientRepairs()
    {
        var error = Assert.Throws<QueryParseException>(() => seeds.Search("year:[2014 TO", r => r with { Strict = true }));
        Assert.StartsWith("Cannot parse 'year:[2014 TO'", error.Message);
        var lenient = seeds.Search("\"warm waters");
        Assert.True(lenient.Total > 0);
        Assert.NotEmpty(lenient.Warnings);
    }

    [Fact]
    public void Explain_ShowsTheLuceneQueryAndStopWords()
    {
        var explain = seeds.Search("the role of Russia in Afghanistan", r => r with { Explain = true }).Explain;
        Assert.NotNull(explain);
        Assert.Contains("the", explain.StopWordsDropped);
        Assert.Contains("+all:russia", explain.Match!);
        Assert.Contains("title:russia^0.5", explain.Match!);
        Assert.DoesNotContain(":the", explain.Match!);
        Assert.Contains("MUST Boolean", explain.Tree);
    }

    [Fact]
    public void Flatten_KeepsTheSameHitsAndScores_OnTheSeedIndex()
    {
        // An OR of boosted field groups, as the parser builds "russia OR warm OR pipeline^3": flattening it must not move a score.
        static BooleanQuery Group(string word, float boost)
        {
            var group = new BooleanQuery { Boost = boost };
            group.Add(new TermQuery(new Term(IndexFields.Text, word)), Occur.SHOULD);
            group.Add(new TermQuery(new Term(IndexFields.Title, word)) { Boost = 2f }, Occur.SHOULD);
            return group;
        }

        var nested = new BooleanQuery();
        nested.Add(Group("russia", 1f), Occur.SHOULD);
        nested.Add(Group("warm", 1f), Occur.SHOULD);
        nested.Add(Group("pipelin", 3f), Occur.SHOULD);
        var flat = QueryCompiler.Flatten(nested);
        Assert.Equal(6, Assert.IsType<BooleanQuery>(flat).Clauses.Count);

        using var directory = FSDirectory.Open(seeds.IndexPath);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var before = searcher.Search(nested, 1000).ScoreDocs;
        var after = searcher.Search(flat, 1000).ScoreDocs;
        Assert.True(before.Length > 20);
        Assert.Equal(before.Length, after.Length);
        var scores = after.ToDictionary(d => d.Doc, d => d.Score);
        Assert.All(before, d => Assert.Equal(d.Score, scores[d.Doc], 4));
    }
}
