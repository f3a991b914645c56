using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Concordance;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia kwic "&lt;query&gt;"</c>: the concordance, one line per occurrence of the query's match in passage text,
/// with its left and right context, sorted by a context word, document order or date, paged, or exported as CSV/TSV.
/// </summary>
public static class KwicCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new KwicOptions();
        var width = new Option<int>("--width") { Description = $"Words of context each side (1-{KwicLimits.MaxWidth}, default 8)", DefaultValueFactory = _ => 8 };
        var sort = new Option<string>("--sort") { Description = "1L, 2L, 1R, 2R (by that context word), doc (document order, default) or date (newest first)", DefaultValueFactory = _ => "doc" };
        var page = new Option<int>("--page") { Description = "Page number, from 1", DefaultValueFactory = _ => 1 };
        var perPage = new Option<int>("--per-page") { Description = $"Lines per page (1-{KwicLimits.MaxPerPage}, default 50)", DefaultValueFactory = _ => 50 };
        var tsv = new Option<bool>("--tsv") { Description = "Write TSV instead of the terminal view" };
        var withCopies = new Option<bool>("--with-copies") { Description = "Also the lines of word-for-word repeats of a passage (counted once by default)" };
        var near = new Option<string?>("--near") { Description = "Only lines with this word within --window words of the match (a collocate)" };
        var window = new Option<int>("--window") { Description = $"The --near window, in words each side (1-{KwicLimits.MaxWindow}, default 5)", DefaultValueFactory = _ => 5 };
        var style = CommonOptions.Style();
        var command = new Command("kwic", "Concordance (key word in context): every occurrence of the query in the text, with its context");
        options.AddTo(command);
        foreach (var option in new Option[] { width, sort, page, perPage, tsv, withCopies, near, window, style })
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var format = KwicOptions.Format(parse.GetValue(options.Json), parse.GetValue(options.Csv), parse.GetValue(tsv));
            var sortName = parse.GetValue(sort);
            var request = new KwicRequest
            {
                Search = options.Request(parse) with { Style = CommonOptions.ParseStyle(parse.GetValue(style)) },
                Width = parse.GetValue(width),
                Sort = Searcher.ParseKwicSort(sortName) ?? throw new UsageException($"unknown sort '{TerminalView.Printable(sortName ?? "")}': use 1L, 2L, 1R, 2R, doc or date"),
                Page = parse.GetValue(page),
                PerPage = parse.GetValue(perPage),
                WithCopies = parse.GetValue(withCopies),
                Near = parse.GetValue(near),
                Window = parse.GetValue(window),
                All = format is "csv" or "tsv",
            };
            var response = options.Searcher(parse, error).Kwic(request);
            switch (format)
            {
                case "json":
                    output.WriteLine(JsonSerializer.Serialize(response, JsonDefaults.Web));
                    break;
                case "csv" or "tsv":
                    KwicExport.WriteLines(response.Lines, output, format);
                    foreach (var warning in response.Warnings)
                        error.WriteLine($"warning: {warning}");
                    error.WriteLine($"exported {response.Lines.Count} line(s) as {format}");
                    break;
                default:
                    new TerminalView(output, error).WriteKwic(response);
                    break;
            }

            return response.Total > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
        }));
        return command;
    }
}
