using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Cli.Commands;

/// <summary><c>pakrussia passages &lt;docId&gt;</c>: print one document's passages.</summary>
public static class PassagesCommand
{
    /// <summary>One passage in <c>passages --json</c>.</summary>
    public sealed record PassageListing(
        string PassageId,
        string DocId,
        int Ordinal,
        PassageKind Kind,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Section,
        string Text,
        int Start,
        int End,
        int WordCount,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? DuplicateOf,
        int? FootnoteNumber,
        int? PostNumber)
    {
        public static PassageListing From(Passage p) =>
            new(p.PassageId, p.DocId, p.Ordinal, p.Kind, p.Section, p.Text, p.Start, p.End, p.WordCount, p.DuplicateOf, p.FootnoteNumber, p.PostNumber);
    }

    public static Command Create(TextWriter output, TextWriter error)
    {
        var docId = new Argument<string>("docId") { Description = "The document's id (see `pakrussia docs`)" };
        var corpus = CommonOptions.Corpus();
        var json = CommonOptions.Json();
        var command = new Command("passages", "Print a document's passages") { docId, corpus, json };
        command.SetAction(parse =>
        {
            var wanted = parse.GetValue(docId)!;
            var skipped = new List<SkippedFile>();
            var documents = CorpusCommandSupport.Open(parse.GetValue(corpus)!, skipped, error);
            if (documents == null)
            {
                return ExitCodes.BadInput;
            }

            // Stream until the document is found; the others are dropped as soon as they are read.
            var document = documents.FirstOrDefault(d => d.Metadata.DocId == wanted);
            CorpusCommandSupport.ReportSkipped(skipped, document == null ? [] : [document], error);
            if (document == null)
            {
                error.WriteLine($"error: unknown document id '{wanted}' (see `pakrussia docs`)");
                return ExitCodes.NotFound;
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(document.Passages.Select(PassageListing.From), JsonDefaults.WebIndented));
            }
            else
            {
                WriteText(document, output);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(IngestedDocument document, TextWriter output)
    {
        output.WriteLine($"{document.Metadata.DocId}: {document.Metadata.Title} ({document.Passages.Count} passages)");
        foreach (var p in document.Passages)
        {
            var tags = new List<string> { p.Kind.ToString().ToLowerInvariant(), $"{p.WordCount} words", $"{p.Start}..{p.End}" };
            if (p.PostNumber is { } post) tags.Add($"post {post}");
            if (p.FootnoteNumber is { } note) tags.Add($"footnote {note}");
            if (p.DuplicateOf != null) tags.Add($"repeats {p.DuplicateOf}");
            output.WriteLine();
            output.WriteLine($"[{p.PassageId}] {string.Join(", ", tags)}{(p.Section != null ? $" — § {p.Section}" : "")}");
            output.WriteLine(p.Text);
        }
    }
}
