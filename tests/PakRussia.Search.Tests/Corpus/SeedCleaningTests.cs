using System.Text.RegularExpressions;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Tests.Corpus;

public sealed class SeedCleaningTests(SeedCorpus seeds) : IClassFixture<SeedCorpus>
{
    private IEnumerable<Passage> AllPassages => seeds.Documents.SelectMany(d => d.Passages);

    [Theory]
    [InlineData("What's new")]
    [InlineData("Reaction score")]
    [InlineData("Last edited:")]
    [InlineData("Top Bottom")]
    [InlineData("Click to expand...")]
    [InlineData("Nawaz-Putin-Pakistan.jpg")]
    [InlineData("317.4 KB")]
    [InlineData("Views: 64")]
    [InlineData("Read more:")]
    [InlineData("Read Full Story:")]
    [InlineData("Pakistan Affairs Latest Posts")]
    [InlineData("Media Partner")]
    [InlineData("May 3, 2009")]
    [InlineData("Mar 4, 2017")]
    [InlineData("More from this category")]
    public void Passages_Seeds_ContainNoSiteChrome(string chrome)
    {
        var offending = AllPassages.Where(p => p.Text.Contains(chrome, StringComparison.Ordinal)).Select(p => p.PassageId).ToList();
        Assert.Empty(offending);
    }

    [Fact]
    public void Forum_AuthorsTextAroundTheChrome_IsKept()
    {
        var text = seeds.Get(SeedCorpus.ForumAfghanistan).CleanText;
        Assert.Contains("A poster seen on Mall Rd. of Lahore.", text);
        Assert.Contains("This time, for a change, Pak might find herself on the gallery", text);
        Assert.Contains("If you pay attention Pakistan is dealing with corruption", text);
    }

    [Theory]
    [InlineData("Many Russian analysts value Pakistan’s geographical location vis-à-vis Afghanistan and Central Asia.")]
    [InlineData("However the most important factor that come into play regarding Pak-Russia collaboration are mutuality of interests in Central Asia and Afghanistan")]
    [InlineData("Russia’s changed policy goals in South Asia, renewed interests in Afghanistan")]
    [InlineData("Tsarist Russia and Britain during the 19th Century. It does not carry any logic")]
    [InlineData("Russia supported the stance of Taliban for complete withdrawal of foreign forces during a conference on Afghanistan in Moscow on 27 and 28 May, 2019. Importantly Russia desires")]
    public void Academic_SentencesInterruptedByFootnotes_ReadContinuouslyInOnePassage(string sentence)
    {
        var passages = seeds.Get(SeedCorpus.Academic).Passages;
        Assert.Contains(passages, p => p.Kind == PassageKind.Body && p.Text.Contains(sentence, StringComparison.Ordinal));
    }

    [Fact]
    public void Academic_Footnotes_AreTheirOwnPassagesNumberedOneToTwentyFive()
    {
        var footnotes = seeds.Get(SeedCorpus.Academic).Passages.Where(p => p.Kind == PassageKind.Footnote).ToList();
        Assert.Equal(Enumerable.Range(1, 25), footnotes.Select(f => f.FootnoteNumber!.Value));
        Assert.All(footnotes, f => Assert.StartsWith($"{f.FootnoteNumber} ", f.Text));

        var footnote22 = footnotes.Single(f => f.FootnoteNumber == 22);
        Assert.Contains("Faiza Bashir and Noreen Naseer, “New Cold War: Rebuilding Pakistan and Russia Relations”", footnote22.Text);
        Assert.Equal("Pakistan-Russia Collaboration: Implications for Afghanistan and Central Asia", footnote22.Section);
    }

    [Fact]
    public void Academic_FootnoteText_NeverLeaksIntoTheBody()
    {
        var body = seeds.Get(SeedCorpus.Academic).Passages.Where(p => p.Kind != PassageKind.Footnote).ToList();
        Assert.DoesNotContain(body, p => p.Text.Contains("Faiza Bashir", StringComparison.Ordinal));
        Assert.DoesNotContain(body, p => p.Text.Contains("accessed", StringComparison.Ordinal));
        Assert.DoesNotContain(body, p => p.Text.Contains("http", StringComparison.Ordinal));
    }

    [Fact]
    public void Academic_WrappedUrlsInFootnotes_AreRejoined()
    {
        var footnotes = seeds.Get(SeedCorpus.Academic).Passages.Where(p => p.Kind == PassageKind.Footnote).Select(p => p.Text).ToList();
        Assert.Contains(footnotes, f => f.Contains("https://warontherocks.com/2017/04/its-much-bigger-than-afghanistan-u-s-strategy-for-a-transformed-region/ accessed", StringComparison.Ordinal));
        Assert.Contains(footnotes, f => f.Contains("ifri_rnv_82_central_asia_bobolo_eng_january_2015_0.pdf accessed", StringComparison.Ordinal));
    }

    [Fact]
    public void Academic_RepeatedBareUrlLines_AreDropped()
    {
        var document = seeds.Get(SeedCorpus.Academic);
        var bareUrlLine = new Regex(@"^https?://\S+$", RegexOptions.Multiline);
        Assert.DoesNotMatch(bareUrlLine, document.CleanText);
        // Each link is kept once, inside its footnote.
        Assert.Single(Regex.Matches(document.CleanText, Regex.Escape("https://tribune.com.pk/story/1550078/6-pakistans-afghan-problem/")));
    }

