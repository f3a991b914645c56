using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using PakRussia.Search.Corpus;

namespace PakRussia.Search.Cli.Commands;

/// <summary><c>pakrussia docs</c>: list documents with their metadata and passage counts.</summary>
public static class DocsCommand
{
    /// <summary>One row of <c>docs --json</c>.</summary>
    public sealed record DocListing(
        string DocId,
        string Title,
        string SourceType,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Site,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Author,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Date,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DatePrecision? DatePrecision,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? DateEvidence,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Year,
        string Path,
        int Passages,
        bool Inferred)
    {
        public static DocListing From(IngestedDocument document)
        {
            var m = document.Metadata;
            return new DocListing(m.DocId, m.Title, m.SourceType, m.Site, m.Author, m.Date, m.DatePrecision, m.DateEvidence, m.Year,
                document.SourcePath, document.Passages.Count, m.Inferred);
        }
    }

    public static Command Create(TextWriter output, TextWriter error)
    {
        var corpus = CommonOptions.Corpus();
        var json = CommonOptions.Json();
        var command = new Command("docs", "List documents with their metadata and passage counts") { corpus, json };
        command.SetAction(parse =>
        {
            var skipped = new List<SkippedFile>();
            var documents = CorpusCommandSupport.Open(parse.GetValue(corpus)!, skipped, error);
            if (documents == null)
            {
                return ExitCodes.BadInput;
            }

            // Only the small metadata rows are kept, never the documents' text.
            var rows = new List<DocListing>();
            var warnings = new List<IngestedDocument>();
            foreach (var document in documents)
            {
                rows.Add(DocListing.From(document));
                if (document.Warnings.Count > 0)
                {
                    warnings.Add(document with { CleanText = "", Passages = [] });
                }
            }

            CorpusCommandSupport.ReportSkipped(skipped, warnings, error);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(rows, JsonDefaults.WebIndented));
            }
            else
            {
                WriteTable(rows, output);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteTable(List<DocListing> rows, TextWriter output)
    {
        if (rows.Count == 0)
        {
            output.WriteLine("no documents");
            return;
        }

        var idWidth = Math.Max(6, rows.Max(r => r.DocId.Length));
        var typeWidth = Math.Max(4, rows.Max(r => r.SourceType.Length));
        output.WriteLine($"{"DOC ID".PadRight(idWidth)}  {"TYPE".PadRight(typeWidth)}  {"DATE",-10}  {"PASSAGES",8}  TITLE");
        foreach (var row in rows)
        {
            var date = row.Date ?? "-";
            var title = row.Title.Length > 60 ? row.Title[..59] + "…" : row.Title;
            var inferred = row.Inferred ? " (inferred)" : "";
            output.WriteLine($"{row.DocId.PadRight(idWidth)}  {row.SourceType.PadRight(typeWidth)}  {date,-10}  {row.Passages,8}  {title}{inferred}");
        }

        output.WriteLine($"{rows.Count} document(s), {rows.Sum(r => r.Passages)} passage(s)");
    }
}
