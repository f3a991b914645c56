using System.CommandLine;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// What <c>kwic</c> and <c>collocates</c> share with <c>search</c>: the query, its reading (--any, --all, --strict), the
/// filters, the index, --json and the time budget.
/// </summary>
internal sealed class KwicOptions
{
    public Argument<string> Query { get; } = new("query") { Description = "Words, \"phrases\", wild*cards, fuzzy~ terms (see README: Query syntax)" };
    public Option<string> Corpus { get; } = CommonOptions.Corpus();
    public Option<bool> FollowLinks { get; } = CommonOptions.FollowLinks();
    public Option<string> Index { get; } = CommonOptions.Index();
    public Option<bool> Json { get; } = CommonOptions.Json();
    public Option<bool> Csv { get; } = new("--csv") { Description = "Write CSV instead of the terminal view" };
    public Option<bool> Any { get; } = new("--any") { Description = "Match any word instead of all words" };
    public Option<bool> All { get; } = new("--all") { Description = "Require every word" };
    public Option<bool> Strict { get; } = new("--strict") { Description = "A malformed query is an error (exit 2) instead of being repaired" };
    public Option<bool> NoAliases { get; } = CommonOptions.NoAliases();
    public FilterOptions Filters { get; } = new();
    public Option<int> Budget { get; } = new("--budget-ms")
    {
        Description = "Stop a request that runs longer than this many milliseconds (exit 2; default 1000, 0 = no limit)",
        DefaultValueFactory = _ => (int)SearchLimits.DefaultTimeBudget.TotalMilliseconds,
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Query);
        foreach (var option in new Option[] { Corpus, FollowLinks, Index, Json, Csv, Any, All, Strict, NoAliases, Budget })
            command.Options.Add(option);
        Filters.AddTo(command);
    }

    public SearchRequest Request(ParseResult parse) => Filters.Request(parse) with
    {
        Query = parse.GetValue(Query) ?? "",
        Any = parse.GetValue(Any),
        All = parse.GetValue(All),
        Strict = parse.GetValue(Strict),
        NoAliases = parse.GetValue(NoAliases),
    };

    /// <summary>The searcher over the index (built on first use), with the --budget-ms budget.</summary>
    public Searcher Searcher(ParseResult parse, TextWriter error)
    {
        var budgetMs = parse.GetValue(Budget);
        if (budgetMs < 0)
            throw new SearchRequestException($"--budget-ms must be 0 (no limit) or more (got {budgetMs}).");
        var path = IndexLocator.Ensure(parse.GetValue(Corpus)!, parse.GetValue(Index)!, error, CommonOptions.CorpusOptions(parse, FollowLinks));
        return new Searcher(path)
        {
            TimeBudget = budgetMs == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(budgetMs),
            Aliases = CommonOptions.Aliases(parse, Corpus),
        };
    }

    /// <summary>--json, --csv, --tsv: at most one.</summary>
    public static string? Format(bool json, bool csv, bool tsv)
    {
        if ((json ? 1 : 0) + (csv ? 1 : 0) + (tsv ? 1 : 0) > 1)
            throw new UsageException("choose one of --json, --csv and --tsv");
        return json ? "json" : csv ? "csv" : tsv ? "tsv" : null;
    }
}
