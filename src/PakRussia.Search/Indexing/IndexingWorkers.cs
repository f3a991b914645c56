using System.Collections.Concurrent;
using Lucene.Net.Index;
using PakRussia.Search.Corpus;

namespace PakRussia.Search.Indexing;

/// <summary>
/// Threads that turn documents into Lucene blocks and hand them to the writer, which accepts documents from several
/// threads at once: the reader (one thread, in order) stays ahead through a bounded queue, so memory holds a few dozen
/// documents, never the corpus. The first failure stops the others and is rethrown to the producer.
/// </summary>
internal sealed class IndexingWorkers : IDisposable
{
    private readonly record struct Job(Term? Replaces, IngestedDocument Document, SourceStamp? Source, long Order);

    private readonly IndexWriter _writer;
    private readonly BlockingCollection<Job> _queue;
    private readonly Thread[] _threads;
    private readonly CancellationTokenSource _stop = new();
    private Exception? _failure;

    public IndexingWorkers(IndexWriter writer, int threads)
    {
        _writer = writer;
        threads = Math.Clamp(threads, 1, 16);
        _queue = new BlockingCollection<Job>(boundedCapacity: 16 * threads);
        _threads = Enumerable.Range(0, threads).Select(i => new Thread(Work) { IsBackground = true, Name = $"pakrussia-index-{i}" }).ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Queues a document: added, or (with <paramref name="replaces"/>) replacing every document that has the term.</summary>
    public void Add(IngestedDocument document, SourceStamp? source, long order, Term? replaces = null)
    {
        ThrowIfFailed();
        try
        {
            _queue.Add(new Job(replaces, document, source, order), _stop.Token);
        }
        catch (OperationCanceledException)
        {
            ThrowIfFailed();
            throw;
        }
    }

    /// <summary>Waits until every queued document is in the writer; rethrows the first failure.</summary>
    public void Complete()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        ThrowIfFailed();
    }

    private void Work()
    {
        try
        {
            foreach (var job in _queue.GetConsumingEnumerable(_stop.Token))
            {
                var block = PassageDocuments.Block(job.Document, job.Source, job.Order);
                if (job.Replaces is { } term)
                {
                    _writer.UpdateDocuments(term, block);
                }
                else
                {
                    _writer.AddDocuments(block);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _failure, ex, null);
            _stop.Cancel();
        }
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Stops the threads without waiting for the queue (a build that is being abandoned).</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _queue.Dispose();
        _stop.Dispose();
    }
}
