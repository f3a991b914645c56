using System.Text.Json;
using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;
using PakRussia.Search.Quotes;
using static PakRussia.Search.Tests.Quotes.CitationFormatterTests;

namespace PakRussia.Search.Tests.Quotes;

public class PassageExportTests
{
    private static readonly (DocumentMetadata, Passage)[] Rows =
    [
        (Paper, PassageOf(Paper, 0, "Russia, China, Pakistan axis will be a \"symbol\" of peace\nand prosperity.", section: "Abstract")),
        (ForumThread, PassageOf(ForumThread, 3, "=HYPERLINK(\"http://evil\")", post: 2)),
    ];

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+92 300", "'+92 300")]
    [InlineData("-5 percent", "'-5 percent")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("=A1,\"x\"", "\"'=A1,\"\"x\"\"\"")]
    [InlineData("", "")]
    public void Csv_cells_are_quoted_and_guarded(string value, string expected)
    {
        Assert.Equal(expected, PassageExport.CsvCell(value));
    }

    [Fact]
    public void Csv_has_a_header_and_one_record_per_passage()
    {
        var writer = new StringWriter();
        PassageExport.Write("csv", Rows, writer);
        var csv = writer.ToString();

        Assert.StartsWith("passageId,docId,title,sourceType,date,author,section,ordinal,kind,text,citation\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(
            "pak-russia-central-asia.p0,pak-russia-central-asia,Pakistan-Russia Collaboration: Central Asia & Afghanistan,academic,2019,Shabir Ahmad Khan,Abstract,0,body,"
            + "\"Russia, China, Pakistan axis will be a \"\"symbol\"\" of peace\nand prosperity.\",\"\u201CPakistan-Russia Collaboration",
            csv,
            StringComparison.Ordinal);
        Assert.Contains(",0,body,", csv, StringComparison.Ordinal);
        Assert.Contains(",3,body,\"'=HYPERLINK(\"\"http://evil\"\")\",", csv, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Jsonl_writes_one_object_per_line_with_metadata_and_citation()
    {
        var writer = new StringWriter();
        PassageExport.WriteJsonl(Rows, writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var o = first.RootElement;
        Assert.Equal("pak-russia-central-asia.p0", o.GetProperty("passageId").GetString());
        Assert.Equal("academic", o.GetProperty("sourceType").GetString());
        Assert.Equal("year", o.GetProperty("datePrecision").GetString());
        Assert.Equal("body", o.GetProperty("kind").GetString());
        Assert.Contains("\n", o.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("\u201C", o.GetProperty("citation").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("@misc{", o.GetProperty("citations").GetProperty("bibtex").GetString(), StringComparison.Ordinal);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(2, second.RootElement.GetProperty("postNumber").GetInt32());
    }

    [Fact]
    public void Ris_writes_one_record_per_passage()
    {
        var writer = new StringWriter();
        PassageExport.Write("RIS", Rows, writer);
        var records = writer.ToString().Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, records.Length);
        Assert.All(records, r => Assert.EndsWith("ER  - ", r, StringComparison.Ordinal));
        Assert.StartsWith("TY  - JOUR\n", records[0], StringComparison.Ordinal);
        Assert.StartsWith("TY  - BLOG\n", records[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_format_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => PassageExport.Write("xlsx", Rows, new StringWriter()));
    }
}
