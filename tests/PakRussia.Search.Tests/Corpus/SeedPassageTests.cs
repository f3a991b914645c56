using PakRussia.Search.Passages;

namespace PakRussia.Search.Tests.Corpus;

public sealed class SeedPassageTests(SeedCorpus seeds) : IClassFixture<SeedCorpus>
{
    [Fact]
    public void Passages_Offsets_PointAtTheirTextInTheCleanedDocument()
    {
        foreach (var document in seeds.Documents)
        {
            Assert.NotEmpty(document.Passages);
            foreach (var passage in document.Passages)
            {
                Assert.Equal(passage.Text, document.CleanText[passage.Start..passage.End]);
                Assert.Equal(passage.Text.Trim(), passage.Text);
            }
        }
    }

    [Fact]
    public void Passages_IdsOrdinalsAndOrder_AreConsistent()
    {
        foreach (var document in seeds.Documents)
        {
            var docId = document.Metadata.DocId;
            for (var i = 0; i < document.Passages.Count; i++)
            {
                var passage = document.Passages[i];
                Assert.Equal(i, passage.Ordinal);
                Assert.Equal(Passage.MakeId(docId, i), passage.PassageId);
                Assert.Equal(docId, passage.DocId);
                Assert.Equal(PassageHasher.Hash(passage.Text), passage.ContentHash);
                if (i > 0 && passage.Kind != PassageKind.Footnote)
                {
                    Assert.True(passage.Start > document.Passages[i - 1].End, "passages do not overlap");
                }
            }
        }
    }

    [Fact]
    public void Passages_Sizes_MostlyBetweenThirtyAndTwoHundredWords()
    {
        var passages = seeds.Documents.SelectMany(d => d.Passages).ToList();
        Assert.All(passages, p => Assert.True(p.WordCount <= PassageBuilder.MaxWords, $"{p.PassageId} has {p.WordCount} words"));

        var sized = passages.Where(p => p.Kind is not (PassageKind.Heading or PassageKind.Footnote)).ToList();
        var inRange = sized.Count(p => p.WordCount >= PassageBuilder.MinWords);
        Assert.True(inRange >= sized.Count * 0.75, $"only {inRange} of {sized.Count} passages have 30–200 words");
    }

    [Fact]
    public void Passages_LongParagraphs_AreSplitAtSentenceEnds()
    {
        var body = seeds.Get(SeedCorpus.Academic).Passages.Where(p => p.Kind == PassageKind.Body).ToList();
        Assert.All(body, p => Assert.Matches(@"[.!?”’""]$", p.Text));
        Assert.All(body, p => Assert.True(char.IsUpper(p.Text[0]), $"{p.PassageId} starts mid-sentence: {p.Text[..20]}"));
    }

    [Fact]
    public void ForumBetterAlly_RequotedParagraph_LinksToItsFirstOccurrence()
    {
        const string paragraph = "Pakistan should establish highway and rail links with both China and Russia.";
        var matches = seeds.Get(SeedCorpus.ForumBetterAlly).Passages.Where(p => p.Text.StartsWith(paragraph, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, matches.Count);
        Assert.Null(matches[0].DuplicateOf);
        Assert.Equal(PassageKind.Body, matches[0].Kind);
        Assert.Equal(matches[0].PassageId, matches[1].DuplicateOf);
        Assert.Equal(PassageKind.Quote, matches[1].Kind);
        Assert.True(matches[1].PostNumber > matches[0].PostNumber);
    }

    [Fact]
    public void ForumAfghanistan_FromTheArticleAboveQuote_IsAQuoteLinkedToItsFirstOccurrence()
    {
        var matches = seeds.Get(SeedCorpus.ForumAfghanistan).Passages.Where(p => p.Text.StartsWith("From the article above:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, matches.Count);
        Assert.All(matches, m => Assert.Equal(PassageKind.Quote, m.Kind));
        Assert.All(matches, m => Assert.Contains("There are other convergences of interests between Pakistan and Russia.", m.Text));
        Assert.Null(matches[0].DuplicateOf);
        Assert.Equal(matches[0].PassageId, matches[1].DuplicateOf);
    }

    [Fact]
    public void Forum_EveryDuplicate_PointsToAnEarlierPassageWithTheSameText()
    {
        foreach (var document in seeds.Documents)
        {
            var byId = document.Passages.ToDictionary(p => p.PassageId);
            foreach (var passage in document.Passages.Where(p => p.DuplicateOf != null))
            {
                var first = byId[passage.DuplicateOf!];
                Assert.True(first.Ordinal < passage.Ordinal);
                Assert.Null(first.DuplicateOf);
                Assert.Equal(first.ContentHash, passage.ContentHash);
            }
        }

        Assert.True(seeds.Get(SeedCorpus.ForumAfghanistan).Passages.Count(p => p.DuplicateOf != null) >= 4);
    }

    [Fact]
    public void ForumPassages_HavePostNumbers_OtherDocumentsDoNot()
    {
        foreach (var document in seeds.Documents)
        {
            var content = document.Passages.Where(p => p.Kind != PassageKind.Heading).ToList();
            if (document.Metadata.SourceType == "forum")
            {
                Assert.All(content, p => Assert.NotNull(p.PostNumber));
                Assert.True(content.Select(p => p.PostNumber).Distinct().Count() >= 8, "a thread has many posts");
            }
            else
            {
                Assert.All(document.Passages, p => Assert.Null(p.PostNumber));
            }
        }
    }

    [Fact]
    public void ForumBetterAlly_FirstPost_IsTheHilalNoteAndTheSecondStartsAfterLastEdited()
    {
        var posts = seeds.Get(SeedCorpus.ForumBetterAlly).Passages.Where(p => p.PostNumber != null).GroupBy(p => p.PostNumber).ToList();
        Assert.Equal("Published in Pakistan Army's magazine 'HILAL'.", posts[0].Single().Text);
        Assert.StartsWith("Indeed, with greater levels of mutual understanding", posts[1].First().Text);
    }
}
