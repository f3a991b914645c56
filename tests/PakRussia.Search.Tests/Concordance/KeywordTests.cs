using System.Text.Json;
using PakRussia.Search.Cli;
using PakRussia.Search.Concordance;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Concordance;

/// <summary>Keywords (keyness) on the seeds (issue 16, part 3).</summary>
public sealed class KeywordTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private KeywordResponse Forum(int top = 500) =>
        seeds.Searcher.Keywords(new KeywordRequest { Target = new SearchRequest { Sources = ["forum"] }, Top = top });

    [Fact]
    public void ForumOnlyWords_ArePositiveKeywords_OfTheForums()
    {
        // grep -ci: "ukraine" is only in 000 (forum-better-ally), "syria" only in 004 (forum-us-russia-afghanistan).
        var forum = Forum();
        foreach (var word in new[] { "ukraine", "syria" })
        {
            var keyword = Assert.Single(forum.Keywords, k => k.Word == word);
            Assert.Equal(0, keyword.ReferenceFrequency);
            Assert.True(keyword.LogLikelihood > 0, word);
            Assert.True(keyword.LogRatio > 0, word);
        }

        Assert.All(forum.Keywords, k => Assert.True(k.LogLikelihood > 0 && k.Frequency >= 3));
        Assert.DoesNotContain(forum.Keywords, k => k.Word is "the" or "of" or "and");
    }

    [Fact]
    public void Sizes_AndOneScore_ByHand()
    {
        // Forum words counted outside our code (see TrendTests): 1,504 + 1,524 = 3,028.
        var forum = Forum();
        Assert.Equal(3028, forum.TargetWords);
        // "ukraine": 6 in the forum's text, 0 elsewhere; with c = 3,028 and d = the rest (5,663 words):
        // E1 = 3,028 × 6 / 8,691 = 2.0904, G² = 2 × 6 × ln(6 / 2.0904) = 12.65; log ratio = log2((6 / 3,028) / (0.5 / 5,663)) = 4.49.
        var ukraine = Assert.Single(forum.Keywords, k => k.Word == "ukraine");
        Assert.Equal(6, ukraine.Frequency);
        Assert.Equal(5663, forum.ReferenceWords);
        Assert.Equal(12.65, ukraine.LogLikelihood, 2);
        Assert.Equal(4.49, ukraine.LogRatio, 2);
    }

    [Fact]
    public void Scores_FollowTheFormulas()
    {
        // Worked example: a = 10, c = 1,000, b = 10, d = 9,000: E1 = 2, E2 = 18, G² = 2(10 ln 5 + 10 ln(10/18)) = 20.433.
        Assert.Equal(20.433, KeynessScores.LogLikelihood(10, 10, 1000, 9000), 3);
        Assert.Equal(Math.Log2(9), KeynessScores.LogRatio(10, 10, 1000, 9000), 6);
        // Rarer in the target: negative.
        Assert.True(KeynessScores.LogLikelihood(1, 90, 1000, 9000) < 0);
        Assert.Equal(0, KeynessScores.LogLikelihood(0, 0, 1000, 9000));
    }

    [Fact]
    public void QueryHits_AreATarget_AndEverythingIsNot()
    {
        var hits = seeds.Searcher.Keywords(new KeywordRequest { Target = new SearchRequest { Query = "pipeline" }, MinFrequency = 1 });
        // The search's hits: the four passages with "pipeline" in their text (TrendTests) and the explainer's passage under
        // the heading "Pakistan Stream Gas Pipeline" (a search matches heading words through the section).
        Assert.Equal(5, hits.TargetPassages);
        Assert.Contains(hits.Keywords, k => k.Word == "pipeline");
        Assert.Throws<SearchRequestException>(() => seeds.Searcher.Keywords(new KeywordRequest()));
        Assert.Throws<SearchRequestException>(() => seeds.Searcher.Keywords(new KeywordRequest { Target = new SearchRequest { Sources = ["forum"] }, MinFrequency = 0 }));
    }

    [Fact]
    public void Cli_Table_Json_Csv()
    {
        var (exit, output, _) = seeds.Cli("keywords", "--source", "forum");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("ukraine", output);
        var (jsonExit, json, _) = seeds.Cli("keywords", "--source", "forum", "--json");
        Assert.Equal(ExitCodes.Ok, jsonExit);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(3028, parsed.RootElement.GetProperty("targetWords").GetInt64());
        var first = parsed.RootElement.GetProperty("keywords")[0];
        foreach (var field in new[] { "word", "frequency", "referenceFrequency", "logLikelihood", "logRatio" })
            Assert.True(first.TryGetProperty(field, out _), field);
        var (csvExit, csv, _) = seeds.Cli("keywords", "--source", "forum", "--csv");
        Assert.Equal(ExitCodes.Ok, csvExit);
        Assert.StartsWith("word,stem,frequency,referenceFrequency,logLikelihood,logRatio", csv);
        var (badExit, _, error) = seeds.Cli("keywords");
        Assert.Equal(ExitCodes.BadInput, badExit);
        Assert.StartsWith("error:", error);
    }
}
