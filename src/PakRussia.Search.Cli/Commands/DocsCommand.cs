using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli.Commands;

/// <summary><c>pakrussia docs</c>: list the indexed documents with their metadata and passage counts.</summary>
public static class DocsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var corpus = CommonOptions.Corpus();
        var followLinks = CommonOptions.FollowLinks();
        var index = CommonOptions.Index();
        var json = CommonOptions.Json();
        var command = new Command("docs", "List documents with their metadata and passage counts") { corpus, followLinks, index, json };
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var path = IndexLocator.Ensure(parse.GetValue(corpus)!, parse.GetValue(index)!, error, CommonOptions.CorpusOptions(parse, followLinks));
            var searcher = new Searcher(path);
            var rows = searcher.Documents();
            foreach (var skipped in searcher.SkippedFiles())
            {
                error.WriteLine($"skipped {skipped.Path}: {skipped.Reason}");
            }

            var fingerprint = searcher.CorpusFingerprint();
            if (parse.GetValue(json))
            {
                // The JSON stays the array of documents; the fingerprint goes beside it, like the skipped files.
                output.WriteLine(JsonSerializer.Serialize(rows, JsonDefaults.WebIndented));
                error.WriteLine($"corpus fingerprint: {fingerprint}");
            }
            else
            {
                WriteTable(rows, output);
                output.WriteLine($"corpus fingerprint: {fingerprint}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteTable(IReadOnlyList<DocumentSummary> rows, TextWriter output)
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
            output.WriteLine($"{row.DocId.PadRight(idWidth)}  {row.SourceType.PadRight(typeWidth)}  {date,-10}  {row.Passages,8}  {TerminalView.Printable(title)}{inferred}");
            foreach (var warning in row.Warnings)
            {
                output.WriteLine($"{new string(' ', idWidth)}  warning: {TerminalView.Printable(warning)}");
            }
        }

        output.WriteLine($"{rows.Count} document(s), {rows.Sum(r => r.Passages)} passage(s)");
    }
}
