using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace PakRussia.Search.Search;

/// <summary>
/// The time budget of one search, and its caller's cancellation (an HTTP client that went away). <see cref="Check"/>
/// is called between the steps of a search and, through <see cref="Wrap"/>, every few hundred documents while Lucene
/// collects matches, so an expensive query stops where it is: past the budget with <see cref="QueryTimeoutException"/>,
/// on cancellation with <see cref="OperationCanceledException"/>. Nothing is left half-done: a search only reads.
/// </summary>
internal sealed class QueryBudget(TimeSpan budget, CancellationToken cancellation)
{
    /// <summary>Documents collected between two checks of the clock (a check costs a few nanoseconds).</summary>
    public const int CheckEvery = 256;

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly bool _limited = budget > TimeSpan.Zero && budget != Timeout.InfiniteTimeSpan;

    public TimeSpan Budget { get; } = budget;

    /// <summary>Throws when the budget is spent or the caller cancelled.</summary>
    public void Check()
    {
        cancellation.ThrowIfCancellationRequested();
        if (_limited && Stopwatch.GetElapsedTime(_started) > Budget)
        {
            throw new QueryTimeoutException(
                $"The query was stopped after {Budget.TotalMilliseconds:0} ms: it is too expensive. "
                + "Use fewer wildcards or fuzzy terms (~), longer prefixes before '*', or more specific words.",
                Budget);
        }
    }

    /// <summary>A collector that checks the budget as Lucene hands it documents, then passes them on.</summary>
    public ICollector Wrap(ICollector inner) => new Checked(this, inner);

    private sealed class Checked(QueryBudget budget, ICollector inner) : ICollector
    {
        private int _countdown;

        public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

        public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

        public void SetNextReader(AtomicReaderContext context)
        {
            budget.Check();
            inner.SetNextReader(context);
        }

        public void Collect(int doc)
        {
            if (--_countdown <= 0)
            {
                budget.Check();
                _countdown = CheckEvery;
            }

            inner.Collect(doc);
        }
    }
}
