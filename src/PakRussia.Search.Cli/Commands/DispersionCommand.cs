using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Concordance;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia dispersion &lt;term&gt;</c>: where in each document a term occurs, as a strip per document (AntConc's
/// dispersion plot) with the per-document counts; offsets are characters of the document's cleaned text.
/// </summary>
public static class DispersionCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var term = new Argument<string>("term") { Description = "A word (with its stemmed forms) or a \"quoted phrase\"" };
        var top = new Option<int>("--top") { Description = $"How many documents to list, most occurrences first (1-{DispersionRequest.MaxTop})", DefaultValueFactory = _ => 100 };
        var width = new Option<int>("--width") { Description = "Columns of each strip (10-200)", DefaultValueFactory = _ => 60 };
        var options = new StatsOptions();
        var command = new Command("dispersion", "Where a term occurs in each document: a strip per document with its count") { term, top, width };
        options.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var columns = parse.GetValue(width);
            if (columns < 10 || columns > 200)
                throw new UsageException($"--width must be between 10 and 200 (got {columns})");
            var searcher = options.Searcher(parse, error);
            var response = searcher.Dispersion(new DispersionRequest
            {
                Term = parse.GetValue(term) ?? "",
                Top = parse.GetValue(top),
                Filters = options.Filters.Request(parse),
            });
            if (parse.GetValue(options.Json))
                output.WriteLine(JsonSerializer.Serialize(response, JsonDefaults.Web));
            else if (parse.GetValue(options.Csv))
                TerminalView.WriteDispersionCsv(output, response);
            else
                new TerminalView(output, error).WriteDispersion(response, columns);
            return response.Total > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
        }));
        return command;
    }
}
