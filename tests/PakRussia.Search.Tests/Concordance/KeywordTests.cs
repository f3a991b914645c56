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

    private KeywordResponse ForumAgainstNews(bool negative = false, int minFrequency = 3) =>
        seeds.Searcher.Keywords(new KeywordRequest
        {
            Target = new SearchRequest { Sources = ["forum"] },
            Reference = new SearchRequest { Sources = ["news"] },
            Negative = negative,
            MinFrequency = minFrequency,
            Top = 500,
        });

    [Fact]
    public void A_reference_replaces_the_rest_of_the_corpus_by_hand()
    {
        // The one news document (news-ties-closer) has 421 words, counted outside our code (see TrendTests). "ukraine":
        // 6 in the forums' 3,028 words, 0 in the news: E1 = 3,028 × 6 / 3,449 = 5.2676, G² = 2 × 6 × ln(6 / 5.2676) = 1.56;
        // log ratio = log2((6 / 3,028) / (0.5 / 421)) = 0.74. Against the rest of the corpus it was 12.65 (above).
        var keywords = ForumAgainstNews();
        Assert.Equal(3028, keywords.TargetWords);
        Assert.Equal(421, keywords.ReferenceWords);
        Assert.Equal("source news", keywords.Reference);
        var ukraine = Assert.Single(keywords.Keywords, k => k.Word == "ukraine");
        Assert.Equal(6, ukraine.Frequency);
        Assert.Equal(0, ukraine.ReferenceFrequency);
        Assert.Equal(1.56, ukraine.LogLikelihood, 2);
        Assert.Equal(0.74, ukraine.LogRatio, 2);
        // Every keyword is relatively more frequent in the forums than in the news. (Its log ratio may still be below 0:
        // a word absent from the news counts 0.5 there, and 0.5 in 421 words is more than 3 in 3,028.)
        Assert.All(keywords.Keywords, k => Assert.True(
            (double)k.Frequency / keywords.TargetWords > (double)k.ReferenceFrequency / keywords.ReferenceWords && k.LogLikelihood >= 0, k.Word));
    }

    [Fact]
    public void Negative_keywords_are_the_words_the_target_uses_less_by_hand()
    {
        // "pipeline" (stem pipelin): 2 in the forums (TrendTests: 2014), 1 in the news ("Gas Pipeline"), so rarer in the
        // forums: E1 = 3,028 × 3 / 3,449 = 2.6338, E2 = 0.3662, G² = 2 (2 ln(2 / 2.6338) + 1 ln(1 / 0.3662)) = 0.91, signed
        // negative; log ratio = log2((2 / 3,028) / (1 / 421)) = −1.85.
        var negative = ForumAgainstNews(negative: true, minFrequency: 1);
        Assert.True(negative.Negative);
        var pipeline = Assert.Single(negative.Keywords, k => k.Word == "pipeline");
        Assert.Equal(2, pipeline.Frequency);
        Assert.Equal(1, pipeline.ReferenceFrequency);
        Assert.Equal(-0.91, pipeline.LogLikelihood, 2);
        Assert.Equal(-1.85, pipeline.LogRatio, 2);
        Assert.All(negative.Keywords, k => Assert.True(
            (double)k.Frequency / negative.TargetWords < (double)k.ReferenceFrequency / negative.ReferenceWords && k.LogLikelihood <= 0 && k.LogRatio < 0, k.Word));
        Assert.Equal(negative.Keywords.Select(k => k.LogLikelihood).Order(), negative.Keywords.Select(k => k.LogLikelihood));
        // A word the forums use more is not a negative keyword, and the minimum frequency is the reference's.
        Assert.DoesNotContain(negative.Keywords, k => k.Word == "ukraine");
        Assert.All(ForumAgainstNews(negative: true).Keywords, k => Assert.True(k.ReferenceFrequency >= 3, k.Word));
    }

    [Fact]
    public void Passages_in_both_sides_count_for_the_target_and_a_bad_reference_is_bad_input()
    {
        // The reference "every source" overlaps the forum target: the forums' passages count for the target only, so
        // the reference is the rest of the corpus again (the same 5,663 words as the test above without a reference).
        var overlapping = seeds.Searcher.Keywords(new KeywordRequest
        {
            Target = new SearchRequest { Sources = ["forum"] },
            Reference = new SearchRequest { Sources = ["forum", "news", "explainer", "academic"] },
            Top = 500,
        });
        Assert.Equal(5663, overlapping.ReferenceWords);
        Assert.Contains(overlapping.Warnings, w => w.Contains("in both the target and the reference", StringComparison.Ordinal));
        Assert.Equal(Forum().Keywords.Select(k => (k.Word, k.LogLikelihood)), overlapping.Keywords.Select(k => (k.Word, k.LogLikelihood)));
        Assert.Throws<SearchRequestException>(() => seeds.Searcher.Keywords(new KeywordRequest
        {
            Target = new SearchRequest { Sources = ["forum"] },
            Reference = new SearchRequest(),
        }));
        var empty = seeds.Searcher.Keywords(new KeywordRequest { Target = new SearchRequest { Sources = ["forum"] }, Reference = new SearchRequest { Sources = ["podcast"] } });
        Assert.Empty(empty.Keywords);
        Assert.Contains(empty.Warnings, w => w.Contains("No passage is in the reference", StringComparison.Ordinal));
    }

    [Fact]
    public void Cli_takes_a_reference_and_negative()
    {
        var (exit, output, _) = seeds.Cli("keywords", "--source", "forum", "--reference-source", "news", "--negative", "--min-frequency", "1", "--top", "500");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("Negative keywords", output);
        Assert.Contains("reference passages (source news)", output);
        Assert.Contains("pipeline", output);
        var (jsonExit, json, _) = seeds.Cli("keywords", "--source", "forum", "--reference-query", "pipeline", "--json");
        Assert.Equal(ExitCodes.Ok, jsonExit);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal("\"pipeline\"", parsed.RootElement.GetProperty("reference").GetString());
        // The reference is the pipeline passages outside the forums: news-ties-closer's, the academic paper's and the
        // explainer's under its pipeline heading (the forums' own two are the target's).
        Assert.Equal(3, parsed.RootElement.GetProperty("referencePassages").GetInt64());
    }
}
