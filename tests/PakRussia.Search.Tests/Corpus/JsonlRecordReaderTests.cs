using System.IO.Compression;
using System.Text;
using PakRussia.Search.Corpus;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Corpus;

public sealed class JsonlRecordReaderTests
{
    private const string TwoRecords =
        "{\"id\":\"a1\",\"title\":\"Warm waters\",\"text\":\"Access to the Arabian Sea.\",\"sourceType\":\"forum\",\"date\":\"2014-05\",\"author\":\"x\",\"site\":\"defence.pk\",\"url\":\"https://e.org/1\"}\n" +
        "{\"_id\": 4983, \"title\": \"Microstructural\", \"text\": \"Alterations of white matter.\", \"metadata\": {\"k\": [1, 2]}}\n";

    [Fact]
    public void Reads_plain_files_with_all_fields_and_numeric_underscore_id()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("docs.jsonl"), TwoRecords);
        var problems = new List<string>();

        var records = JsonlRecordReader.Read(temp.File("docs.jsonl"), problems).ToList();

        Assert.Empty(problems);
        Assert.Equal(
            new JsonlRecord("a1", "Warm waters", "Access to the Arabian Sea.", "forum", "2014-05", "x", "defence.pk", "https://e.org/1", 1),
            records[0]);
        Assert.Equal(new JsonlRecord("4983", "Microstructural", "Alterations of white matter.", null, null, null, null, null, 2), records[1]);
    }

    [Fact]
    public void Detects_gzip_by_its_magic_bytes_not_the_name()
    {
        using var temp = new TempFolder();
        var path = temp.File("docs.jsonl"); // gzip content under a plain name
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(TwoRecords));
        }

        var records = JsonlRecordReader.Read(path, new List<string>()).ToList();

        Assert.Equal(["a1", "4983"], records.Select(r => r.Id));
    }

    [Fact]
    public void Skips_blank_lines_and_reports_bad_ones_with_their_line_number()
    {
        using var temp = new TempFolder();
        var path = temp.File("bad.jsonl");
        File.WriteAllText(path,
            "\n" +                                          // 1 blank
            "{\"id\":\"ok1\",\"text\":\"fine\"}\r\n" +       // 2 ok (CRLF)
            "{\"id\":\"broken\",\"text\":\"no end\"\n" +     // 3 malformed
            "   \t\n" +                                     // 4 blank
            "{\"title\":\"no id\",\"text\":\"t\"}\n" +       // 5 no id
            "{\"id\":\"x\",\"title\":\"no text\"}\n" +       // 6 no text
            "[1,2]\n" +                                     // 7 not an object
            "{\"id\":\"y\",\"text\":\"t\"} {\"id\":\"z\"}\n" + // 8 two values
            "{\"id\":\"ok2\",\"text\":\"last, no newline\"}");  // 9 ok
        var problems = new List<string>();

        var records = JsonlRecordReader.Read(path, problems).ToList();

        Assert.Equal(["ok1", "ok2"], records.Select(r => r.Id));
        Assert.Equal([2, 9], records.Select(r => r.LineNumber));
        Assert.Equal(5, problems.Count);
        Assert.StartsWith(path + ":3: malformed JSON", problems[0]);
        Assert.Equal(path + ":5: no id (expected \"id\" or \"_id\")", problems[1]);
        Assert.Equal(path + ":6: record 'x' has no text", problems[2]);
        Assert.StartsWith(path + ":7: expected a JSON object", problems[3]);
        Assert.StartsWith(path + ":8: malformed JSON", problems[4]);
    }

    [Fact]
    public void Ignores_a_byte_order_mark_and_reports_invalid_utf8()
    {
        using var temp = new TempFolder();
        var path = temp.File("bom.jsonl");
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetPreamble());
        bytes.AddRange(Encoding.UTF8.GetBytes("{\"id\":\"b1\",\"text\":\"Дружба\"}\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes("{\"id\":\"b2\",\"text\":\"bad "));
        bytes.AddRange([0xC3, 0x28]); // invalid UTF-8
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}\n"));
        File.WriteAllBytes(path, bytes.ToArray());
        var problems = new List<string>();

        var records = JsonlRecordReader.Read(path, problems).ToList();

        Assert.Equal("Дружба", Assert.Single(records).Text);
        Assert.StartsWith(path + ":2: malformed JSON", Assert.Single(problems));
    }

    [Fact]
    public void Streams_lines_longer_than_its_buffer_and_reads_lazily()
    {
        using var temp = new TempFolder();
        var path = temp.File("big.jsonl");
        var longText = new string('w', 200_000);
        var lines = Enumerable.Range(0, 5000).Select(i => $"{{\"id\":{i},\"text\":\"passage {i}\"}}")
            .Prepend($"{{\"id\":\"long\",\"text\":\"{longText}\"}}");
        File.WriteAllText(path, string.Join("\n", lines) + "\nnot json at all\n");
        var problems = new List<string>();

        var first = JsonlRecordReader.Read(path, problems).Take(2).ToList();
        Assert.Equal(longText, first[0].Text);
        Assert.Empty(problems); // the bad last line has not been read yet

        var all = JsonlRecordReader.Read(path, problems).ToList();
        Assert.Equal(5001, all.Count);
        Assert.Equal(new JsonlRecord("4999", "", "passage 4999", null, null, null, null, null, 5001), all[^1]);
        Assert.Equal(path + ":5002: ", Assert.Single(problems)[..(path.Length + 7)]);
    }

    [Fact]
    public void A_missing_file_throws_at_once_with_its_path()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => JsonlRecordReader.Read("/nowhere/docs.jsonl", new List<string>()));
        Assert.Contains("/nowhere/docs.jsonl", ex.Message);
    }

    [Fact]
    public void Reads_the_first_records_of_the_SciFact_corpus()
    {
        if (RepoPaths.Shared is not { } shared || !File.Exists(Path.Combine(shared, "data", "scifact", "corpus.jsonl.gz")))
        {
            return; // the shared data is not on this machine
        }

        var problems = new List<string>();
        var records = JsonlRecordReader.Read(Path.Combine(shared, "data", "scifact", "corpus.jsonl.gz"), problems).Take(3).ToList();

        Assert.Empty(problems);
        Assert.Equal("4983", records[0].Id);
        Assert.StartsWith("Microstructural development of human newborn", records[0].Title);
        Assert.StartsWith("Alterations of the architecture of cerebral white matter", records[0].Text);
        Assert.All(records, r => Assert.False(string.IsNullOrWhiteSpace(r.Text)));
        Assert.Equal([1, 2, 3], records.Select(r => r.LineNumber));

        // The whole corpus: 5,183 abstracts (Anserini's index stats), every one readable.
        var count = JsonlRecordReader.Read(Path.Combine(shared, "data", "scifact", "corpus.jsonl.gz"), problems).Count();
        Assert.Equal(5183, count);
        Assert.Empty(problems);
    }
}
