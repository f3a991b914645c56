using PakRussia.Search.Citations;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Quotes;

/// <summary>One passage as written by the jsonl export (camelCase keys).</summary>
public sealed record PassageExportRecord(
    string PassageId,
    string DocId,
    string Title,
    string SourceType,
    string? Site,
    string? Author,
    string? Date,
    DatePrecision? DatePrecision,
    string? Url,
    string? Section,
    int Ordinal,
    PassageKind Kind,
    int? PostNumber,
    int? FootnoteNumber,
    int Start,
    int End,
    string Text,
    string Citation,
    CitationSet Citations);

/// <summary>
/// Writes passages for <c>search --export</c>: csv (RFC 4180, header row, formula-injection guard),
/// jsonl (one object per line) or ris (one record per passage). Streams: rows are written as they are enumerated.
/// </summary>
public static class PassageExport
{
    /// <summary>The export formats, as the CLI names them.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["csv", "jsonl", "ris"];

    /// <summary>The CSV columns, in order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
        ["passageId", "docId", "title", "sourceType", "date", "author", "section", "ordinal", "kind", "text", "citation"];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        // Keep “curly quotes” and non-Latin text readable in the file; JSON stays valid.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>True for a format <see cref="Write"/> knows ("csv", "jsonl"/"ndjson", "ris"; case-insensitive).</summary>
    public static bool IsFormat(string? format) => format?.Trim().ToLowerInvariant() is "csv" or "jsonl" or "ndjson" or "ris";

    /// <summary>The content type of an export format (for downloads).</summary>
    public static string ContentType(string format) => format.Trim().ToLowerInvariant() switch
    {
        "csv" => "text/csv; charset=utf-8",
        "jsonl" or "ndjson" => "application/x-ndjson; charset=utf-8",
        "ris" => "application/x-research-info-systems; charset=utf-8",
        _ => throw new ArgumentException($"Unknown export format '{format}' (expected {string.Join(", ", Formats)})", nameof(format)),
    };

    /// <summary>The usual file extension of an export format, without the dot.</summary>
    public static string Extension(string format) => format.Trim().ToLowerInvariant() is "ndjson" ? "jsonl" : format.Trim().ToLowerInvariant();

    /// <summary>
    /// Writes in the named format ("csv", "jsonl" or "ris", case-insensitive). <paramref name="style"/> is the style of
    /// the csv "citation" column and the jsonl "citation" field (jsonl also has every style under "citations").
    /// </summary>
    public static void Write(string format, IEnumerable<(DocumentMetadata Document, Passage Passage)> rows, TextWriter writer, CitationStyle style = CitationStyle.Plain)
    {
        ArgumentNullException.ThrowIfNull(format);
        switch (format.Trim().ToLowerInvariant())
        {
            case "csv": WriteCsv(rows, writer, style); break;
            case "jsonl" or "ndjson": WriteJsonl(rows, writer, style); break;
            case "ris": WriteRis(rows, writer); break;
            default: throw new ArgumentException($"Unknown export format '{format}' (expected {string.Join(", ", Formats)})", nameof(format));
        }
    }

    public static void WriteCsv(IEnumerable<(DocumentMetadata Document, Passage Passage)> rows, TextWriter writer, CitationStyle style = CitationStyle.Plain)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writer);
        WriteCsvRow(writer, CsvColumns);
        foreach (var (document, passage) in rows)
        {
            WriteCsvRow(writer,
            [
                passage.PassageId,
                document.DocId,
                document.Title,
                document.SourceType,
                document.Date ?? "",
                document.Author ?? "",
                passage.Section ?? "",
                passage.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture),
                KindName(passage.Kind),
                passage.Text,
                CitationFormatter.Format(document, passage, style),
            ]);
        }

        writer.Flush();
    }

    public static void WriteJsonl(IEnumerable<(DocumentMetadata Document, Passage Passage)> rows, TextWriter writer, CitationStyle style = CitationStyle.Plain)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var (document, passage) in rows)
        {
            var citations = CitationFormatter.All(document, passage);
            var record = new PassageExportRecord(
                passage.PassageId, document.DocId, document.Title, document.SourceType, document.Site, document.Author,
                document.Date, document.DatePrecision, document.Url, passage.Section, passage.Ordinal, passage.Kind,
                passage.PostNumber, passage.FootnoteNumber, passage.Start, passage.End, passage.Text, CitationFormatter.Format(document, passage, style), citations);
            writer.Write(JsonSerializer.Serialize(record, JsonOptions));
            writer.Write('\n');
        }

        writer.Flush();
    }

    public static void WriteRis(IEnumerable<(DocumentMetadata Document, Passage Passage)> rows, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var (document, passage) in rows)
        {
            writer.Write(CitationFormatter.Format(document, passage, CitationStyle.Ris));
            writer.Write("\n\n");
        }

        writer.Flush();
    }

    /// <summary>
    /// One CSV cell: a cell starting with = + - @ (or a tab/CR) gets a leading single quote so spreadsheets do not
    /// run it as a formula; a cell with a comma, quote, CR or LF is quoted with inner quotes doubled.
    /// </summary>
    public static string CsvCell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 8).Append('"');
        foreach (var c in value)
        {
            sb.Append(c == '"' ? "\"\"" : c.ToString());
        }

        return sb.Append('"').ToString();
    }

    private static void WriteCsvRow(TextWriter writer, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(CsvCell(cells[i]));
        }

        writer.Write("\r\n"); // RFC 4180 record separator
    }

    private static string KindName(PassageKind kind) => kind switch
    {
        PassageKind.Body => "body",
        PassageKind.Heading => "heading",
        PassageKind.List => "list",
        PassageKind.Footnote => "footnote",
        PassageKind.Quote => "quote",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
