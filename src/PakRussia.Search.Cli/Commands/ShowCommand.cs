using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli.Commands;

/// <summary><c>pakrussia show &lt;passageId&gt;</c>: a passage in context, with its document and citation.</summary>
public static class ShowCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var id = new Argument<string>("passageId") { Description = "A passage id, e.g. news-ties-closer.p3" };
        var context = new Option<int>("--context") { Description = "Passages to show before and after (0-20)", DefaultValueFactory = _ => 0 };
        var corpus = CommonOptions.Corpus();
        var followLinks = CommonOptions.FollowLinks();
        var index = CommonOptions.Index();
        var json = CommonOptions.Json();
        var style = CommonOptions.Style();
        var command = new Command("show", "Show a passage with its context, document metadata and citation") { id, context, corpus, followLinks, index, json, style };
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var citationStyle = CommonOptions.ParseStyle(parse.GetValue(style));
            var path = IndexLocator.Ensure(parse.GetValue(corpus)!, parse.GetValue(index)!, error, CommonOptions.CorpusOptions(parse, followLinks));
            var passageId = parse.GetValue(id) ?? "";
            var view = new Searcher(path).Show(passageId, parse.GetValue(context));
            if (view is null)
            {
                error.WriteLine($"error: no passage with id '{TerminalView.Printable(passageId)}' (ids look like news-ties-closer.p3; see: pakrussia passages <docId>)");
                return ExitCodes.NotFound;
            }

            // "citation" is in the chosen style; "citations" has them all.
            if (view.Citations is { } all)
            {
                view = view with
                {
                    Citation = citationStyle switch
                    {
                        Citations.CitationStyle.Apa => all.Apa,
                        Citations.CitationStyle.BibTeX => all.Bibtex,
                        Citations.CitationStyle.Ris => all.Ris,
                        _ => all.Plain,
                    },
                };
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(view, JsonDefaults.Web));
            }
            else
            {
                new TerminalView(output, error).WriteShow(view);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
