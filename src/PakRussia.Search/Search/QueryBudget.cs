using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace PakRussia.Search.Search;

/// <summary>
/// The time budget of one search on one connection. When the budget runs out, or the caller's token is
/// cancelled (an HTTP client that went away), the statement running on the connection is interrupted inside
/// SQLite (<c>sqlite3_interrupt</c>): FTS5 stops where it is instead of finishing a huge expansion. The
/// interrupted statement fails with SQLITE_INTERRUPT, which <see cref="Translate"/> turns into
/// <see cref="QueryTimeoutException"/> or <see cref="OperationCanceledException"/>; the connection stays usable.
/// </summary>
/// <remarks>
/// Dispose before the connection (declare the budget after it): the timer's callback and Dispose share a lock,
/// so an interrupt never reaches a closed handle. <c>sqlite3_interrupt</c> only affects statements that are
/// running, so <see cref="Check"/> is also called between statements.
/// </remarks>
internal sealed class QueryBudget : IDisposable
{
    private const int SqliteInterrupt = 9;

    private readonly SqliteConnection _connection;
    private readonly TimeSpan _budget;
    private readonly CancellationToken _cancellation;
    private readonly Lock _gate = new();
    // Fires once when the budget runs out, then every RepeatInterval until disposed: sqlite3_interrupt is a no-op when
    // no statement is running, so a single interrupt that lands between two statements (or before the first one
    // starts) would let an endless statement run on. Repeating closes that gap.
    private static readonly TimeSpan RepeatInterval = TimeSpan.FromMilliseconds(50);
    private readonly Timer _timer;
    private readonly bool _limited;
    private readonly CancellationTokenRegistration _registration;
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _expired;
    private bool _disposed;

    public QueryBudget(SqliteConnection connection, TimeSpan budget, CancellationToken cancellation)
    {
        _connection = connection;
        _budget = budget;
        _cancellation = cancellation;
        _limited = budget > TimeSpan.Zero && budget != Timeout.InfiniteTimeSpan;
        _timer = new Timer(static state => ((QueryBudget)state!).Interrupt(expired: true), this,
            _limited ? budget : Timeout.InfiniteTimeSpan, RepeatInterval);
        if (cancellation.CanBeCanceled)
        {
            _registration = cancellation.Register(static state => ((QueryBudget)state!).Interrupt(expired: false), this);
        }
    }

    /// <summary>Throws when the budget is spent or the caller cancelled: called before each statement.</summary>
    public void Check()
    {
        _cancellation.ThrowIfCancellationRequested();
        if (_expired || (_limited && Stopwatch.GetElapsedTime(_started) > _budget))
        {
            throw TimedOut();
        }
    }

    /// <summary>The exception an interrupted statement stands for, or null when <paramref name="ex"/> is not an interrupt.</summary>
    public Exception? Translate(SqliteException ex)
    {
        if (ex.SqliteErrorCode != SqliteInterrupt)
        {
            return null;
        }

        return _cancellation.IsCancellationRequested ? new OperationCanceledException("The search was cancelled.", ex, _cancellation) : TimedOut();
    }

    private QueryTimeoutException TimedOut() => new(
        $"The query was stopped after {_budget.TotalMilliseconds:0} ms: it is too expensive. "
        + "Use fewer wildcards or fuzzy terms (~), longer prefixes before '*', or more specific words.",
        _budget);

    private void Interrupt(bool expired)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (expired && !_cancellation.IsCancellationRequested)
            {
                _expired = true;
            }
            else if (!expired)
            {
                // Cancelled: keep interrupting until the search notices (see RepeatInterval).
                _timer.Change(RepeatInterval, RepeatInterval);
            }

            if (_connection.Handle is { } handle)
            {
                SQLitePCL.raw.sqlite3_interrupt(handle);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
        _registration.Dispose();
    }
}
