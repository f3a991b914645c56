using System.Collections;
using Lucene.Net.Search;
using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Search;

/// <summary>Every passage a search matches, for exports.</summary>
public sealed partial class Searcher
{
    /// <summary>
    /// Every passage <paramref name="request"/> matches (the same set <see cref="Search"/> counts in its total:
    /// filters, kinds and the OR fallback apply, repeats are collapsed into their first occurrence), in the
    /// request's sort order, up to <see cref="SearchLimits.MaxResultWindow"/>; paging is ignored.
    /// </summary>
    /// <remarks>
    /// The request is checked and the ranking chosen before this returns (a bad query throws here, before anything is
    /// written), under the time budget (<see cref="SearchRequest.TimeBudget"/>, else <see cref="TimeBudget"/>) and the
    /// caller's cancellation; the passages themselves are read as the sequence is enumerated, from the same index
    /// generation (held until the enumeration ends), so an export streams.
    /// </remarks>
    public IEnumerable<(DocumentMetadata Document, Passage Passage)> AllMatches(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Sources.Count + request.Years.Count + request.Docs.Count + request.Authors.Count;
        if (values > SearchLimits.MaxFilterValues)
            throw new SearchRequestException($"Too many filter values ({values}); at most {SearchLimits.MaxFilterValues}.");

        cancellationToken.ThrowIfCancellationRequested();
        var lease = _generations.Acquire();
        try
        {
            var budget = new QueryBudget(request.TimeBudget ?? TimeBudget, cancellationToken);
            var docs = Guarded(() =>
            {
                var generation = lease.Generation;
                var compiled = Compile(generation, request);
                var selections = new FacetSelections(request);
                if (compiled.Query is null && selections.IsEmpty)
                    throw new SearchRequestException("The query is empty: type some words, a \"phrase\", or choose a filter.");
                budget.Check();
                var top = CollectWithFallback(generation, budget, compiled, selections, countFacets: false, request.Sort, SearchLimits.MaxResultWindow).Top;

                return top.Top(0, SearchLimits.MaxResultWindow).Select(d => d.Doc).ToList();
            });
            return new Stream(this, lease, docs);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>The chosen passages, read one by one from the generation that ranked them; releases it when the enumeration ends.</summary>
    private sealed class Stream(Searcher searcher, IndexGenerations.Lease lease, List<int> docs) : IEnumerable<(DocumentMetadata, Passage)>
    {
        private int _released;

        public IEnumerator<(DocumentMetadata, Passage)> GetEnumerator()
        {
            if (Volatile.Read(ref _released) == 1)
            {
                throw new InvalidOperationException("The matches of an export can be read once.");
            }

            try
            {
                foreach (var doc in docs)
                {
                    var generation = lease.Generation;
                    var (document, passage) = searcher.Guarded(() =>
                    {
                        var passage = PassageRecord.Read(generation.Doc(doc));
                        var entry = generation.Records.Find(passage.DocId)
                            ?? throw new Indexing.IndexException($"The index is inconsistent: the record of {passage.DocId} is missing. {Indexing.IndexDirectory.RebuildHint}");
                        return (entry.Metadata, passage);
                    });
                    yield return (document, passage);
                }
            }
            finally
            {
                if (Interlocked.Exchange(ref _released, 1) == 0)
                {
                    lease.Dispose();
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
