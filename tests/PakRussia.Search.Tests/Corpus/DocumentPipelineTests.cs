using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;
using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Tests.Corpus;

public sealed class DocumentPipelineTests(ITestOutputHelper output)
{
    private static DocumentMetadata Metadata(string id = "wiki-pakistan-russia") =>
        new() { DocId = id, Title = "Pakistan–Russia relations", SourceType = "wikipedia" };

    [Fact]
    public void FromText_PlainText_GivesPassagesWithOffsetsAndHash()
    {
        const string text = "Pakistan and Russia signed an agreement. It covers energy.\n\nThe second paragraph talks about trade between the two countries.";
        var document = DocumentPipeline.FromText(Metadata(), text, "jsonl:wiki.jsonl#1");

        Assert.Equal("jsonl:wiki.jsonl#1", document.SourcePath);
        Assert.NotEmpty(document.ContentHash);
        var passage = Assert.Single(document.Passages);
        Assert.Equal(document.CleanText[passage.Start..passage.End], passage.Text);
        Assert.Equal("wiki-pakistan-russia.p0", passage.PassageId);
        Assert.Equal(19, passage.WordCount);
    }

    [Fact]
    public void FromText_HighlighterMarkers_AreReplacedAndReported()
    {
        var document = DocumentPipeline.FromText(Metadata(), "A \uE000marked\uE001 word in a sentence.", "jsonl:x#2");
        Assert.DoesNotContain(document.CleanText, c => c is '\uE000' or '\uE001');
        Assert.Contains("\uFFFDmarked\uFFFD", document.CleanText);
        Assert.All(document.Passages, p => Assert.DoesNotContain(p.Text, c => c is '\uE000' or '\uE001'));
        var warning = Assert.Single(document.Warnings);
        Assert.Contains("jsonl:x#2", warning);
        Assert.Contains("2 reserved", warning);
    }

    [Fact]
    public void FromText_ContentHash_ChangesWithTextOrMetadata()
    {
        var a = DocumentPipeline.FromText(Metadata(), "Some text about Moscow.", "p").ContentHash;
        Assert.Equal(a, DocumentPipeline.FromText(Metadata(), "Some text about Moscow.", "p").ContentHash);
        Assert.NotEqual(a, DocumentPipeline.FromText(Metadata(), "Some text about Islamabad.", "p").ContentHash);
        Assert.NotEqual(a, DocumentPipeline.FromText(Metadata() with { Title = "Other" }, "Some text about Moscow.", "p").ContentHash);
    }

    [Fact]
    public void FromText_WindowsLineBreaksAndControlCharacters_AreNormalised()
    {
        var document = DocumentPipeline.FromText(Metadata(), "First paragraph here.\r\n\r\nSecond\u0007 paragraph here.", "p");
        Assert.DoesNotContain('\r', document.CleanText);
        Assert.DoesNotContain('\u0007', document.CleanText);
        Assert.Contains("First paragraph here.\n\nSecond  paragraph here.", document.CleanText);
    }

    [Fact]
    public void FromText_MarkdownFormat_FindsHeadingsAndLists()
    {
        var document = DocumentPipeline.FromText(Metadata(), "# Energy\n\nRussia offered gas.\n\n- Pipeline\n- Oil", "p", "markdown");
        Assert.Equal(PassageKind.Heading, document.Passages[0].Kind);
        Assert.Equal("Energy", document.Passages[0].Text);
        Assert.All(document.Passages.Skip(1), p => Assert.Equal("Energy", p.Section));
        // Each item is a block of its own (blocks are laid out with a blank line between them), merged into one passage.
        Assert.Contains(document.Passages, p => p.Kind == PassageKind.List && p.Text == "- Pipeline\n\n- Oil");
    }

    [Fact]
    public void FromText_HtmlFormat_UsesVisibleText()
    {
        var document = DocumentPipeline.FromText(Metadata(), "<p>Visible words.</p><script>hidden()</script>", "p", "html");
        Assert.Equal("Visible words.", document.CleanText);
    }

    [Fact]
    public void FromText_LargeRunOnInput_StaysLinearAndBounded()
    {
        // 2 MB: long paragraphs, a text with no punctuation at all, many blank lines.
        var builder = new StringBuilder();
        for (var i = 0; i < 4000; i++)
        {
            builder.Append("Pakistan and Russia discussed trade i.e. energy, e.g. gas, in Moscow on 12 May 2019. ");
            if (i % 50 == 0) builder.Append("\n\n");
        }

        builder.Append(string.Join(' ', Enumerable.Repeat("word", 50_000)));
        var watch = Stopwatch.StartNew();
        var document = DocumentPipeline.FromText(Metadata(), builder.ToString(), "p");
        watch.Stop();

        Assert.All(document.Passages, p => Assert.True(p.WordCount <= PassageBuilder.MaxWords));
        Assert.All(document.Passages, p => Assert.Equal(document.CleanText[p.Start..p.End], p.Text));
        // The time is printed, not asserted (a test must not depend on the machine's speed); a quadratic pass over
        // these 2 MB would show here and in the test run's hang timeout.
        output.WriteLine($"2 MB run-on input: {document.Passages.Count} passages in {watch.Elapsed.TotalMilliseconds:F0} ms");
    }
}
