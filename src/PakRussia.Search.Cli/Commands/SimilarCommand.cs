using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia similar &lt;passageId&gt;</c>, <c>similar --text "…"</c>, <c>similar --doc &lt;docId&gt;</c>: passages (or documents)
/// that make the same point in other words, by Lucene's MoreLikeThis; the source and its word-for-word copies left out.
/// </summary>
public static class SimilarCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var id = new Argument<string?>("passageId") { Description = "The passage to start from, e.g. news-ties-closer.p3", Arity = ArgumentArity.ZeroOrOne };
        var text = new Option<string?>("--text") { Description = $"Start from this text instead (a pasted paragraph, at most {SimilarSearch.MaxTextLength} characters)" };
        var ofDoc = new Option<string?>("--doc") { Description = "Documents most like this document (a document id) instead of passages" };
        var top = new Option<int>("--top") { Description = $"How many to list (1-{SimilarSearch.MaxTop})", DefaultValueFactory = _ => 10 };
        var corpus = CommonOptions.Corpus();
        var followLinks = CommonOptions.FollowLinks();
        var index = CommonOptions.Index();
        var json = CommonOptions.Json();
        var style = CommonOptions.Style();
        var filters = new FilterOptions(docOption: "--in-doc");
        var command = new Command("similar", "Passages like a passage or a pasted text, or documents like a document (more like this)")
        {
            id, text, ofDoc, top, corpus, followLinks, index, json, style,
        };
        filters.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var passageId = parse.GetValue(id);
            var pasted = parse.GetValue(text);
            var docId = parse.GetValue(ofDoc);
            var given = (passageId is null ? 0 : 1) + (pasted is null ? 0 : 1) + (docId is null ? 0 : 1);
            if (given != 1)
                throw new UsageException("give one of: a passage id, --text \"…\" or --doc <docId>");
            var request = new SimilarRequest
            {
                PassageId = passageId,
                Text = pasted,
                DocId = docId,
                Top = parse.GetValue(top),
                Filters = filters.Request(parse) with { Style = CommonOptions.ParseStyle(parse.GetValue(style)) },
            };
            var path = IndexLocator.Ensure(parse.GetValue(corpus)!, parse.GetValue(index)!, error, CommonOptions.CorpusOptions(parse, followLinks));
            var searcher = new Searcher(path);
            var view = new TerminalView(output, error);
            if (docId is not null)
            {
                var documents = searcher.SimilarDocuments(request);
                if (documents is null)
                {
                    error.WriteLine($"error: no document with id '{TerminalView.Printable(docId)}' (see: pakrussia docs)");
                    return ExitCodes.NotFound;
                }

                if (parse.GetValue(json))
                    output.WriteLine(JsonSerializer.Serialize(documents, JsonDefaults.Web));
                else
                    view.WriteSimilarDocuments(documents);
                return documents.Documents.Count > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
            }

            var response = searcher.Similar(request);
            if (response is null)
            {
                error.WriteLine($"error: no passage with id '{TerminalView.Printable(passageId ?? "")}' (ids look like news-ties-closer.p3; see: pakrussia passages <docId>)");
                return ExitCodes.NotFound;
            }

            if (parse.GetValue(json))
                output.WriteLine(JsonSerializer.Serialize(response, JsonDefaults.Web));
            else
                view.WriteSimilar(response);
            return response.Hits.Count > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
        }));
        return command;
    }
}
