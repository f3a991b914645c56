using System.CommandLine;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli;

/// <summary>
/// The metadata filters a command takes as <c>search</c> does (<c>--source</c>, <c>--year</c>, <c>--from</c>, <c>--to</c>,
/// <c>--doc</c>, <c>--author</c>), and the <see cref="SearchRequest"/> they make.
/// </summary>
public sealed class FilterOptions(string docOption = "--doc", string prefix = "--", string only = "Only")
{
    public Option<string[]> Source { get; } = new($"{prefix}source") { Description = $"{only} this source type (repeatable: forum, news, explainer, academic)", AllowMultipleArgumentsPerToken = false };
    public Option<int[]> Year { get; } = new($"{prefix}year") { Description = $"{only} documents dated in this year (repeatable)" };
    public Option<string?> From { get; } = new($"{prefix}from") { Description = $"{only} documents dated on or after this year or date (2014, 2014-03, 2014-03-05)" };
    public Option<string?> To { get; } = new($"{prefix}to") { Description = $"{only} documents dated on or before this year or date" };
    /// <summary>The document filter; <c>similar</c> names it <c>--in-doc</c>, as its <c>--doc</c> is the document to start from.</summary>
    public Option<string[]> Doc { get; } = new(prefix == "--" ? docOption : $"{prefix}doc") { Description = $"{only} this document id (repeatable)" };
    public Option<string[]> Author { get; } = new($"{prefix}author") { Description = $"{only} this author (repeatable)" };

    public IEnumerable<Option> All => [Source, Year, From, To, Doc, Author];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether any of these options was given.</summary>
    public bool AnyGiven(ParseResult parse) => All.Any(option => parse.GetResult(option) is { Implicit: false });

    /// <summary>The filters as a request (no query text).</summary>
    public SearchRequest Request(ParseResult parse) => new()
    {
        Sources = parse.GetValue(Source) ?? [],
        Years = parse.GetValue(Year) ?? [],
        From = parse.GetValue(From),
        To = parse.GetValue(To),
        Docs = parse.GetValue(Doc) ?? [],
        Authors = parse.GetValue(Author) ?? [],
    };
}
