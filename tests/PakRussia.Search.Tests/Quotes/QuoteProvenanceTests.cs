using System.Text.Json;
using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;
using PakRussia.Search.Quotes;
using PakRussia.Search.Tests.TestSupport;
using static PakRussia.Search.Tests.Quotes.CitationFormatterTests;

namespace PakRussia.Search.Tests.Quotes;

public class QuoteProvenanceTests
{
    private const string Quote = "Pakistan needs foreign investment, access to vast reserves of Central Asia, once part of Soviet Union";

    // The paragraph seed 004 (a forum thread) re-quotes twice from the article, taken from the raw seed.
    private static readonly string Paragraph = File.ReadAllLines(Directory.GetFiles(RepoPaths.Seeds, "004_*.txt").Single())
        .First(l => l.StartsWith("\"There are other convergences", StringComparison.Ordinal)).Trim('"');

    private static readonly DocumentMetadata Blog = new() { DocId = "a-later-blog", Title = "A later blog", SourceType = "blog", Date = "2018-01-10" };
    private static readonly DocumentMetadata Undated = new() { DocId = "an-undated-page", Title = "An undated page", SourceType = "explainer" };

    private static List<(DocumentMetadata, Passage)> Candidates(bool withArticle = true)
    {
        var list = new List<(DocumentMetadata, Passage)>
        {
            (Undated, PassageOf(Undated, 0, "As one article put it: " + Paragraph)),
            (ForumThread, PassageOf(ForumThread, 9, Paragraph, post: 3, duplicateOf: Passage.MakeId(ForumThread.DocId, 5))),
            (Blog, PassageOf(Blog, 2, Paragraph)),
            (ForumThread, PassageOf(ForumThread, 5, Paragraph, post: 2)),
            (ForumThread, PassageOf(ForumThread, 6, "Grade A BS.", post: 2)),
        };
        if (withArticle)
        {
            list.Add((News, PassageOf(News, 4, Paragraph)));
        }

        return list;
    }

    [Fact]
    public void Occurrences_are_listed_earliest_first_with_the_original_marked_and_undated_last()
    {
        var result = QuoteProvenance.Lookup(Quote, Candidates());

        Assert.True(result.Found);
        Assert.Null(result.Message);
        var match = Assert.Single(result.Matches);
        Assert.True(match.Exact);
        Assert.Equal("gvs-us-russia.p4", match.PassageId); // the article (2017-03) before the thread (2017-03-04)
        Assert.Equal(
            ["gvs-us-russia.p4", "pdf-us-russia-thread.p5", "pdf-us-russia-thread.p9", "a-later-blog.p2", "an-undated-page.p0"],
            match.Occurrences.Select(o => o.PassageId));
        Assert.Equal([true, false, false, false, false], match.Occurrences.Select(o => o.IsOriginal));
        Assert.Equal(Quote, match.Text[match.Start..match.End]);
        Assert.Equal(4000 + match.Start, match.DocStart);
        Assert.Equal(4000 + match.End, match.DocEnd);
        var undated = match.Occurrences[^1];
        Assert.Null(undated.Date);
        Assert.Equal(Quote.Length, undated.End - undated.Start);
        Assert.StartsWith("\u201CWhere does Pakistan fit", match.Citation, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_article_the_first_post_is_the_original_not_its_repeat()
    {
        var match = Assert.Single(QuoteProvenance.Lookup(Quote, Candidates(withArticle: false)).Matches);

        Assert.Equal("pdf-us-russia-thread.p5", match.PassageId);
        Assert.Equal([true, false, false, false], match.Occurrences.Select(o => o.IsOriginal));
    }

    [Fact]
    public void A_repeat_of_a_passage_elsewhere_is_never_the_original_even_when_earliest()
    {
        var early = News with { DocId = "early-copy", Date = "2016" };
        var candidates = Candidates();
        candidates.Add((early, PassageOf(early, 0, Paragraph, duplicateOf: "gvs-us-russia.p4")));

        var match = Assert.Single(QuoteProvenance.Lookup(Quote, candidates).Matches);

        Assert.Equal("early-copy.p0", match.Occurrences[0].PassageId);
        Assert.False(match.Occurrences[0].IsOriginal);
        Assert.True(match.Occurrences[1].IsOriginal);
        Assert.Equal("gvs-us-russia.p4", match.PassageId);
    }

    [Fact]
    public void Different_wordings_are_separate_matches_best_first()
    {
        var misquoting = Blog with { DocId = "misquoting-blog", Date = "2015" };
        var candidates = Candidates();
        candidates.Add((misquoting, PassageOf(misquoting, 0, Paragraph.Replace("foreign investment", "foreign aid", StringComparison.Ordinal))));

        var result = QuoteProvenance.Lookup(Quote, candidates);

        Assert.Equal(2, result.Matches.Count);
        Assert.True(result.Matches[0].Exact);
        var near = result.Matches[1];
        Assert.False(near.Exact);
        Assert.Equal("misquoting-blog.p0", near.PassageId);
        var d = Assert.Single(near.Differences);
        Assert.Equal((DifferenceKind.Changed, "aid", "investment"), (d.Kind, d.CorpusWords.Single(), d.QuoteWords.Single()));
    }

    [Fact]
    public void Not_found_lists_the_closest_passages()
    {
        var result = QuoteProvenance.Lookup("Pakistan needs foreign investment and Russian tanks and warm water ports badly", Candidates());

        Assert.False(result.Found);
        Assert.Empty(result.Matches);
        Assert.Equal("The quote was not found in the corpus", result.Message);
        Assert.NotEmpty(result.Closest);
        Assert.All(result.Closest, c => Assert.InRange(c.Similarity, QuoteProvenance.ClosestFloor, QuoteAligner.DefaultThreshold));
        Assert.Equal("gvs-us-russia.p4", result.Closest[0].PassageId); // ties broken by date like occurrences
    }

    [Fact]
    public void Too_short_quote_is_not_looked_up()
    {
        var result = QuoteProvenance.Lookup("Pakistan and Russia", Candidates());

        Assert.False(result.Found);
        Assert.Equal("A quote needs at least 4 words", result.Message);
        Assert.Empty(result.Closest);
    }

    [Fact]
    public void Result_serialises_to_the_documented_camel_case_shape()
    {
        var result = QuoteProvenance.Lookup(Quote.Replace("vast", "huge", StringComparison.Ordinal), Candidates());

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        var root = json.RootElement;
        Assert.True(root.GetProperty("found").GetBoolean());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("closest").ValueKind);
        var match = root.GetProperty("matches")[0];
        foreach (var name in new[] { "passageId", "docId", "title", "date", "similarity", "exact", "text", "start", "end", "docStart", "docEnd", "differences", "citation", "occurrences" })
        {
            Assert.True(match.TryGetProperty(name, out _), name);
        }

        var difference = match.GetProperty("differences")[0];
        Assert.Equal("changed", difference.GetProperty("kind").GetString());
        Assert.Equal("vast", difference.GetProperty("corpusWords")[0].GetString());
        Assert.Equal("huge", difference.GetProperty("quoteWords")[0].GetString());
        Assert.True(match.GetProperty("occurrences")[0].GetProperty("isOriginal").GetBoolean());
    }
}
