using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli.Commands;

/// <summary><c>pakrussia search "&lt;query&gt;"</c>: ranked passages with highlights and facet counts.</summary>
public static class SearchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var query = new Argument<string>("query") { Description = "Words, \"phrases\", -excluded words (see README: Query syntax)" };
        var corpus = CommonOptions.Corpus();
        var followLinks = CommonOptions.FollowLinks();
        var index = CommonOptions.Index();
        var json = CommonOptions.Json();
        var any = new Option<bool>("--any") { Description = "Match any word instead of all words" };
        var all = new Option<bool>("--all")
        {
            Description = "Require every word (a query of three or more words otherwise also lists passages with fewer of them, after those with all)",
        };
        var strict = new Option<bool>("--strict") { Description = "A malformed query is an error (exit 2) instead of being repaired" };
        var noAliases = CommonOptions.NoAliases();
        var filters = new FilterOptions();
        var sort = new Option<string>("--sort") { Description = "relevance (default), date (newest first) or date-asc", DefaultValueFactory = _ => "relevance" };
        var top = new Option<int>("--top") { Description = "Hits per page (1-100)", DefaultValueFactory = _ => 10 };
        var page = new Option<int>("--page") { Description = "Page number, from 1", DefaultValueFactory = _ => 1 };
        var explain = new Option<bool>("--explain") { Description = "Show how the query was read" };
        var style = CommonOptions.Style();
        var export = new Option<string?>("--export")
        {
            Description = "Write every matching passage (not just a page; at most 10,000) with metadata and citation: csv, jsonl or ris",
        };
        var snapshot = new Option<string?>("--snapshot")
        {
            Description = "Also write a snapshot of the search (every hit, at most 10,000, with the corpus fingerprint) to this JSON file; check it later with: pakrussia snapshot check FILE",
        };
        var budget = new Option<int>("--budget-ms")
        {
            Description = "Stop a query that runs longer than this many milliseconds (exit 2; default 1000, 0 = no limit)",
            DefaultValueFactory = _ => (int)SearchLimits.DefaultTimeBudget.TotalMilliseconds,
        };
        var command = new Command("search", "Search passages: BM25 ranking, highlights, facets and filters")
        {
            query, corpus, followLinks, index, json, any, all, strict, noAliases,
        };
        filters.AddTo(command);
        foreach (var option in new Option[] { sort, top, page, explain, style, export, budget, snapshot })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var request = filters.Request(parse) with
            {
                Query = parse.GetValue(query) ?? "",
                Any = parse.GetValue(any),
                All = parse.GetValue(all),
                Strict = parse.GetValue(strict),
                NoAliases = parse.GetValue(noAliases),
                Sort = ParseSort(parse.GetValue(sort)),
                PageSize = parse.GetValue(top),
                Page = parse.GetValue(page),
                Explain = parse.GetValue(explain),
                Style = CommonOptions.ParseStyle(parse.GetValue(style)),
            };
            var format = parse.GetValue(export);
            if (format is not null && !Quotes.PassageExport.IsFormat(format))
            {
                throw new UsageException($"unknown export format '{TerminalView.Printable(format)}': use csv, jsonl or ris");
            }

            var path = IndexLocator.Ensure(parse.GetValue(corpus)!, parse.GetValue(index)!, error, CommonOptions.CorpusOptions(parse, followLinks));
            var budgetMs = parse.GetValue(budget);
            if (budgetMs < 0)
                throw new SearchRequestException($"--budget-ms must be 0 (no limit) or more (got {budgetMs}).");
            var searcher = new Searcher(path)
            {
                TimeBudget = budgetMs == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(budgetMs),
                Aliases = CommonOptions.Aliases(parse, corpus),
            };
            var snapshotPath = parse.GetValue(snapshot);
            if (snapshotPath is { Length: 0 })
                throw new UsageException("--snapshot needs a file name");
            if (format is not null)
            {
                var exported = Export(searcher, request, format, output, error);
                if (snapshotPath is not null)
                    SnapshotCommand.Save(searcher, request, snapshotPath, error);
                return exported;
            }

            var response = searcher.Search(request);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(response, JsonDefaults.Web));
            }
            else
            {
                new TerminalView(output, error).WriteSearch(response);
            }

            if (snapshotPath is not null)
                SnapshotCommand.Save(searcher, request, snapshotPath, error);

            return response.Total > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
        }));
        return command;
    }

    /// <summary>Every matching passage in the chosen format, streamed; a count on stderr so it does not end up in the file.</summary>
    private static int Export(Searcher searcher, SearchRequest request, string format, TextWriter output, TextWriter error)
    {
        var count = 0;
        var rows = searcher.AllMatches(request).Select(row =>
        {
            count++;
            return row;
        });
        Quotes.PassageExport.Write(format, rows, output, request.Style);
        error.WriteLine($"exported {count} passage(s) as {format.Trim().ToLowerInvariant()}");
        return count > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
    }

    public static SearchSort ParseSort(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" or "relevance" or "score" => SearchSort.Relevance,
        "date" or "date-desc" or "newest" => SearchSort.Date,
        "date-asc" or "oldest" => SearchSort.DateAscending,
        _ => throw new SearchRequestException($"Unknown sort '{value}': use relevance, date or date-asc."),
    };
}
