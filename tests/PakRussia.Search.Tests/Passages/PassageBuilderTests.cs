using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Tests.Passages;

public sealed class PassageBuilderTests
{
    private static string SentenceOf(int words, int n) => string.Join(' ', Enumerable.Range(0, words - 1).Select(i => $"w{n}x{i}").Prepend($"S{n}")) + ".";

    [Fact]
    public void Build_LongParagraph_IsSplitAtSentenceEndsIntoBalancedParts()
    {
        var paragraph = string.Join(' ', Enumerable.Range(0, 20).Select(n => SentenceOf(25, n))); // 500 words
        var layout = PassageBuilder.Build("doc", [new CleanedBlock(PassageKind.Body, paragraph)]);

        Assert.Equal(3, layout.Passages.Count);
        Assert.All(layout.Passages, p => Assert.InRange(p.WordCount, PassageBuilder.MinWords, PassageBuilder.MaxWords));
        Assert.All(layout.Passages, p => Assert.StartsWith("S", p.Text));
        Assert.All(layout.Passages, p => Assert.EndsWith(".", p.Text));
        Assert.Equal(500, layout.Passages.Sum(p => p.WordCount));
    }

    [Fact]
    public void Build_ShortParagraphsOfOneSection_AreMergedUpToTheMinimum()
    {
        var blocks = new List<CleanedBlock>
        {
            new(PassageKind.Heading, "Energy") { Section = "Energy" },
            new(PassageKind.Body, SentenceOf(12, 1)) { Section = "Energy" },
            new(PassageKind.Body, SentenceOf(12, 2)) { Section = "Energy" },
            new(PassageKind.Body, SentenceOf(12, 3)) { Section = "Energy" },
            new(PassageKind.Body, SentenceOf(40, 4)) { Section = "Energy" },
            new(PassageKind.Heading, "Trade") { Section = "Trade" },
            new(PassageKind.Body, SentenceOf(5, 5)) { Section = "Trade" },
        };
        var layout = PassageBuilder.Build("doc", blocks);

        Assert.Equal([PassageKind.Heading, PassageKind.Body, PassageKind.Body, PassageKind.Heading, PassageKind.Body], layout.Passages.Select(p => p.Kind));
        Assert.Equal([1, 36, 40, 1, 5], layout.Passages.Select(p => p.WordCount));
        Assert.All(layout.Passages, p => Assert.Equal(layout.CleanText[p.Start..p.End], p.Text));
        Assert.Equal("Trade", layout.Passages[^1].Section);
    }

    [Fact]
    public void Build_ShortTrailingBlock_JoinsThePassageBefore()
    {
        var blocks = new List<CleanedBlock>
        {
            new(PassageKind.Body, SentenceOf(50, 1)),
            new(PassageKind.Body, SentenceOf(6, 2)),
        };
        var passage = Assert.Single(PassageBuilder.Build("doc", blocks).Passages);
        Assert.Equal(56, passage.WordCount);
    }

    [Fact]
    public void Build_NeverMergesAcrossPostsOrKinds()
    {
        var blocks = new List<CleanedBlock>
        {
            new(PassageKind.Body, SentenceOf(5, 1)) { PostNumber = 1 },
            new(PassageKind.Body, SentenceOf(5, 2)) { PostNumber = 2 },
            new(PassageKind.Quote, SentenceOf(5, 3)) { PostNumber = 2 },
        };
        var passages = PassageBuilder.Build("doc", blocks).Passages;
        Assert.Equal([1, 2, 2], passages.Select(p => p.PostNumber!.Value));
        Assert.Equal([PassageKind.Body, PassageKind.Body, PassageKind.Quote], passages.Select(p => p.Kind));
    }

    [Fact]
    public void Build_RepeatedRunOfParagraphs_GroupsLikeTheOriginalAndLinksToIt()
    {
        var a = SentenceOf(8, 1);
        var b = SentenceOf(30, 2);
        var blocks = new List<CleanedBlock>
        {
            new(PassageKind.Body, a) { PostNumber = 1 },
            new(PassageKind.Body, b) { PostNumber = 1 },
            new(PassageKind.Quote, a.ToUpperInvariant()) { PostNumber = 2 },
            new(PassageKind.Quote, b) { PostNumber = 2 },
            new(PassageKind.Body, SentenceOf(40, 3)) { PostNumber = 2 },
        };
        var passages = PassageBuilder.Build("doc", blocks).Passages;

        Assert.Equal(3, passages.Count);
        Assert.Null(passages[0].DuplicateOf);
        Assert.Equal("doc.p0", passages[1].DuplicateOf);
        Assert.Equal(PassageKind.Quote, passages[1].Kind);
        Assert.Null(passages[2].DuplicateOf);
    }

    [Fact]
    public void Build_ListIntroduction_MergesWithItsItems()
    {
        var blocks = new List<CleanedBlock>
        {
            new(PassageKind.Body, "Pakistan wants to buy:") { IntroducesList = true },
            new(PassageKind.List, "- tanks"),
            new(PassageKind.List, "- jets"),
        };
        var passage = Assert.Single(PassageBuilder.Build("doc", blocks).Passages);
        Assert.Equal(PassageKind.List, passage.Kind);
        Assert.Equal("Pakistan wants to buy:\n\n- tanks\n\n- jets", passage.Text);
    }

    [Fact]
    public void Hash_IgnoresCaseSpacingAndQuoteStyle()
    {
        Assert.Equal(PassageHasher.Hash("“Grade  A” BS’s"), PassageHasher.Hash("\"grade a\"\nbs's"));
        Assert.NotEqual(PassageHasher.Hash("Grade A"), PassageHasher.Hash("Grade B"));
    }
}
