using Microsoft.Data.Sqlite;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>4,000 generated passages sharing common words: big enough for an OR of many prefixes to cost real time.</summary>
public sealed class ExpensiveIndex : IDisposable
{
    private readonly TempFolder _folder = new();

    public ExpensiveIndex()
    {
        Path = _folder.File("expensive.db");
        IndexBuilder.BuildFrom(SyntheticCorpus.Documents(documents: 80, paragraphs: 50), Path, "synthetic");
    }

    public string Path { get; }

    /// <summary>Thirty two-letter prefixes OR'd together: each expands to many words over thousands of passages.</summary>
    public const string ExpensiveQuery =
        "ab* OR ac* OR ad* OR af* OR ag* OR al* OR am* OR an* OR ap* OR ar* OR as* OR at* OR ba* OR be* OR bi* OR "
        + "bo* OR ca* OR ce* OR ch* OR co* OR da* OR de* OR di* OR ea* OR ed* OR el* OR em* OR en* OR ma* OR mo*";

    public void Dispose() => _folder.Dispose();
}

public sealed class QueryBudgetTests(ExpensiveIndex index) : IClassFixture<ExpensiveIndex>
{
    private static T WithinSeconds<T>(int seconds, Func<T> body)
    {
        var task = Task.Run(body);
        Assert.True(task.Wait(TimeSpan.FromSeconds(seconds)), $"did not return within {seconds} s: the interrupt did not stop the statement");
        return task.Result;
    }

    [Fact]
    public void Search_OverItsBudget_ThrowsTimeoutAndTheNextSearchOnTheSameSearcherWorks()
    {
        var searcher = new Searcher(index.Path);
        var unbounded = searcher.Search(new SearchRequest { Query = ExpensiveIndex.ExpensiveQuery, TimeBudget = Timeout.InfiniteTimeSpan });
        Assert.True(unbounded.Total > 1_000, $"the expensive query matched only {unbounded.Total} passages");

        var error = Assert.Throws<QueryTimeoutException>(() =>
            searcher.Search(new SearchRequest { Query = ExpensiveIndex.ExpensiveQuery, TimeBudget = TimeSpan.FromMilliseconds(1) }));
        Assert.Contains("too expensive", error.Message);
        Assert.Equal(TimeSpan.FromMilliseconds(1), error.Budget);

        var next = searcher.Search(new SearchRequest { Query = "pakistan russia" });
        Assert.True(next.Total > 0);
        Assert.Equal(unbounded.Total, searcher.Search(new SearchRequest { Query = ExpensiveIndex.ExpensiveQuery, TimeBudget = TimeSpan.FromMinutes(1) }).Total);
    }

    [Fact]
    public void Rank_OverItsBudget_ThrowsTimeout()
    {
        var searcher = new Searcher(index.Path) { TimeBudget = TimeSpan.FromMilliseconds(1) };
        Assert.Throws<QueryTimeoutException>(() => searcher.Rank(new SearchRequest { Query = ExpensiveIndex.ExpensiveQuery }, 1_000));
    }

    /// <summary>An export chooses its rows under the same budget as a search: past it, nothing is streamed.</summary>
    [Fact]
    public void AllMatches_OverItsBudget_ThrowsTimeoutBeforeAnyRow()
    {
        var searcher = new Searcher(index.Path) { TimeBudget = TimeSpan.FromMilliseconds(1) };
        Assert.Throws<QueryTimeoutException>(() => searcher.AllMatches(new SearchRequest { Query = ExpensiveIndex.ExpensiveQuery }));
        var unbounded = new Searcher(index.Path) { TimeBudget = Timeout.InfiniteTimeSpan };
        Assert.True(unbounded.AllMatches(new SearchRequest { Query = ExpensiveIndex.ExpensiveQuery }).Take(5).Count() == 5);
    }

    /// <summary>Quote lookups and completions stop for a caller that went away (an HTTP client that disconnected).</summary>
    [Fact]
    public void FindQuoteAndSuggest_CancelledToken_ThrowCancelled()
    {
        var searcher = new Searcher(index.Path);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => searcher.FindQuote("pakistan and russia signed the agreement", cancellationToken: cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => searcher.Suggest("pak", cancellationToken: cancelled.Token));
        Assert.NotEmpty(searcher.Suggest("pa"));
    }

    [Fact]
    public void Search_CancelledToken_ThrowsCancelledWithoutRunning()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new Searcher(index.Path).Search(new SearchRequest { Query = "russia" }, cancelled.Token));
    }

    /// <summary>A statement that would never end (an endless recursive CTE) is stopped inside SQLite by the timer.</summary>
    [Fact]
    public void Budget_InterruptsARunningStatement_AndTheConnectionStaysUsable()
    {
        using var connection = IndexFiles.OpenRead(index.Path);
        var budget = new QueryBudget(connection, TimeSpan.FromMilliseconds(50), CancellationToken.None);
        var thrown = WithinSeconds(60, () => Run(connection, budget, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"));
        budget.Dispose();
        Assert.IsType<QueryTimeoutException>(thrown);

        using var again = connection.CreateCommand();
        again.CommandText = "SELECT count(*) FROM passages";
        Assert.Equal(4_000L, Convert.ToInt64(again.ExecuteScalar()));
    }

    /// <summary>A caller's cancellation (an HTTP client that went away) interrupts the statement the same way.</summary>
    [Fact]
    public void Cancellation_InterruptsARunningStatement()
    {
        using var connection = IndexFiles.OpenRead(index.Path);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        using var budget = new QueryBudget(connection, Timeout.InfiniteTimeSpan, cancel.Token);
        var thrown = WithinSeconds(60, () => Run(connection, budget, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"));
        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
    }

    private static Exception? Run(SqliteConnection connection, QueryBudget budget, string sql)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteScalar();
            return null;
        }
        catch (SqliteException ex)
        {
            return budget.Translate(ex) ?? ex;
        }
    }

    [Fact]
    public void Cli_BudgetOption_TurnsATimeoutIntoExitTwo()
    {
        var run = SeedIndex.RunCli("search", ExpensiveIndex.ExpensiveQuery, "--budget-ms", "1", "--index", index.Path, "--corpus", "/nonexistent");
        CliOutcome.Check("budget 1 ms", Outcome.BadInput, run, "too expensive");
        Assert.Equal(0, SeedIndex.RunCli("search", "russia", "--index", index.Path, "--corpus", "/nonexistent").Exit);
    }
}
