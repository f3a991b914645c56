using PakRussia.Search.Cli;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;

namespace PakRussia.Search.Tests.TestSupport;

/// <summary>
/// An index built from the repository's <c>seeds/</c> in a temp folder, shared by the tests of a class
/// (xunit class fixture). Tests must not modify it; those that do build their own.
/// </summary>
public sealed class SeedIndex : IDisposable
{
    private readonly TempFolder _folder = new();

    public SeedIndex()
    {
        IndexPath = _folder.File("seeds");
        Summary = IndexBuilder.Update(new FolderCorpusSource(RepoPaths.Seeds), IndexPath);
        // A generous budget: a busy machine must not fail a test that is not about budgets (QueryBudgetTests are).
        Searcher = new Searcher(IndexPath) { TimeBudget = QueryBudget };
    }

    /// <summary>
    /// The query budget of every searcher a test opens (but the budget tests'): a minute, so a busy machine (a fresh
    /// clone's CI beside other jobs) cannot fail a test that is not about budgets.
    /// </summary>
    public static readonly TimeSpan QueryBudget = TimeSpan.FromMinutes(1);

    /// <summary>The commands that take <c>--budget-ms</c>.</summary>
    private static readonly HashSet<string> BudgetedCommands = ["search", "kwic", "collocates", "trend", "dispersion", "keywords"];

    public string IndexPath { get; }
    public BuildSummary Summary { get; }
    public Searcher Searcher { get; }

    public SearchResponse Search(string query, Func<SearchRequest, SearchRequest>? configure = null)
    {
        var request = new SearchRequest { Query = query };
        return Searcher.Search(configure is null ? request : configure(request));
    }

    /// <summary>Runs the CLI in-process against this index and the seeds.</summary>
    public (int Exit, string Output, string Error) Cli(params string[] args) =>
        RunCli([.. args, "--index", IndexPath, "--corpus", RepoPaths.Seeds]);

    /// <summary>
    /// Runs the CLI in-process. A command with a query budget that was not given one gets a minute
    /// (<see cref="QueryBudget"/>): the CLI's default second is about the machine, and a busy one must not fail a test
    /// that is not about budgets (those pass <c>--budget-ms</c> themselves).
    /// </summary>
    public static (int Exit, string Output, string Error) RunCli(params string[] args)
    {
        if (args.Length > 0 && BudgetedCommands.Contains(args[0]) && !args.Contains("--budget-ms"))
        {
            args = [.. args, "--budget-ms", ((int)QueryBudget.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Searcher.Dispose();
        _folder.Dispose();
    }
}
