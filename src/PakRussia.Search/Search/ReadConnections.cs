using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Search;

/// <summary>
/// Open read-only connections to one index file, kept between calls: opening, validating and setting up a connection
/// costs more than a selective search, and a kept connection keeps its page cache and memory map warm.
/// </summary>
/// <remarks>
/// A build never writes the live file: it renames a new file over it. So a kept connection is only reused while the
/// path still shows the same file (same size and modification time, checked with one stat per call); after a swap
/// every kept connection is closed and new ones open the new file, as before. Thread-safe: each caller gets a
/// connection of its own for the duration of the call.
/// </remarks>
internal sealed class ReadConnections(string path)
{
    private const int MaxIdle = 8;
    private readonly ConcurrentBag<(SqliteConnection Connection, FileStamp Stamp)> _idle = [];
    private readonly Lock _gate = new();
    private FileStamp _current;

    internal readonly record struct FileStamp(long Length, DateTime Modified);

    /// <summary>A connection for one call; disposing it gives it back.</summary>
    public Lease Rent()
    {
        var info = new FileInfo(path);
        var stamp = info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : default;
        lock (_gate)
        {
            if (stamp != _current)
            {
                _current = stamp;
                while (_idle.TryTake(out var stale))
                {
                    stale.Connection.Dispose();
                }
            }
        }

        while (_idle.TryTake(out var idle))
        {
            if (idle.Stamp == stamp)
            {
                return new Lease(this, idle.Connection, stamp);
            }

            idle.Connection.Dispose();
        }

        // Missing, empty or foreign files are reported by OpenRead exactly as without the cache.
        return new Lease(this, IndexFiles.OpenRead(path), stamp);
    }

    private void Return(SqliteConnection connection, FileStamp stamp)
    {
        bool keep;
        lock (_gate)
        {
            keep = stamp == _current;
        }

        if (keep && _idle.Count < MaxIdle)
        {
            _idle.Add((connection, stamp));
        }
        else
        {
            connection.Dispose();
        }
    }

    internal readonly struct Lease(ReadConnections owner, SqliteConnection connection, FileStamp stamp) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public void Dispose() => owner.Return(Connection, stamp);
    }
}
