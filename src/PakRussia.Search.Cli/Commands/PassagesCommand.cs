using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli.Commands;

/// <summary><c>pakrussia passages &lt;docId&gt;</c>: print one document's passages in order.</summary>
public static class PassagesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var docId = new Argument<string>("docId") { Description = "The document's id (see `pakrussia docs`)" };
        var corpus = CommonOptions.Corpus();
        var followLinks = CommonOptions.FollowLinks();
        var index = CommonOptions.Index();
        var json = CommonOptions.Json();
        var command = new Command("passages", "Print a document's passages") { docId, corpus, followLinks, index, json };
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var wanted = parse.GetValue(docId) ?? "";
            var path = IndexLocator.Ensure(parse.GetValue(corpus)!, parse.GetValue(index)!, error, CommonOptions.CorpusOptions(parse, followLinks));
            var view = new Searcher(path).Document(wanted);
            if (view is null)
            {
                error.WriteLine($"error: unknown document id '{TerminalView.Printable(wanted)}' (see `pakrussia docs`)");
                return ExitCodes.NotFound;
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(view.Passages, JsonDefaults.WebIndented));
            }
            else
            {
                WriteText(view, output);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteText(DocumentView view, TextWriter output)
    {
        output.WriteLine($"{view.Document.DocId}: {TerminalView.Printable(view.Document.Title)} ({view.Passages.Count} passages)");
        foreach (var p in view.Passages)
        {
            var tags = new List<string> { p.Kind.ToString().ToLowerInvariant(), $"{p.WordCount} words", $"{p.Start}..{p.End}" };
            if (p.PostNumber is { } post) tags.Add($"post {post}");
            if (p.FootnoteNumber is { } note) tags.Add($"footnote {note}");
            if (p.DuplicateOf != null) tags.Add($"repeats {p.DuplicateOf}");
            output.WriteLine();
            output.WriteLine($"[{p.PassageId}] {string.Join(", ", tags)}{(p.Section != null ? $" — § {TerminalView.Printable(p.Section)}" : "")}");
            output.WriteLine(TerminalView.Printable(p.Text));
        }
    }
}
