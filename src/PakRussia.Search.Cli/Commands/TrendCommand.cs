using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Concordance;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia trend &lt;term&gt;…</c>: occurrences of each term per year (raw, per 10,000 words of that year's text, and the
/// documents that have it), beside the words and documents each year has; <c>--by-source</c> splits the years by source type.
/// </summary>
public static class TrendCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var terms = new Argument<string[]>("term") { Description = "Words (with their stemmed forms) or \"quoted phrases\", at most 10", Arity = ArgumentArity.OneOrMore };
        var bySource = new Option<bool>("--by-source") { Description = "One row per year and source type" };
        var options = new StatsOptions();
        var command = new Command("trend", "Frequency over time: occurrences of terms per year, raw and per 10,000 words") { terms, bySource };
        options.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var searcher = options.Searcher(parse, error);
            var response = searcher.Trend(new TrendRequest
            {
                Terms = parse.GetValue(terms) ?? [],
                BySource = parse.GetValue(bySource),
                Filters = options.Filters.Request(parse),
            });
            var view = new TerminalView(output, error);
            if (parse.GetValue(options.Json))
                output.WriteLine(JsonSerializer.Serialize(response, JsonDefaults.Web));
            else if (parse.GetValue(options.Csv))
                TerminalView.WriteTrendCsv(output, response);
            else
                view.WriteTrend(response);
            return response.Counts.Values.Any(c => c > 0) ? ExitCodes.Ok : ExitCodes.NotFound;
        }));
        return command;
    }
}
