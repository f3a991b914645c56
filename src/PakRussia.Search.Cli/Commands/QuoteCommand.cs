using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia quote "&lt;text&gt;"</c>: where a quote comes from — every place it occurs, earliest first with the
/// original marked, whether it is word for word, what differs, and a citation. Exit 0 found, 1 not found, 2 bad quote.
/// </summary>
public static class QuoteCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var text = new Argument<string>("text") { Description = "The quote as you have it (4-400 words); \"...\" or \"…\" stands for left-out words" };
        var corpus = CommonOptions.Corpus();
        var followLinks = CommonOptions.FollowLinks();
        var index = CommonOptions.Index();
        var json = CommonOptions.Json();
        var style = CommonOptions.Style();
        var max = new Option<int>("--max") { Description = "At most this many different wordings (1-100)", DefaultValueFactory = _ => 20 };
        var command = new Command("quote", "Find where a quote comes from, how faithful it is, and how to cite it") { text, corpus, followLinks, index, json, style, max };
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var citationStyle = CommonOptions.ParseStyle(parse.GetValue(style));
            var path = IndexLocator.Ensure(parse.GetValue(corpus)!, parse.GetValue(index)!, error, CommonOptions.CorpusOptions(parse, followLinks));
            var result = new Searcher(path).FindQuote(parse.GetValue(text) ?? "", parse.GetValue(max), citationStyle);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(result, JsonDefaults.Web));
            }
            else
            {
                new TerminalView(output, error).WriteQuote(result);
            }

            return result.Found ? ExitCodes.Ok : ExitCodes.NotFound;
        }));
        return command;
    }
}
