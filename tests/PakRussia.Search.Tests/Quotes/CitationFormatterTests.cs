using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;
using PakRussia.Search.Quotes;

namespace PakRussia.Search.Tests.Quotes;

public class CitationFormatterTests
{
    internal static readonly DocumentMetadata Paper = new()
    {
        DocId = "pak-russia-central-asia",
        Title = "Pakistan-Russia Collaboration: Central Asia & Afghanistan",
        SourceType = "academic",
        Site = "Central Asia Journal",
        Author = "Shabir Ahmad Khan",
        Date = "2019",
        DatePrecision = DatePrecision.Year,
    };

    internal static readonly DocumentMetadata News = new()
    {
        DocId = "gvs-us-russia",
        Title = "Where does Pakistan fit in the emerging US-Russia conflict in Afghanistan",
        SourceType = "news",
        Site = "Global Village Space",
        Author = "Abdul Rahim",
        Date = "2017-03",
        DatePrecision = DatePrecision.Month,
        Url = "https://www.globalvillagespace.com/pakistan-us-russia",
    };

    internal static readonly DocumentMetadata ForumThread = new()
    {
        DocId = "pdf-us-russia-thread",
        Title = "Where does Pakistan fit in the emerging US-Russia conflict in Afghanistan",
        SourceType = "forum",
        Site = "defence.pk",
        Date = "2017-03-04",
        DatePrecision = DatePrecision.Day,
    };

    internal static Passage PassageOf(DocumentMetadata doc, int ordinal, string text = "Some text of the passage.", string? section = null,
        int? post = null, PassageKind kind = PassageKind.Body, int? footnote = null, string? duplicateOf = null) => new()
        {
            PassageId = Passage.MakeId(doc.DocId, ordinal),
            DocId = doc.DocId,
            Ordinal = ordinal,
            Kind = kind,
            Section = section,
            Text = text,
            Start = ordinal * 1000,
            End = (ordinal * 1000) + text.Length,
            WordCount = text.Split(' ').Length,
            ContentHash = "h" + ordinal,
            PostNumber = post,
            FootnoteNumber = footnote,
            DuplicateOf = duplicateOf,
        };

    [Fact]
    public void Year_precision_academic_paper_in_every_style()
    {
        var c = CitationFormatter.All(Paper, PassageOf(Paper, 11, section: "Introduction"));

        Assert.Equal(
            "\u201CPakistan-Russia Collaboration: Central Asia & Afghanistan\u201D, Central Asia Journal (academic paper), Shabir Ahmad Khan, 2019, Introduction, \u00B6 12 [pakrussia:pak-russia-central-asia.p11]",
            c.Plain);
        Assert.Equal(
            "Shabir Ahmad Khan. (2019). Pakistan-Russia Collaboration: Central Asia & Afghanistan [Academic paper]. Central Asia Journal. Introduction, \u00B6 12. pakrussia:pak-russia-central-asia.p11",
            c.Apa);
        Assert.Equal(
            """
            @misc{pakrussiacentralasia2019p12,
              title = {Pakistan-Russia Collaboration: Central Asia \& Afghanistan},
              author = {Shabir Ahmad Khan},
              howpublished = {Central Asia Journal (academic paper)},
              year = {2019},
              date = {2019},
              note = {Section: Introduction; paragraph 12; pakrussia:pak-russia-central-asia.p11}
            }
            """.ReplaceLineEndings("\n"),
            c.Bibtex);
        Assert.Equal(
            """
            TY  - JOUR
            TI  - Pakistan-Russia Collaboration: Central Asia & Afghanistan
            AU  - Shabir Ahmad Khan
            PY  - 2019
            DA  - 2019///
            PB  - Central Asia Journal
            N1  - Source type: academic paper; Section: Introduction; paragraph 12; pakrussia:pak-russia-central-asia.p11
            ER  - 
            """.ReplaceLineEndings("\n"),
            c.Ris);
    }

