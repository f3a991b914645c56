using System.CommandLine;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli;

/// <summary>
/// The options <c>trend</c>, <c>dispersion</c> and <c>keywords</c> share: the index and corpus, the search filters,
/// <c>--json</c>, <c>--csv</c> and <c>--budget-ms</c>.
/// </summary>
public sealed class StatsOptions(int defaultBudgetMs = 1000)
{
    public Option<string> Corpus { get; } = CommonOptions.Corpus();
    public Option<bool> FollowLinks { get; } = CommonOptions.FollowLinks();
    public Option<string> Index { get; } = CommonOptions.Index();
    public Option<bool> Json { get; } = CommonOptions.Json();
    public Option<bool> Csv { get; } = new("--csv") { Description = "Write CSV instead of the terminal view" };
    public Option<int> Budget { get; } = new("--budget-ms")
    {
        Description = $"Stop a request that runs longer than this many milliseconds (exit 2; default {defaultBudgetMs}, 0 = no limit)",
        DefaultValueFactory = _ => defaultBudgetMs,
    };
    public FilterOptions Filters { get; } = new();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Corpus, FollowLinks, Index, Json, Csv, Budget })
            command.Options.Add(option);
        Filters.AddTo(command);
    }

    /// <summary>The searcher over the index (built on first use), with the budget asked for.</summary>
    public Searcher Searcher(ParseResult parse, TextWriter error)
    {
        if (parse.GetValue(Json) && parse.GetValue(Csv))
            throw new UsageException("choose --json or --csv, not both");
        var budgetMs = parse.GetValue(Budget);
        if (budgetMs < 0)
            throw new SearchRequestException($"--budget-ms must be 0 (no limit) or more (got {budgetMs}).");
        var path = IndexLocator.Ensure(parse.GetValue(Corpus)!, parse.GetValue(Index)!, error, CommonOptions.CorpusOptions(parse, FollowLinks));
        return new Searcher(path) { TimeBudget = budgetMs == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(budgetMs) };
    }
}
