using Lucene.Net.Index;
using Lucene.Net.Search;
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
        Path = _folder.File("expensive");
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
    [Fact]
    public void Search_OverItsBudget_ThrowsTimeoutAndTheNextSearchOnTheSameSearcherWorks()
    {
        var searcher = new Searcher(index.Path);
        var unbounded = searcher.Search(new SearchRequest { Query = ExpensiveIndex.ExpensiveQuery, TimeBudget = Timeout.InfiniteTimeSpan });
        Assert.True(unbounded.Total > 1_000, $"the expensive query matched only {unbounded.Total} passages");

        // One tick is always spent by the time the query has been read and expanded: deterministic on any machine.
        var error = Assert.Throws<QueryTimeoutException>(() =>
            searcher.Search(new SearchRequest { Query = ExpensiveIndex.ExpensiveQuery, TimeBudget = TimeSpan.FromTicks(1) }));
        Assert.Contains("too expensive", error.Message);
        Assert.Equal(TimeSpan.FromTicks(1), error.Budget);

        var next = searcher.Search(new SearchRequest { Query = "pakistan russia" });
        Assert.True(next.Total > 0);
        Assert.Equal(unbounded.Total, searcher.Search(new SearchRequest { Query = ExpensiveIndex.ExpensiveQuery, TimeBudget = TimeSpan.FromMinutes(1) }).Total);
    }

    [Fact]
    public void Rank_OverItsBudget_ThrowsTimeout()
    {
        var searcher = new Searcher(index.Path) { TimeBudget = TimeSpan.FromTicks(1) };
        Assert.Throws<QueryTimeoutException>(() => searcher.Rank(new SearchRequest { Query = ExpensiveIndex.ExpensiveQuery }, 1_000));
    }

    /// <summary>An export chooses its rows under the same budget as a search: past it, nothing is streamed.</summary>
    [Fact]
    public void AllMatches_OverItsBudget_ThrowsTimeoutBeforeAnyRow()
    {
        var searcher = new Searcher(index.Path) { TimeBudget = TimeSpan.FromTicks(1) };
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

    /// <summary>
    /// The budget stops Lucene while it collects matches (checked every few hundred documents), not only between
    /// steps: a collection over every passage stops long before the end, and the reader answers afterwards.
    /// </summary>
    [Fact]
    public void Budget_StopsACollectionMidway_AndTheReaderStaysUsable()
    {
        using var directory = Lucene.Net.Store.FSDirectory.Open(index.Path);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var counter = new CountingCollector();
        var budget = new QueryBudget(TimeSpan.FromTicks(1), CancellationToken.None);
        Assert.Throws<QueryTimeoutException>(() => searcher.Search(new MatchAllDocsQuery(), budget.Wrap(counter)));
        Assert.True(counter.Count < reader.MaxDoc, $"collected {counter.Count} of {reader.MaxDoc}");
        Assert.Equal(reader.MaxDoc, searcher.Search(new MatchAllDocsQuery(), 1).TotalHits);
    }

    /// <summary>A caller's cancellation (an HTTP client that went away) stops the collection the same way.</summary>
    [Fact]
    public void Cancellation_StopsACollectionMidway()
    {
        using var directory = Lucene.Net.Store.FSDirectory.Open(index.Path);
        using var reader = DirectoryReader.Open(directory);
        using var cancel = new CancellationTokenSource();
        var counter = new CountingCollector { CancelAt = 100, Cancel = cancel };
        var budget = new QueryBudget(Timeout.InfiniteTimeSpan, cancel.Token);
        Assert.ThrowsAny<OperationCanceledException>(() => new IndexSearcher(reader).Search(new MatchAllDocsQuery(), budget.Wrap(counter)));
        Assert.InRange(counter.Count, 100, 100 + QueryBudget.CheckEvery);
    }

    private sealed class CountingCollector : ICollector
    {
        public int Count { get; private set; }
        public int CancelAt { get; init; } = int.MaxValue;
        public CancellationTokenSource? Cancel { get; init; }
        public bool AcceptsDocsOutOfOrder => true;
        public void SetScorer(Scorer scorer) { }
        public void SetNextReader(AtomicReaderContext context) { }

        public void Collect(int doc)
        {
            if (++Count == CancelAt)
            {
                Cancel?.Cancel();
            }
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
