using System.Globalization;
using PakRussia.Search.Quotes;

namespace PakRussia.Search.Concordance;

/// <summary>
/// Concordance lines and collocates as CSV (RFC 4180: quoted when needed, quotes doubled, formula-like cells defused, as
/// <see cref="PassageExport.CsvCell"/> does) or TSV (one line per row: tabs, newlines and backslashes in a cell escaped
/// as \t, \n, \r and \\).
/// </summary>
public static class KwicExport
{
    public static IReadOnlyList<string> LineColumns { get; } =
        ["passage_id", "doc_id", "year", "source_type", "left", "match", "right", "start", "end", "copy_of", "citation"];

    public static IReadOnlyList<string> CollocateColumns { get; } =
        ["word", "frequency", "subcorpus_frequency", "log_dice", "log_likelihood"];

    /// <summary>True for "csv" and "tsv".</summary>
    public static bool IsFormat(string? format) => format is "csv" or "tsv";

    public static void WriteLines(IEnumerable<KwicLine> lines, TextWriter writer, string format)
    {
        Row(writer, format, LineColumns);
        foreach (var line in lines)
        {
            Row(writer, format,
            [
                line.PassageId, line.DocId, line.Year?.ToString(CultureInfo.InvariantCulture) ?? "", line.SourceType, line.Left, line.Match,
                line.Right, Number(line.Start), Number(line.End), line.CopyOf ?? "", line.Citation,
            ]);
        }
    }

    public static void WriteCollocates(IEnumerable<Collocate> collocates, TextWriter writer, string format)
    {
        Row(writer, format, CollocateColumns);
        foreach (var c in collocates)
        {
            Row(writer, format,
            [
                c.Word, Number(c.Frequency), Number(c.SubcorpusFrequency),
                c.LogDice.ToString("0.###", CultureInfo.InvariantCulture), c.LogLikelihood.ToString("0.###", CultureInfo.InvariantCulture),
            ]);
        }
    }

    /// <summary>One TSV cell: tab, CR, LF and backslash escaped so that a row stays one line.</summary>
    public static string TsvCell(string value) =>
        value.AsSpan().IndexOfAny("\t\r\n\\") < 0
            ? value
            : value.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Row(TextWriter writer, string format, IReadOnlyList<string> cells)
    {
        var separator = format == "tsv" ? '\t' : ',';
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
                writer.Write(separator);
            writer.Write(format == "tsv" ? TsvCell(cells[i]) : PassageExport.CsvCell(cells[i]));
        }

        writer.Write("\r\n");
    }
}
