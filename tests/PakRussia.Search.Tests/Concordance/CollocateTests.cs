using PakRussia.Search.Concordance;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Concordance;

/// <summary>Collocates on the seeds (issue 16, part 2), checked against the concordance lines and by hand.</summary>
public sealed class CollocateTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private CollocateResponse Collocates(string query, Func<CollocateRequest, CollocateRequest>? configure = null)
    {
        var request = new CollocateRequest { Search = new SearchRequest { Query = query }, MinFrequency = 1, Top = 1000 };
        return seeds.Searcher.Collocates(configure is null ? request : configure(request));
    }

    [Fact]
    public void Gas_NearPipeline_CountsTheLinesThatHaveIt()
    {
        // By hand: "(TAPI) gas pipeline" and "North South Gas Pipeline" have gas within 5 words; forum p26's
        // "and gas revenue. Ukraine can hold Russia's pipeline" has it 6 words before. TAPI: "(TAPI) gas pipeline" and
        // "Pipelines - TAPI".
        var collocates = Collocates("pipeline");
        Assert.Equal(4, collocates.Occurrences);
        Assert.Equal(2, collocates.Collocates.Single(c => c.Word == "gas").Frequency);
        Assert.Equal(2, collocates.Collocates.Single(c => c.Word == "tapi").Frequency);
        Assert.Equal(3, Collocates("pipeline", r => r with { Window = 6 }).Collocates.Single(c => c.Word == "gas").Frequency);
    }

    [Theory]
    [InlineData("russia", "afghanistan")]
    [InlineData("russia", "china")]
    [InlineData("pakistan", "relations")]
    [InlineData("\"warm waters\"", "access")]
    [InlineData("afghan*", "central")]
    public void Frequency_EqualsTheConcordanceLinesNarrowedToIt(string query, string word)
    {
        var collocate = Collocates(query).Collocates.Single(c => c.Word == word);
        var lines = seeds.Searcher.Kwic(new KwicRequest { Search = new SearchRequest { Query = query }, Near = word, Window = 5, PerPage = 500 });
        Assert.Equal(lines.Total, collocate.Frequency);
        // And each narrowed line has the word within five words, read from the line's own context.
        Assert.All(lines.Lines, l =>
        {
            var around = Words(l.Left).TakeLast(5).Concat(Words(l.Right).Take(5));
            Assert.Contains(word, around);
        });
    }

    private static IEnumerable<string> Words(string text) =>
        PakRussia.Search.Indexing.Analysis.PassageAnalyzer.Surface.Terms(text);

    [Fact]
    public void StopWords_AreLeftOutUnlessAskedFor()
    {
        Assert.DoesNotContain(Collocates("russia").Collocates, c => c.Word is "the" or "and" or "of");
        Assert.Contains(Collocates("russia", r => r with { IncludeStopWords = true }).Collocates, c => c.Word == "the");
    }

    [Fact]
    public void Collocates_AreSurfaceWords_NotStems()
    {
        var words = Collocates("russia").Collocates.Select(c => c.Word).ToList();
        Assert.Contains("relations", words);
        Assert.DoesNotContain("relat", words);
    }

    [Fact]
    public void Scores_FollowTheFormulas()
    {
        var response = Collocates("pipeline");
        var gas = response.Collocates.Single(c => c.Word == "gas");
        // logDice = 14 + log2(2·f(x,y) / (f(x) + f(y))), Rychlý 2008.
        Assert.Equal(14 + Math.Log2(2.0 * gas.Frequency / (response.Occurrences + gas.SubcorpusFrequency)), gas.LogDice, 3);
        Assert.True(gas.LogLikelihood > 0);
    }

    [Fact]
    public void LogLikelihood_MatchesAWorkedTable()
    {
        // Dunning's G² for O = [[10, 90], [40, 9860]] (N = 10,000): E11 = 100·50/10000 = 0.5, … computed by hand with
        // 2·Σ O·ln(O/E): 10·ln(20) + 90·ln(90/99.5) + 40·ln(40/49.5) + 9860·ln(9860/9850.5) = 29.96 − 9.03 − 8.52 + 9.51 = 21.91, G² ≈ 43.81.
        Assert.Equal(43.81, CollocateScores.LogLikelihood(10, 100, 50, 10_000), 2);
        Assert.Equal(13, CollocateScores.LogDice(4, 10, 6), 6);
    }

    [Fact]
    public void Filters_NarrowTheSubcorpus()
    {
        var all = Collocates("russia");
        var forum = Collocates("russia", r => r with { Search = r.Search with { Sources = ["forum"] } });
        Assert.True(forum.Occurrences < all.Occurrences);
        Assert.True(forum.SubcorpusWords < all.SubcorpusWords);
    }

    [Fact]
    public void Sorts_OrderByTheirScore()
    {
        var byFrequency = Collocates("russia", r => r with { Sort = CollocateSort.Frequency }).Collocates;
        Assert.Equal(byFrequency.Select(c => c.Frequency).OrderByDescending(f => f), byFrequency.Select(c => c.Frequency));
        var byLl = Collocates("russia", r => r with { Sort = CollocateSort.LogLikelihood }).Collocates;
        Assert.Equal(byLl.Select(c => c.LogLikelihood).OrderByDescending(f => f), byLl.Select(c => c.LogLikelihood));
        var byDice = Collocates("russia").Collocates;
        Assert.Equal(byDice.Select(c => c.LogDice).OrderByDescending(f => f), byDice.Select(c => c.LogDice));
    }
}
