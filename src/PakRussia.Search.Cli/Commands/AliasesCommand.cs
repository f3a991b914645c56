using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Querying.Aliases;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia aliases</c>: the alias list in force (the corpus's <c>aliases.txt</c>), each name with how often the
/// passages' text has it, and the lines left out. <c>pakrussia aliases suggest</c>: candidate lines from the corpus, to
/// review and copy by hand (never applied).
/// </summary>
public static class AliasesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var corpus = CommonOptions.Corpus();
        var followLinks = CommonOptions.FollowLinks();
        var index = CommonOptions.Index();
        var json = CommonOptions.Json();
        var command = new Command("aliases", "List the aliases in force (aliases.txt in the corpus folder) and how often the corpus writes each name")
        {
            corpus, followLinks, index, json,
        };
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var searcher = Open(parse, corpus, followLinks, index, error);
            var report = searcher.AliasReport();
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(report, JsonDefaults.WebIndented));
            }
            else
            {
                WriteReport(report, output);
            }

            foreach (var problem in report.Problems)
            {
                error.WriteLine($"error: {TerminalView.Printable(problem)}");
            }

            return report.Problems.Count > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        }));

        var top = new Option<int>("--top") { Description = "How many candidates to list (1-500)", DefaultValueFactory = _ => 30 };
        var suggest = new Command("suggest", "Propose alias lines from the corpus (acronyms in parentheses; hyphen, space and capitals variants) for you to review; nothing is applied")
        {
            corpus, followLinks, index, json, top,
        };
        suggest.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var limit = parse.GetValue(top);
            if (limit is < 1 or > 500)
            {
                throw new UsageException($"--top must be between 1 and 500 (got {limit})");
            }

            var searcher = Open(parse, corpus, followLinks, index, error);
            var suggestions = searcher.SuggestAliases(limit);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(suggestions, JsonDefaults.WebIndented));
            }
            else
            {
                WriteSuggestions(suggestions, output);
            }

            return suggestions.Count > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
        }));
        command.Subcommands.Add(suggest);
        return command;
    }

    private static Searcher Open(ParseResult parse, Option<string> corpus, Option<bool> followLinks, Option<string> index, TextWriter error)
    {
        var path = IndexLocator.Ensure(parse.GetValue(corpus)!, parse.GetValue(index)!, error, CommonOptions.CorpusOptions(parse, followLinks));
        return new Searcher(path) { Aliases = CommonOptions.Aliases(parse, corpus) };
    }

    private static void WriteReport(AliasReport report, TextWriter output)
    {
        var where = report.Path is null ? report.File : report.Path;
        if (report.Entries.Count == 0)
        {
            output.WriteLine($"no aliases in force ({TerminalView.Printable(where)}{(report.Path is not null && !File.Exists(report.Path) ? " does not exist" : " has no alias line")})");
            return;
        }

        output.WriteLine($"{report.Entries.Count} alias line(s) in force from {TerminalView.Printable(where)}; counts are occurrences in passage text (passages):");
        foreach (var entry in report.Entries)
        {
            var from = string.Join(" · ", entry.From.Select(Name));
            output.WriteLine(entry.Explicit
                ? $"  line {entry.Line,-3} {from}  =>  {string.Join(" · ", entry.To.Select(Name))}"
                : $"  line {entry.Line,-3} {from}");
        }
    }

    private static string Name(AliasVariantCount name) =>
        $"{TerminalView.Printable(name.Name)}{(name.CaseSensitive ? " (case-sensitive)" : "")} {name.Occurrences} ({name.Passages})";

    private static void WriteSuggestions(IReadOnlyList<AliasSuggestion> suggestions, TextWriter output)
    {
        if (suggestions.Count == 0)
        {
            output.WriteLine("no candidates found");
            return;
        }

        output.WriteLine("Candidate alias lines (review them; copy the ones you want into aliases.txt):");
        foreach (var suggestion in suggestions)
        {
            var status = suggestion.ListedAt is { } line ? $"already in the list, line {line}"
                : suggestion.AlreadyMatch ? "these forms already find one another (case folded, hyphens and digits split)"
                : "new";
            output.WriteLine($"  {TerminalView.Printable(suggestion.Line)}");
            output.WriteLine($"      {suggestion.Kind}; {status}; seen: {TerminalView.Printable(string.Join(", ", suggestion.Forms.Select(f => $"{f.Written} ×{f.Count}")))}");
            output.WriteLine($"      e.g. {suggestion.ExamplePassageId}: {TerminalView.Printable(suggestion.Example)}");
        }
    }
}
