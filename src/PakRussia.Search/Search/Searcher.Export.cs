using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Passages;
using PakRussia.Search.Querying;

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
    /// The request is checked and the ranked row ids are read before this returns (a bad query throws here, before
    /// anything is written); the passages themselves are read as the sequence is enumerated, on a connection of
    /// its own, so an export streams. Choosing the rows runs under the time budget (<see cref="SearchRequest.TimeBudget"/>,
    /// else <see cref="TimeBudget"/>) and stops when <paramref name="cancellationToken"/> is cancelled, like <see cref="Search"/>.
    /// </remarks>
    public IEnumerable<(DocumentMetadata Document, Passage Passage)> AllMatches(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Sources.Count + request.Years.Count + request.Docs.Count + request.Authors.Count;
        if (values > SearchLimits.MaxFilterValues)
            throw new SearchRequestException($"Too many filter values ({values}); at most {SearchLimits.MaxFilterValues}.");

        var ranked = Budgeted(request.TimeBudget, cancellationToken, (connection, budget) =>
        {
            var catalog = DocumentCatalog.For(connection);
            var compiled = QueryCompiler.Compile(request.Query, new QueryOptions { Strict = request.Strict, AnyWord = request.Any }, new SqliteVocabulary(connection));
            var filter = new DocumentFilter(request, compiled.Filters);
            var kinds = compiled.Filters.OfType<ValueFilter>().Where(f => f.Field == MetadataField.Kind).ToList();
            var source = MatchSource.From(compiled);
            if (source is null && filter.IsEmpty && kinds.Count == 0)
                throw new SearchRequestException("The query is empty: type some words, a \"phrase\", or choose a filter.");

            // As in Search: the OR fallback applies when no passage has all the words (before document filters).
            budget.Check();
            if (source is { Kind: MatchKind.Match } && compiled.Fallback is not null && CountPerDocument(connection, source, kinds).Count == 0)
                source = source with { Expression = compiled.Fallback };
            HashSet<long>? allowed = filter.IsEmpty ? null : catalog.Entries.Where(e => filter.Allows(e)).Select(e => e.DocKey).ToHashSet();
            budget.Check();
            return RankPage(connection, source, kinds, allowed, request.Sort, compiled.Weights, SearchLimits.MaxResultWindow, 0);
        });

        return Read(ranked.Select(r => r.RowId).ToList());
    }

    private IEnumerable<(DocumentMetadata Document, Passage Passage)> Read(List<long> rowIds)
    {
        if (rowIds.Count == 0)
            yield break;
        using var connection = IndexFiles.OpenRead(IndexPath);
        var catalog = DocumentCatalog.For(connection);
        foreach (var rowId in rowIds)
        {
            var (passage, doc) = ReadPassage(connection, catalog, rowId);
            yield return (doc.Metadata, passage);
        }
    }
}
