using System.CommandLine;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli;

/// <summary>
/// The metadata filters a command takes as <c>search</c> does (<c>--source</c>, <c>--year</c>, <c>--from</c>, <c>--to</c>,
/// <c>--doc</c>, <c>--author</c>), and the <see cref="SearchRequest"/> they make.
/// </summary>
public sealed class FilterOptions(string docOption = "--doc")
{
    public Option<string[]> Source { get; } = new("--source") { Description = "Only this source type (repeatable: forum, news, explainer, academic)", AllowMultipleArgumentsPerToken = false };
    public Option<int[]> Year { get; } = new("--year") { Description = "Only documents dated in this year (repeatable)" };
    public Option<string?> From { get; } = new("--from") { Description = "Only documents dated on or after this year or date (2014, 2014-03, 2014-03-05)" };
    public Option<string?> To { get; } = new("--to") { Description = "Only documents dated on or before this year or date" };
    /// <summary>The document filter; <c>similar</c> names it <c>--in-doc</c>, as its <c>--doc</c> is the document to start from.</summary>
    public Option<string[]> Doc { get; } = new(docOption) { Description = "Only this document id (repeatable)" };
    public Option<string[]> Author { get; } = new("--author") { Description = "Only this author (repeatable)" };

    public IEnumerable<Option> All => [Source, Year, From, To, Doc, Author];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

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
