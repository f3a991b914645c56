using System.CommandLine;

namespace PakRussia.Search.Cli;

/// <summary>Options shared by the commands that read the corpus or the index.</summary>
public static class CommonOptions
{
    public static Option<string> Corpus() => new("--corpus")
    {
        Description = "Corpus folder (default: seeds/)",
        DefaultValueFactory = _ => "seeds",
    };

    public static Option<bool> NoAliases() => new("--no-aliases")
    {
        Description = "Search exactly what was typed: no aliases from the corpus's aliases.txt (see README: Aliases)",
    };

    /// <summary>
    /// The alias list of the folder <c>--corpus</c> names, when it was given; otherwise null (the searcher then reads the
    /// list of the folder the index was built from).
    /// </summary>
    public static Querying.Aliases.AliasSource? Aliases(ParseResult parse, Option<string> corpus) =>
        parse.GetResult(corpus) is { Implicit: false } && parse.GetValue(corpus) is { Length: > 0 } folder
            ? new Querying.Aliases.AliasSource(Path.Combine(folder, Querying.Aliases.AliasList.FileName))
            : null;

    public static Option<bool> FollowLinks() => new("--follow-links")
    {
        Description = "Also follow symbolic links that point outside the corpus folder (by default they are skipped)",
    };

    /// <summary>The corpus reading settings the command line chose (--follow-links).</summary>
    public static Corpus.CorpusOptions CorpusOptions(ParseResult parse, Option<bool> followLinks) =>
        new() { FollowLinks = parse.GetValue(followLinks) };

    public static Option<string> Index() => new("--index")
    {
        Description = "Index folder (default: index/pakrussia)",
        DefaultValueFactory = _ => Path.Combine("index", "pakrussia"),
    };

    public static Option<string> Style() => new("--style")
    {
        Description = "Citation style: plain (default), apa, bibtex or ris",
        DefaultValueFactory = _ => "plain",
    };

    /// <summary>Reads a --style value; an unknown style is bad input (exit 2).</summary>
    public static Citations.CitationStyle ParseStyle(string? value) =>
        Citations.CitationFormatter.TryParseStyle(value, out var style)
            ? style
            : throw new UsageException($"unknown citation style '{TerminalView.Printable(value ?? "")}': use plain, apa, bibtex or ris");

    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of the terminal view" };
}
