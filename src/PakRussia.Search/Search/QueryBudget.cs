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
    private readonly Timer? _timer;
    private readonly CancellationTokenRegistration _registration;
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _expired;
    private bool _disposed;

    public QueryBudget(SqliteConnection connection, TimeSpan budget, CancellationToken cancellation)
    {
        _connection = connection;
        _budget = budget;
        _cancellation = cancellation;
        if (budget > TimeSpan.Zero && budget != Timeout.InfiniteTimeSpan)
        {
            _timer = new Timer(static state => ((QueryBudget)state!).Interrupt(expired: true), this, budget, Timeout.InfiniteTimeSpan);
        }

        if (cancellation.CanBeCanceled)
        {
            _registration = cancellation.Register(static state => ((QueryBudget)state!).Interrupt(expired: false), this);
        }
    }

    /// <summary>Throws when the budget is spent or the caller cancelled: called before each statement.</summary>
    public void Check()
    {
        _cancellation.ThrowIfCancellationRequested();
        if (_expired || (_timer is not null && Stopwatch.GetElapsedTime(_started) > _budget))
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

            if (expired)
            {
                _expired = true;
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

        _timer?.Dispose();
        _registration.Dispose();
    }
}