    [Fact]
    public void Month_precision_news_article()
    {
        var p = PassageOf(News, 2);

        Assert.Equal(
            "\u201CWhere does Pakistan fit in the emerging US-Russia conflict in Afghanistan\u201D, Global Village Space (news article), Abdul Rahim, March 2017, \u00B6 3 [pakrussia:gvs-us-russia.p2] https://www.globalvillagespace.com/pakistan-us-russia",
            CitationFormatter.Format(News, p, CitationStyle.Plain));
        Assert.Equal(
            "Abdul Rahim. (2017, March). Where does Pakistan fit in the emerging US-Russia conflict in Afghanistan [News article]. Global Village Space. \u00B6 3. pakrussia:gvs-us-russia.p2 https://www.globalvillagespace.com/pakistan-us-russia",
            CitationFormatter.Format(News, p, CitationStyle.Apa));
        var bib = CitationFormatter.Format(News, p, CitationStyle.BibTeX);
        Assert.StartsWith("@misc{gvsusrussia2017p3,\n", bib, StringComparison.Ordinal);
        Assert.Contains("  month = {March},\n", bib, StringComparison.Ordinal);
        Assert.Contains("  date = {2017-03},\n", bib, StringComparison.Ordinal);
        Assert.Contains("  url = {https://www.globalvillagespace.com/pakistan-us-russia},\n", bib, StringComparison.Ordinal);
        var ris = CitationFormatter.Format(News, p, CitationStyle.Ris).Split('\n');
        Assert.Equal("TY  - NEWS", ris[0]);
        Assert.Contains("DA  - 2017/03//", ris);
        Assert.Contains("UR  - https://www.globalvillagespace.com/pakistan-us-russia", ris);
    }

    [Fact]
    public void Forum_post_without_author_cites_thread_and_post()
    {
        var p = PassageOf(ForumThread, 9, post: 7);

        Assert.Equal(
            "\u201CWhere does Pakistan fit in the emerging US-Russia conflict in Afghanistan\u201D, defence.pk (forum thread), 4 March 2017, post 7, \u00B6 10 [pakrussia:pdf-us-russia-thread.p9]",
            CitationFormatter.Format(ForumThread, p, CitationStyle.Plain));
        // No author: APA starts with the title.
        Assert.Equal(
            "Where does Pakistan fit in the emerging US-Russia conflict in Afghanistan [Online forum post 7]. (2017, March 4). defence.pk. \u00B6 10. pakrussia:pdf-us-russia-thread.p9",
            CitationFormatter.Format(ForumThread, p, CitationStyle.Apa));
        var bib = CitationFormatter.Format(ForumThread, p, CitationStyle.BibTeX);
        Assert.DoesNotContain("author", bib, StringComparison.Ordinal);
        Assert.Contains("  note = {post 7; paragraph 10; pakrussia:pdf-us-russia-thread.p9}\n", bib, StringComparison.Ordinal);
        var ris = CitationFormatter.Format(ForumThread, p, CitationStyle.Ris);
        Assert.Equal(
            "TY  - BLOG\nTI  - Where does Pakistan fit in the emerging US-Russia conflict in Afghanistan\nPY  - 2017\nDA  - 2017/03/04/\nPB  - defence.pk\nN1  - Source type: forum thread; post 7; paragraph 10; pakrussia:pdf-us-russia-thread.p9\nER  - ",
            ris);
    }

    [Fact]
    public void Footnote_passage_says_footnote()
    {
        var p = PassageOf(Paper, 40, kind: PassageKind.Footnote, footnote: 12);

        Assert.Contains(", footnote 12, \u00B6 41 [", CitationFormatter.Format(Paper, p, CitationStyle.Plain), StringComparison.Ordinal);
        Assert.Contains("note = {footnote 12; paragraph 41;", CitationFormatter.Format(Paper, p, CitationStyle.BibTeX), StringComparison.Ordinal);
    }

