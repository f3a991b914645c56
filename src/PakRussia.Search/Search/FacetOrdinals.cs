using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Search;

/// <summary>
/// One segment's facet values per Lucene document, copied once from its doc values into one plain array: the source,
/// document and author ordinals and the year as an index into the segment's distinct years (-1: none), side by side
/// (16 bytes), so counting a passage reads one cache line rather than four doc-values lookups or four arrays. At 638k
/// passages counting is bound by memory latency (each match is a cache miss in every array it reads), so one array,
/// read in doc order (<see cref="PassageCollector"/>), is what makes facets cheap. Kept per segment core for as long
/// as the segment lives (a new generation shares the arrays of the segments it keeps).
/// </summary>
internal sealed class FacetOrdinals
{
    private static readonly ConditionalWeakTable<object, FacetOrdinals> Cache = new();

    /// <summary>One Lucene document's facet ordinals in its segment (-1: it has no such value).</summary>
    public struct Entry
    {
        public int Source, Document, Author, Year;
    }

    private FacetOrdinals(AtomicReader reader)
    {
        var max = reader.MaxDoc;
        var source = reader.GetSortedDocValues(IndexFields.Source);
        var document = reader.GetSortedDocValues(IndexFields.DocId);
        var author = reader.GetSortedDocValues(IndexFields.Author);
        var yearValues = reader.GetNumericDocValues(IndexFields.Year);
        var distinct = new SortedSet<int>();
        if (yearValues is not null)
        {
            for (var doc = 0; doc < max; doc++)
            {
                var year = (int)yearValues.Get(doc);
                if (year > 0) distinct.Add(year);
            }
        }

        Years = [.. distinct];
        var index = new Dictionary<int, int>();
        for (var i = 0; i < Years.Length; i++) index[Years[i]] = i;
        Entries = new Entry[max];
        for (var doc = 0; doc < max; doc++)
        {
            var year = (int)(yearValues?.Get(doc) ?? 0);
            Entries[doc] = new Entry
            {
                Source = source?.GetOrd(doc) ?? -1,
                Document = document?.GetOrd(doc) ?? -1,
                Author = author?.GetOrd(doc) ?? -1,
                Year = year > 0 ? index[year] : -1,
            };
        }
    }

    public static FacetOrdinals For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new FacetOrdinals(reader));

    /// <summary>Per Lucene document of the segment, its ordinals.</summary>
    public Entry[] Entries { get; }

    /// <summary>The segment's distinct years, ascending; <see cref="Entry.Year"/> indexes into it.</summary>
    public int[] Years { get; }
}
