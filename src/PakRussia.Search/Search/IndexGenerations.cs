using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using PakRussia.Search.Indexing;
using Directory = System.IO.Directory;

namespace PakRussia.Search.Search;

/// <summary>
/// The open generations of one index folder, through Lucene's <see cref="SearcherManager"/>: each request acquires the
/// current generation and releases it when done; when a build has committed a newer one (seen with one stat of the
/// folder per request, and a listing when it changed), the manager opens it and the old reader closes as soon as its
/// last request is done. A running server therefore sees a new build without a restart.
/// </summary>
internal sealed class IndexGenerations(string path) : IDisposable
{
    private readonly System.Threading.Lock _gate = new();
    private FSDirectory? _directory;
    private SearcherManager? _manager;
    private bool _disposed;
    private int _opened;

    /// <summary>How many generations this instance has opened (for tests: concurrent first searches open one).</summary>
    internal int Opened => Volatile.Read(ref _opened);

    /// <summary>The current generation for one request; dispose the lease when the request is done.</summary>
    /// <remarks>
    /// The folder's listing and the open generation are compared without a lock, so a listing can be older than a
    /// generation another request has just opened (it looks like an index deleted and built again): the folder is listed
    /// again before anything is closed, and a request that meets a manager closed by such a reopen starts over.
    /// </remarks>
    public Lease Acquire()
    {
        const int attempts = 8;
        for (var attempt = 1; ; attempt++)
        {
            var latest = LatestCommit();
            SearcherManager manager;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_manager is null)
                {
                    Open();
                }

                manager = _manager!;
            }

            IndexGeneration generation;
            try
            {
                generation = Take(manager);
                if (generation.Commit.Generation < latest)
                {
                    manager.Release(generation);
                    Refresh(manager);
                    generation = Take(manager);
                }
            }
            catch (ObjectDisposedException) when (attempt < attempts && !Volatile.Read(ref _disposed))
            {
                continue; // the manager was closed by a reopen meanwhile
            }

            if (generation.Commit.Generation > latest && attempt < attempts)
            {
                manager.Release(generation);
                if (LatestCommit(list: true) < generation.Commit.Generation)
                {
                    // Still older than the one open: the index was deleted and built again.
                    lock (_gate)
                    {
                        if (ReferenceEquals(_manager, manager))
                        {
                            Close();
                            Open();
                        }
                    }
                }

                continue;
            }

            return new Lease(manager, generation);
        }
    }

    private static IndexGeneration Take(SearcherManager manager) => (IndexGeneration)manager.Acquire();

    private void Refresh(SearcherManager manager)
    {
        try
        {
            manager.MaybeRefreshBlocking();
        }
        catch (Exception ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// The newest commit generation in the folder; an index problem when there is none. A commit is a new
    /// <c>segments_N</c> file, which changes the folder's modification time, so the folder is listed only when that
    /// time moved since the last listing; otherwise one stat answers (a
    /// listing cost about 30 µs per search at 638k passages, a stat a microsecond or two). A file system's clock may be
    /// coarse, so a change in the same tick as the time last seen would not show: the time is trusted only when the
    /// listing was made at least <see cref="ClockTick"/> after it, and until then every request lists the folder again.
    /// </summary>
    private long LatestCommit(bool list = false)
    {
        var modified = ModifiedTime();
        var last = Volatile.Read(ref _listing);
        if (!list && modified is { } time && last is not null && last.Modified == time && last.ListedAt - time >= ClockTick)
        {
            return last.Latest;
        }

        var latest = ListCommits();
        if (modified is { } seen)
        {
            Volatile.Write(ref _listing, new Listing(seen, latest, DateTime.UtcNow));
        }

        return latest;
    }

    /// <summary>What the folder held when last listed: its modification time then, its newest commit, and when it was listed.</summary>
    private sealed record Listing(DateTime Modified, long Latest, DateTime ListedAt);

    private Listing? _listing;

    /// <summary>How long after its last change a folder's modification time is trusted to show the next one.</summary>
    internal static readonly TimeSpan ClockTick = TimeSpan.FromSeconds(2);

    private DateTime? ModifiedTime()
    {
        try
        {
            var info = new DirectoryInfo(path);
            return info.Exists ? info.LastWriteTimeUtc : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>How many times this instance has listed the folder (for tests: an unchanged folder is only statted).</summary>
    internal int Listings => Volatile.Read(ref _listings);

    private int _listings;

    private long ListCommits()
    {
        Interlocked.Increment(ref _listings);
        try
        {
            var latest = -1L;
            foreach (var file in Directory.EnumerateFiles(path, IndexFileNames.SEGMENTS + "_*"))
            {
                var name = System.IO.Path.GetFileName(file);
                if (name != IndexFileNames.SEGMENTS_GEN)
                {
                    latest = Math.Max(latest, SegmentInfos.GenerationFromSegmentsFileName(name));
                }
            }

            if (latest >= 0)
            {
                return latest;
            }
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException or FormatException)
        {
        }

        // No commit to open: say why in the words IndexDirectory uses (a file, a foreign folder, no index).
        _ = IndexDirectory.ReadCommit(path);
        throw new IndexException($"No index at {path}. Build it with: pakrussia index");
    }

    private void Open()
    {
        var directory = IndexDirectory.Open(path);
        try
        {
            _manager = new SearcherManager(directory, new GenerationFactory(this, path));
            _directory = directory;
        }
        catch (Exception ex)
        {
            directory.Dispose();
            if (Translate(ex) is { } translated)
            {
                throw translated;
            }

            throw;
        }
    }

    private void Close()
    {
        _manager?.Dispose();
        _directory?.Dispose();
        _manager = null;
        _directory = null;
    }

    private IndexException? Translate(Exception ex) => ex as IndexException ?? IndexDirectory.Damage(ex, path);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Close();
        }
    }

    private sealed class GenerationFactory(IndexGenerations owner, string path) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            var generation = new IndexGeneration((DirectoryReader)reader, path);
            Interlocked.Increment(ref owner._opened);
            return generation;
        }
    }

    /// <summary>One request's hold on a generation.</summary>
    internal readonly struct Lease(SearcherManager manager, IndexGeneration generation) : IDisposable
    {
        public IndexGeneration Generation { get; } = generation;

        public void Dispose() => manager.Release(Generation);
    }
}
