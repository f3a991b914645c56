using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Concordance;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia keywords [query] --source forum</c>: the words over-represented in the target (the filters given, a query's
/// hits, or both) against the rest of the corpus, by log-likelihood (G²) with the log ratio as effect size.
/// </summary>
public static class KeywordsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var query = new Argument<string?>("query") { Description = "The target is this query's hits (with the filters); without it, the filters alone", Arity = ArgumentArity.ZeroOrOne };
        var minFrequency = new Option<int>("--min-frequency") { Description = "A keyword occurs at least this often in the target", DefaultValueFactory = _ => 3 };
        var top = new Option<int>("--top") { Description = $"How many keywords to list (1-{KeywordRequest.MaxTop})", DefaultValueFactory = _ => 30 };
        var stopWords = new Option<bool>("--stop-words") { Description = "Keep stop words (the, of, …), left out by default" };
        var options = new StatsOptions(defaultBudgetMs: 10_000);
        var command = new Command("keywords", "Words distinctive of part of the corpus (the filters or a query's hits) against the rest: log-likelihood and log ratio")
        {
            query, minFrequency, top, stopWords,
        };
        options.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var searcher = options.Searcher(parse, error);
            var response = searcher.Keywords(new KeywordRequest
            {
                Target = options.Filters.Request(parse) with { Query = parse.GetValue(query) ?? "" },
                MinFrequency = parse.GetValue(minFrequency),
                Top = parse.GetValue(top),
                StopWords = parse.GetValue(stopWords),
            });
            if (parse.GetValue(options.Json))
                output.WriteLine(JsonSerializer.Serialize(response, JsonDefaults.Web));
            else if (parse.GetValue(options.Csv))
                TerminalView.WriteKeywordsCsv(output, response);
            else
                new TerminalView(output, error).WriteKeywords(response);
            return response.Keywords.Count > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
        }));
        return command;
    }
}
