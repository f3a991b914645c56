using System.Text.RegularExpressions;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>
/// Corpus files built to break the reader or the highlighter (extends Corpus/MessyCorpusTests): deep nesting,
/// malformed markup, markup and marker characters inside the text, a file that grows while it is read.
/// </summary>
public sealed class HostileCorpusTests
{
    private static string Nested(int depth, string inner) =>
        "<html><body>" + string.Concat(Enumerable.Repeat("<div>", depth)) + inner + string.Concat(Enumerable.Repeat("</div>", depth)) + "</body></html>";

    private static T OnSmallStack<T>(Func<T> body)
    {
        // 256 KB of stack: recursion per nesting level would overflow long before 100,000 levels (and kill the process).
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { result = body(); } catch (Exception ex) { error = ex; }
        }, 256 * 1024);
        thread.Start();
        thread.Join(); // no deadline: a test must not depend on the machine's speed (a hang meets the run's hang timeout)
        if (error is not null) throw error;
        return result;
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(HtmlTextExtractor.MaxNesting + 1)]
    [InlineData(HtmlTextExtractor.MaxNesting - 10)]
    public void Extract_DeeplyNestedHtml_ReturnsTheTextWithoutOverflowingTheStack(int depth)
    {
        var (text, _) = OnSmallStack(() => HtmlTextExtractor.Extract(Nested(depth, "<p>Pakistan and Russia deepword.</p><script>SCRIPT_TEXT</script>")));
        Assert.Contains("Pakistan and Russia deepword.", text);
        Assert.DoesNotContain("SCRIPT_TEXT", text);
    }

    [Fact]
    public void StripTags_Fallback_KeepsVisibleTextParagraphsAndTitle()
    {
        var (text, title) = HtmlTextExtractor.StripTags(
            "<html><head><title>Deep &amp; odd</title><style>p{}</style></head><body><!-- hidden --><p>One &lt;mark&gt; two</p>"
            + "<div>Three<br>four</div><script>var x = '<p>no</p>';</script><nav>menu</nav></body></html>");
        Assert.Equal("Deep & odd", title);
        Assert.Equal("One <mark> two\n\nThree\n\nfour", text);
    }

    [Theory]
    [InlineData("<p>unclosed <b><i>tags</p></div></span> zebraword")]
    [InlineData("<<<>>> zebraword &bogus; &#xFFFFFF; &#0; &#x110000;")]
    [InlineData("<p attr=\"never closed>zebraword")]
    [InlineData("<![CDATA[ zebraword ]]><!-- unterminated comment")]
    [InlineData("<table><tr><td>zebraword<td><tr></table></table></table>")]
    [InlineData("<svg><p>zebraword</p></svg><math><mi>x</mi>")]
    public void Extract_MalformedHtml_NeitherThrowsNorLosesTheVisibleWord(string html)
    {
        var (text, _) = HtmlTextExtractor.Extract(html);
        Assert.DoesNotContain('\0', text);
        if (!html.Contains("attr=") && !html.Contains("CDATA") && !html.StartsWith("<svg", StringComparison.Ordinal))
        {
            Assert.Contains("zebraword", text);
        }
    }

    /// <summary>
    /// Markup and the highlighter's own marker characters inside a document must come out escaped and must not
    /// forge a highlight: the highlight has exactly the real matches marked.
    /// </summary>
    [Fact]
    public void Search_DocumentWithMarkupAndMarkers_HighlightsOnlyRealMatches()
    {
        using var temp = new TempFolder();
        var corpus = temp.File("corpus");
        Directory.CreateDirectory(corpus);
        File.WriteAllText(Path.Combine(corpus, "forged.txt"),
            "A zebraword sits next to <mark>fake</mark> and &lt;mark&gt;escaped&lt;/mark&gt; and \uE000forged\uE001 markers and <script>alert(1)</script> in this post about Pakistan and Russia.");
        File.WriteAllText(Path.Combine(corpus, "forged.html"),
            "<html><head><title>Odd page</title></head><body><p>The quaggaword is beside <mark>real element</mark> and &lt;mark&gt;entity&lt;/mark&gt; text and \uE000pua\uE001 here.</p></body></html>");
        var index = temp.File("idx");
        IndexBuilder.Update(new FolderCorpusSource(corpus), index);
        var searcher = new Searcher(index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };

        var text = Assert.Single(searcher.Search(new SearchRequest { Query = "zebraword" }).Hits);
        AssertOnlyRealMarks(text, "zebraword");
        Assert.Contains("&lt;mark&gt;fake&lt;/mark&gt;", text.Highlight);
        Assert.Contains("&amp;lt;mark&amp;gt;escaped", text.Highlight);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", text.Highlight);

        var forged = Assert.Single(searcher.Search(new SearchRequest { Query = "forged" }).Hits);
        AssertOnlyRealMarks(forged, "forged");

        var html = Assert.Single(searcher.Search(new SearchRequest { Query = "quaggaword" }).Hits);
        AssertOnlyRealMarks(html, "quaggaword");
        Assert.Contains("&lt;mark&gt;entity&lt;/mark&gt;", html.Highlight);
        Assert.DoesNotContain("<mark>real element</mark>", html.Highlight);
    }

    private static void AssertOnlyRealMarks(SearchHit hit, string word, bool cleaned = true)
    {
        if (cleaned)
        {
            // The corpus cleaner replaces the private-use characters the first engine used as highlight markers.
            Assert.DoesNotContain('\uE000', hit.Text + hit.Highlight + hit.Snippet);
            Assert.DoesNotContain('\uE001', hit.Text + hit.Highlight + hit.Snippet);
        }

        var marks = Regex.Matches(hit.Highlight, "<mark>(.*?)</mark>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(hit.Matches.Count, marks.Count);
        Assert.Equal(Regex.Matches(hit.Highlight, "<mark>").Count, Regex.Matches(hit.Highlight, "</mark>").Count);
        Assert.All(marks, m => Assert.Equal(word, m, ignoreCase: true));
        var titleMarks = Regex.Matches(hit.TitleHighlight ?? "", "<mark>(.*?)</mark>").Select(m => m.Groups[1].Value);
        Assert.All(titleMarks, m => Assert.Equal(word, m, ignoreCase: true));
        Assert.DoesNotMatch("<(?!/?mark>)", hit.TitleHighlight ?? "");
        Assert.DoesNotMatch("<(?!/?mark>)", hit.Highlight);
    }

    /// <summary>
    /// Documents made in code skip the corpus cleaner: marks come only from match offsets, so no character of the text
    /// (the first engine's private-use markers, markup) can make one; the characters stay as written, escaped.
    /// </summary>
    [Fact]
    public void Search_ImportedDocumentWithMarkers_CannotForgeAHighlight()
    {
        using var temp = new TempFolder();
        var index = temp.File("idx");
        IndexBuilder.BuildFrom([TestDocuments.Make("imported", "news", "2020", "An okapiword and \uE000forged\uE001 and <mark>x</mark> here.")], index, "test");
        var hit = Assert.Single(new Searcher(index) { TimeBudget = TestSupport.SeedIndex.QueryBudget }.Search(new SearchRequest { Query = "okapiword" }).Hits);
        AssertOnlyRealMarks(hit, "okapiword", cleaned: false);
        Assert.Contains("\uE000forged\uE001", hit.Text);
        Assert.Contains("&lt;mark&gt;x&lt;/mark&gt;", hit.Highlight);
    }

    /// <summary>Best effort: a file appended to while the indexer reads it is either indexed or skipped with a reason; the build never fails.</summary>
    [Fact]
    public async Task Build_FileGrowingWhileRead_CompletesWithTheFileIndexedOrSkipped()
    {
        using var temp = new TempFolder();
        var corpus = temp.File("corpus");
        SyntheticCorpus.CopySeeds(corpus);
        var growing = Path.Combine(corpus, "growing.txt");
        File.WriteAllText(growing, "Pakistan and Russia growword talks began.\n\n");
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                File.AppendAllText(growing, $"Paragraph {n++} about growword energy and trade between the two states.\n\n");
                Thread.Sleep(1);
            }
        });
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var summary = IndexBuilder.Update(new FolderCorpusSource(corpus), temp.File("idx"), new BuildOptions { Rebuild = i == 0 });
                var indexed = new Searcher(temp.File("idx")) { TimeBudget = TestSupport.SeedIndex.QueryBudget }.Search(new SearchRequest { Query = "growword" }).Total > 0;
                Assert.True(indexed || summary.Skipped.Any(s => s.Path == "growing.txt"), "growing.txt was neither indexed nor reported as skipped");
            }
        }
        finally
        {
            stop.Cancel();
            await writer;
        }
    }
}