    [Fact]
    public void Academic_FootnoteReferenceNumbers_AreTakenOutOfTheSentences()
    {
        var body = seeds.Get(SeedCorpus.Academic).Passages.Where(p => p.Kind == PassageKind.Body);
        var standaloneNumberLine = new Regex(@"(^|\n)\s*\d{1,3}\s*(\n|$)");
        Assert.DoesNotContain(body, p => standaloneNumberLine.IsMatch(p.Text));
    }

    [Theory]
    [InlineData("narco-economy", "narcoeconomy")]
    [InlineData("socio-economic", "socioeconomic")]
    [InlineData("Russo-American", "RussoAmerican")]
    [InlineData("Beijing-Moscow", "BeijingMoscow")]
    [InlineData("Turkmenistan-Afghanistan-Pakistan-India", "TurkmenistanAfghanistan")]
    public void Academic_HyphensAtLineBreaks_KeepRealCompounds(string kept, string wrong)
    {
        var text = seeds.Get(SeedCorpus.Academic).CleanText;
        Assert.Contains(kept, text);
        Assert.DoesNotContain(wrong, text);
        Assert.DoesNotContain(kept.Replace("-", "- "), text);
    }

    [Fact]
    public void Academic_HardWrappedLines_AreJoinedIntoParagraphs()
    {
        var body = seeds.Get(SeedCorpus.Academic).Passages.Where(p => p.Kind is PassageKind.Body).ToList();
        Assert.All(body, p => Assert.DoesNotContain("\n", p.Text));
        Assert.Contains(body, p => p.Text.Contains("Pakistan and Russia are in close collaboration for the last decade or so due to the changed regional", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SeedCorpus.Academic, "Abstract")]
    [InlineData(SeedCorpus.Academic, "Introduction")]
    [InlineData(SeedCorpus.Academic, "Russia’s Policy, Interests and Goals in Afghanistan")]
    [InlineData(SeedCorpus.Academic, "Pakistan’s Interests, Policy and Goals in Afghanistan")]
    [InlineData(SeedCorpus.Academic, "Russia’s Interests, Policy and Goals in Central Asia")]
    [InlineData(SeedCorpus.Academic, "Pakistan’s Interests, Policy and Goals in Central Asia")]
    [InlineData(SeedCorpus.Academic, "Pakistan-Russia Collaboration: Implications for Afghanistan and Central Asia")]
    [InlineData(SeedCorpus.Explainer, "Introduction")]
    [InlineData(SeedCorpus.Explainer, "1. A Brief History of Pakistan-Russia Relations")]
    [InlineData(SeedCorpus.Explainer, "2. Key Challenges in Pakistan-Russia Relations")]
    [InlineData(SeedCorpus.Explainer, "4. Conclusion: Can Pakistan & Russia Become Strong Partners?")]
    [InlineData(SeedCorpus.News, "Pakistan-Russia ties: What brings them closer")]
    public void Headings_AreDetectedAndNameTheSectionThatFollows(string docId, string heading)
    {
        var passages = seeds.Get(docId).Passages;
        var index = passages.ToList().FindIndex(p => p.Kind == PassageKind.Heading && p.Text == heading);
        Assert.True(index >= 0, $"no heading passage '{heading}'");
        Assert.Equal(heading, passages[index].Section);

        // Section is the nearest heading: the body up to the next heading stands under this one (footnotes take the section they were cited in).
        var under = passages.Skip(index + 1).TakeWhile(p => p.Kind is not (PassageKind.Heading or PassageKind.Footnote)).ToList();
        Assert.All(under, p => Assert.Equal(heading, p.Section));
    }

    [Fact]
    public void Academic_BodySentencesAreNotTakenForHeadings()
    {
        var headings = seeds.Get(SeedCorpus.Academic).Passages.Where(p => p.Kind == PassageKind.Heading).ToList();
        Assert.Equal(7, headings.Count);
    }

    [Fact]
    public void News_TitlePrintedTwice_AppearsOnce()
    {
        var text = seeds.Get(SeedCorpus.News).CleanText;
        Assert.Single(Regex.Matches(text, "Pakistan-Russia ties: What brings them closer"));
    }

    [Theory]
    [InlineData("✔ The history of Pakistan-Russia relations")]
    [InlineData("🔹 1950s-1960s:")]
    [InlineData("relationship—sometimes friends")]
    [InlineData("Russia’s old name")]
    [InlineData("❌ Low trade volume | ✅ Future investments in energy & mining |")]
    public void Explainer_AuthorsCharacters_AreKept(string fragment) =>
        Assert.Contains(fragment, seeds.Get(SeedCorpus.Explainer).CleanText);

    [Fact]
    public void Explainer_BulletInMidLine_StartsItsOwnBlock()
    {
        var passages = seeds.Get(SeedCorpus.Explainer).Passages;
        Assert.Contains(passages, p => p.Text.EndsWith("Pakistan chose the USA, making the USSR unhappy.", StringComparison.Ordinal));
        Assert.Contains(passages, p => p.Kind == PassageKind.Heading && p.Text == "🔹 1950s-1960s:");
    }

    [Fact]
    public void Explainer_ListItems_AreMergedIntoListPassages()
    {
        var lists = seeds.Get(SeedCorpus.Explainer).Passages.Where(p => p.Kind == PassageKind.List).ToList();
        Assert.Contains(lists, p => p.Text.Contains("- 1965: Pakistan’s President Ayub Khan visited Moscow", StringComparison.Ordinal)
                                 && p.Text.Contains("- 1971: The USSR signed a defense treaty", StringComparison.Ordinal));
    }

    [Fact]
    public void CleanText_HasNoHighlighterMarkers() =>
        Assert.All(seeds.Documents, d => Assert.DoesNotContain(d.CleanText, c => c is '\uE000' or '\uE001'));
}