    [Fact]
    public void Undated_document_without_site_or_author_leaves_parts_out_cleanly()
    {
        var doc = new DocumentMetadata { DocId = "explainer_1", Title = "Pakistan and Russia explained", SourceType = "explainer" };
        var p = PassageOf(doc, 0);

        var plain = CitationFormatter.Format(doc, p, CitationStyle.Plain);
        Assert.Equal("\u201CPakistan and Russia explained\u201D, explainer, n.d., \u00B6 1 [pakrussia:explainer_1.p0]", plain);
        Assert.DoesNotContain(", ,", plain, StringComparison.Ordinal);
        Assert.Equal("Pakistan and Russia explained [Explainer]. (n.d.). \u00B6 1. pakrussia:explainer_1.p0", CitationFormatter.Format(doc, p, CitationStyle.Apa));
        var bib = CitationFormatter.Format(doc, p, CitationStyle.BibTeX);
        Assert.StartsWith("@misc{explainer1p1,", bib, StringComparison.Ordinal);
        Assert.DoesNotContain("year", bib, StringComparison.Ordinal);
        Assert.Equal(
            "TY  - ELEC\nTI  - Pakistan and Russia explained\nPB  - explainer\nN1  - Source type: explainer; paragraph 1; pakrussia:explainer_1.p0\nER  - ",
            CitationFormatter.Format(doc, p, CitationStyle.Ris));
    }

    [Fact]
    public void BibTeX_escapes_special_characters()
    {
        var doc = Paper with { Title = "Trade up 50% & {growing} fast_now #1 for $5", Author = "A & B" };

        var bib = CitationFormatter.Format(doc, PassageOf(doc, 0), CitationStyle.BibTeX);

        Assert.Contains(@"  title = {Trade up 50\% \& \{growing\} fast\_now \#1 for \$5},", bib, StringComparison.Ordinal);
        Assert.Contains(@"  author = {A \& B},", bib, StringComparison.Ordinal);
    }

    [Fact]
    public void Ris_has_fields_in_order_one_per_line_and_ends_with_ER()
    {
        var doc = News with { Title = "Line one\r\nline two" };
        var ris = CitationFormatter.Format(doc, PassageOf(doc, 0, section: "Analysis"), CitationStyle.Ris);

        Assert.DoesNotContain('\r', ris);
        var tags = ris.Split('\n').Select(l => l[..2]).ToList();
        Assert.Equal(["TY", "TI", "AU", "PY", "DA", "PB", "UR", "N1", "ER"], tags);
        Assert.All(ris.Split('\n'), l => Assert.Equal("  - ", l[2..6]));
        Assert.EndsWith("\nER  - ", ris, StringComparison.Ordinal);
        Assert.Contains("\nTI  - Line one line two\n", ris, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2017-03-04", null, "4 March 2017")]
    [InlineData("2017-03-04", DatePrecision.Month, "March 2017")]
    [InlineData("2017-03", null, "March 2017")]
    [InlineData("2019", DatePrecision.Year, "2019")]
    [InlineData(null, null, "n.d.")]
    [InlineData("undated", null, "n.d.")]
    public void Dates_are_written_at_their_real_precision(string? date, DatePrecision? precision, string expected)
    {
        var doc = Paper with { Date = date, DatePrecision = precision };

        Assert.Equal(expected, CitationFormatter.LongDate(doc));
    }

    [Theory]
    [InlineData("plain", CitationStyle.Plain)]
    [InlineData("APA", CitationStyle.Apa)]
    [InlineData("bibtex", CitationStyle.BibTeX)]
    [InlineData("bib", CitationStyle.BibTeX)]
    [InlineData("ris", CitationStyle.Ris)]
    public void Style_names_parse(string name, CitationStyle expected)
    {
        Assert.True(CitationFormatter.TryParseStyle(name, out var style));
        Assert.Equal(expected, style);
        Assert.False(CitationFormatter.TryParseStyle("mla", out _));
    }
}
