using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using PakRussia.Search.Indexing;
using Directory = System.IO.Directory;

namespace PakRussia.Search.Search;

/// <summary>
/// The open generations of one index folder, through Lucene's <see cref="SearcherManager"/>: each request acquires the
/// current generation and releases it when done; when a build has committed a newer one (seen with one listing of the
/// folder per request), the manager opens it and the old reader closes as soon as its last request is done. A running
/// server therefore sees a new build without a restart.
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
                if (LatestCommit() < generation.Commit.Generation)
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

    /// <summary>The newest commit generation in the folder (one listing); an index problem when there is none.</summary>
    private long LatestCommit()
    {
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
