using System.Globalization;
using System.Text;
using PakRussia.Search.Concordance;
using PakRussia.Search.Quotes;

namespace PakRussia.Search.Cli;

/// <summary>
/// The terminal and CSV views of the corpus statistics: <c>trend</c> (a table per year), <c>dispersion</c> (a strip per
/// document) and <c>keywords</c> (a table). Corpus text (terms, titles, words) is neutralised with <see cref="Printable"/>.
/// </summary>
public sealed partial class TerminalView
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void WriteTrend(TrendResponse response)
    {
        foreach (var warning in response.Warnings)
            error.WriteLine($"warning: {warning}");
        var terms = response.Terms.Select(Printable).ToList();
        output.WriteLine($"Occurrences per year of {string.Join(", ", terms)} in {response.Words.ToString("N0", Invariant)} words ({response.TookMs:0.0} ms)");
        output.WriteLine(Dim("n: occurrences; per 10k: per 10,000 words of that year's text; docs: documents that have the term"));
        output.WriteLine();
        var header = new List<string> { "year" };
        if (response.BySource)
            header.Add("source");
        header.AddRange(["words", "documents"]);
        foreach (var term in terms)
            header.AddRange([$"{term}: n", "per 10k", "docs"]);
        var rows = response.Years.Select(y =>
        {
            var row = new List<string> { y.Year?.ToString(Invariant) ?? "undated" };
            if (response.BySource)
                row.Add(Printable(y.Source ?? ""));
            row.AddRange([y.Words.ToString("N0", Invariant), y.TotalDocuments.ToString(Invariant)]);
            foreach (var term in response.Terms)
                row.AddRange([y.Counts[term].ToString(Invariant), y.Per10k[term].ToString("0.00", Invariant), y.Documents[term].ToString(Invariant)]);
            return row;
        }).ToList();
        WriteTable(header, rows, leftColumns: response.BySource ? 2 : 1);
    }

    public static void WriteTrendCsv(TextWriter output, TrendResponse response)
    {
        var header = new List<string> { "year" };
        if (response.BySource)
            header.Add("source");
        header.AddRange(["words", "passages", "documents"]);
        foreach (var term in response.Terms)
            header.AddRange([$"{term} count", $"{term} per10k", $"{term} documents"]);
        output.WriteLine(string.Join(',', header.Select(PassageExport.CsvCell)));
        foreach (var y in response.Years)
        {
            var row = new List<string> { y.Year?.ToString(Invariant) ?? "" };
            if (response.BySource)
                row.Add(y.Source ?? "");
            row.AddRange([y.Words.ToString(Invariant), y.Passages.ToString(Invariant), y.TotalDocuments.ToString(Invariant)]);
            foreach (var term in response.Terms)
                row.AddRange([y.Counts[term].ToString(Invariant), y.Per10k[term].ToString("0.####", Invariant), y.Documents[term].ToString(Invariant)]);
            output.WriteLine(string.Join(',', row.Select(PassageExport.CsvCell)));
        }
    }

    public void WriteDispersion(DispersionResponse response, int width)
    {
        foreach (var warning in response.Warnings)
            error.WriteLine($"warning: {warning}");
        if (response.Total == 0)
        {
            output.WriteLine($"'{Printable(response.Term)}' does not occur in the passages searched.");
            return;
        }

        output.WriteLine($"'{Printable(response.Term)}' occurs {response.Total} {(response.Total == 1 ? "time" : "times")} in {response.TotalDocuments} "
            + $"{(response.TotalDocuments == 1 ? "document" : "documents")}; showing {response.Documents.Count} ({response.TookMs:0.0} ms)");
        output.WriteLine(Dim($"Each strip is one document, start to end, in {width} columns of its cleaned text; | marks a column with an occurrence."));
        output.WriteLine();
        var idWidth = Math.Min(40, response.Documents.Max(d => d.DocId.Length));
        foreach (var document in response.Documents)
        {
            var id = Printable(document.DocId);
            id = id.Length > idWidth ? id[..(idWidth - 1)] + "…" : id.PadRight(idWidth);
            output.WriteLine($"{id} {document.Count,5}  [{Strip(document, width)}]  {document.Length.ToString("N0", Invariant)} chars");
        }
    }

    /// <summary>The document's length in <paramref name="width"/> columns: '|' where an occurrence starts, '-' elsewhere.</summary>
    public static string Strip(DispersionDocument document, int width)
    {
        var strip = new char[width];
        Array.Fill(strip, '-');
        var length = Math.Max(1, document.Length);
        foreach (var offset in document.Offsets)
            strip[Math.Clamp((int)((long)offset * width / length), 0, width - 1)] = '|';
        return new string(strip);
    }

    public static void WriteDispersionCsv(TextWriter output, DispersionResponse response)
    {
        output.WriteLine("docId,title,sourceType,year,length,count,offsets");
        foreach (var d in response.Documents)
        {
            var cells = new[]
            {
                d.DocId, d.Title, d.SourceType, d.Year?.ToString(Invariant) ?? "", d.Length.ToString(Invariant), d.Count.ToString(Invariant),
                string.Join(' ', d.Offsets.Select(o => o.ToString(Invariant))),
            };
            output.WriteLine(string.Join(',', cells.Select(PassageExport.CsvCell)));
        }
    }

    public void WriteKeywords(KeywordResponse response)
    {
        foreach (var warning in response.Warnings)
            error.WriteLine($"warning: {warning}");
        var target = response.Query.Length > 0 ? $"the {response.TargetPassages.ToString("N0", Invariant)} passages matching '{Printable(response.Query)}'" : $"the {response.TargetPassages.ToString("N0", Invariant)} passages chosen";
        var reference = response.Reference == KeywordResponse.RestOfTheCorpus ? "the rest of the corpus"
            : $"the {response.ReferencePassages.ToString("N0", Invariant)} reference passages ({Printable(response.Reference)})";
        var kind = response.Negative ? "Negative keywords (under-represented)" : "Keywords";
        var where = response.Negative ? "in the reference" : "";
        output.WriteLine($"{kind} of {target} ({response.TargetWords.ToString("N0", Invariant)} words) against {reference} "
            + $"({response.ReferenceWords.ToString("N0", Invariant)} words); at least {response.MinFrequency} times{(where.Length > 0 ? " " + where : "")} ({response.TookMs:0.0} ms)");
        output.WriteLine(Dim("G²: log-likelihood (3.84: p < 0.05, 6.63: p < 0.01, 15.13: p < 0.001); log ratio: log2 of the ratio of the frequencies per word (1 = twice as frequent)"));
        output.WriteLine();
        if (response.Keywords.Count == 0)
        {
            output.WriteLine(response.Negative ? "No word is under-represented that often." : "No word is over-represented that often.");
            return;
        }

        var rows = response.Keywords.Select(k => (IReadOnlyList<string>)
        [
            Printable(k.Word), k.Frequency.ToString(Invariant), k.ReferenceFrequency.ToString(Invariant),
            k.LogLikelihood.ToString("0.00", Invariant), k.LogRatio.ToString("0.00", Invariant),
        ]).ToList();
        WriteTable(["word", "target", "reference", "G²", "log ratio"], rows, leftColumns: 1);
    }

    public static void WriteKeywordsCsv(TextWriter output, KeywordResponse response)
    {
        output.WriteLine("word,stem,frequency,referenceFrequency,logLikelihood,logRatio,targetWords,referenceWords");
        foreach (var k in response.Keywords)
        {
            var cells = new[]
            {
                k.Word, k.Stem, k.Frequency.ToString(Invariant), k.ReferenceFrequency.ToString(Invariant), k.LogLikelihood.ToString(Invariant),
                k.LogRatio.ToString(Invariant), response.TargetWords.ToString(Invariant), response.ReferenceWords.ToString(Invariant),
            };
            output.WriteLine(string.Join(',', cells.Select(PassageExport.CsvCell)));
        }
    }

    /// <summary>An aligned table: the first <paramref name="leftColumns"/> columns left-aligned, numbers right-aligned.</summary>
    private void WriteTable(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, int leftColumns)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(IReadOnlyList<string> cells)
        {
            var line = new StringBuilder();
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0)
                    line.Append("  ");
                line.Append(i < leftColumns ? cells[i].PadRight(widths[i]) : cells[i].PadLeft(widths[i]));
            }

            return line.ToString().TrimEnd();
        }

        output.WriteLine(Bold(Line(header)));
        foreach (var row in rows)
            output.WriteLine(Line(row));
    }
}
