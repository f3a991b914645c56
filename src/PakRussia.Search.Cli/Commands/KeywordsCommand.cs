using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Concordance;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia keywords [query] --source forum</c>: the words over-represented in the target (the filters given, a query's
/// hits, or both) against the rest of the corpus or a reference (<c>--reference-source news</c>, <c>--reference-query</c>),
/// by log-likelihood (G²) with the log ratio as effect size; <c>--negative</c> lists the under-represented words.
/// </summary>
public static class KeywordsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var query = new Argument<string?>("query") { Description = "The target is this query's hits (with the filters); without it, the filters alone", Arity = ArgumentArity.ZeroOrOne };
        var minFrequency = new Option<int>("--min-frequency") { Description = "A keyword occurs at least this often in the target", DefaultValueFactory = _ => 3 };
        var top = new Option<int>("--top") { Description = $"How many keywords to list (1-{KeywordRequest.MaxTop})", DefaultValueFactory = _ => 30 };
        var stopWords = new Option<bool>("--stop-words") { Description = "Keep stop words (the, of, …), left out by default" };
        var negative = new Option<bool>("--negative") { Description = "List the words under-represented in the target instead (negative keywords); --min-frequency then applies to the reference" };
        var referenceQuery = new Option<string?>("--reference-query") { Description = "Compare with this query's hits (with the --reference-* filters) instead of the rest of the corpus" };
        var reference = new FilterOptions(prefix: "--reference-", only: "Reference: only");
        var options = new StatsOptions(defaultBudgetMs: 10_000);
        var command = new Command("keywords", "Words distinctive of part of the corpus (the filters or a query's hits) against the rest, or against a reference (--reference-source news): log-likelihood and log ratio")
        {
            query, minFrequency, top, stopWords, negative, referenceQuery,
        };
        options.AddTo(command);
        reference.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var searcher = options.Searcher(parse, error);
            var response = searcher.Keywords(new KeywordRequest
            {
                Target = options.Filters.Request(parse) with { Query = parse.GetValue(query) ?? "" },
                MinFrequency = parse.GetValue(minFrequency),
                Top = parse.GetValue(top),
                StopWords = parse.GetValue(stopWords),
                Negative = parse.GetValue(negative),
                Reference = reference.AnyGiven(parse) || parse.GetResult(referenceQuery) is { Implicit: false }
                    ? reference.Request(parse) with { Query = parse.GetValue(referenceQuery) ?? "" }
                    : null,
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
