using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Search;

/// <summary>
/// One segment's facet values per document, copied once from its doc values into plain arrays: the source, document
/// and author ordinals and the year as an index into the segment's distinct years (-1: none). Counting a match is then
/// four array reads (about 14 ns each) instead of four doc-values lookups. Kept per segment core for as long as the
/// segment lives (a new generation shares the arrays of the segments it keeps).
/// </summary>
internal sealed class FacetOrdinals
{
    private static readonly ConditionalWeakTable<object, FacetOrdinals> Cache = new();

    private FacetOrdinals(AtomicReader reader)
    {
        var max = reader.MaxDoc;
        Source = reader.GetSortedDocValues(IndexFields.Source);
        Document = reader.GetSortedDocValues(IndexFields.DocId);
        Author = reader.GetSortedDocValues(IndexFields.Author);
        SourceOrds = Ordinals(Source, max);
        DocumentOrds = Ordinals(Document, max);
        AuthorOrds = Ordinals(Author, max);
        var yearValues = reader.GetNumericDocValues(IndexFields.Year);
        var distinct = new SortedSet<int>();
        var years = new int[max];
        if (yearValues is not null)
        {
            for (var doc = 0; doc < max; doc++)
            {
                var year = (int)yearValues.Get(doc);
                years[doc] = year;
                if (year > 0) distinct.Add(year);
            }
        }

        Years = [.. distinct];
        var index = new Dictionary<int, int>();
        for (var i = 0; i < Years.Length; i++) index[Years[i]] = i;
        YearOrds = new int[max];
        for (var doc = 0; doc < max; doc++)
        {
            YearOrds[doc] = years[doc] > 0 ? index[years[doc]] : -1;
        }
    }

    public static FacetOrdinals For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new FacetOrdinals(reader));

    public SortedDocValues? Source { get; }
    public SortedDocValues? Document { get; }
    public SortedDocValues? Author { get; }
    public int[] SourceOrds { get; }
    public int[] DocumentOrds { get; }
    public int[] AuthorOrds { get; }
    /// <summary>The segment's distinct years, ascending; <see cref="YearOrds"/> index into it.</summary>
    public int[] Years { get; }
    public int[] YearOrds { get; }

    private static int[] Ordinals(SortedDocValues? values, int max)
    {
        var ords = new int[max];
        for (var doc = 0; doc < max; doc++)
        {
            ords[doc] = values?.GetOrd(doc) ?? -1;
        }

        return ords;
    }
}
