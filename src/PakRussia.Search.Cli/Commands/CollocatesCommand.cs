using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Concordance;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia collocates "&lt;query&gt;"</c>: the words within ±N words of the query's occurrences, with their frequency
/// there and in the filtered subcorpus, logDice and log-likelihood.
/// </summary>
public static class CollocatesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new KwicOptions();
        var window = new Option<int>("--window") { Description = $"Words each side of a match (1-{KwicLimits.MaxWindow}, default 5)", DefaultValueFactory = _ => 5 };
        var sort = new Option<string>("--sort") { Description = "logdice (default), frequency or ll (log-likelihood)", DefaultValueFactory = _ => "logdice" };
        var minFrequency = new Option<int>("--min-frequency") { Description = "Leave out collocates seen near fewer matches than this (default 2)", DefaultValueFactory = _ => 2 };
        var stopWords = new Option<bool>("--include-stopwords") { Description = "Keep stop words (the, of, and, …), left out by default" };
        var top = new Option<int>("--top") { Description = $"How many to list (1-{KwicLimits.MaxCollocates}, default 30)", DefaultValueFactory = _ => 30 };
        var command = new Command("collocates", "Words that occur near the query's matches: frequency, logDice and log-likelihood");
        options.AddTo(command);
        foreach (var option in new Option[] { window, sort, minFrequency, stopWords, top })
            command.Options.Add(option);
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var format = KwicOptions.Format(parse.GetValue(options.Json), parse.GetValue(options.Csv), tsv: false);
            var sortName = parse.GetValue(sort);
            var request = new CollocateRequest
            {
                Search = options.Request(parse),
                Window = parse.GetValue(window),
                Sort = Searcher.ParseCollocateSort(sortName) ?? throw new UsageException($"unknown sort '{TerminalView.Printable(sortName ?? "")}': use logdice, frequency or ll"),
                MinFrequency = parse.GetValue(minFrequency),
                IncludeStopWords = parse.GetValue(stopWords),
                Top = parse.GetValue(top),
            };
            var response = options.Searcher(parse, error).Collocates(request);
            switch (format)
            {
                case "json":
                    output.WriteLine(JsonSerializer.Serialize(response, JsonDefaults.Web));
                    break;
                case "csv":
                    KwicExport.WriteCollocates(response.Collocates, output, format);
                    break;
                default:
                    new TerminalView(output, error).WriteCollocates(response);
                    break;
            }

            return response.Collocates.Count > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
        }));
        return command;
    }
}
