using Lucene.Net.Index;
using Lucene.Net.Util;

namespace PakRussia.Search.Search;

/// <summary>
/// One facet field's values across a generation's segments, numbered once (Lucene's <see cref="MultiDocValues.OrdinalMap"/>):
/// a segment's ordinal maps to the generation's ordinal, so a search counts into one array by generation ordinal and
/// turns only the values it shows (the 50 largest) into labels. Counting by segment ordinal and labelling every value
/// counted (as the collector did) cost a term lookup and a string per distinct value: at 638k passages, a common word
/// touches tens of thousands of documents and authors, which was most of the time a faceted search took.
/// Built once per generation, on first use; a generation with one segment needs no map (its ordinals are already global).
/// </summary>
internal sealed class FacetValueOrdinals
{
    private readonly IList<AtomicReaderContext> _leaves;
    private readonly string _field;
    private readonly int[]?[] _segmentToGlobal;

    public FacetValueOrdinals(IndexReader reader, string field)
    {
        var leaves = reader.Leaves;
        _leaves = leaves;
        _field = field;
        _segmentToGlobal = new int[]?[leaves.Count];
        var values = MultiDocValues.GetSortedValues(reader, field);
        ValueCount = values?.ValueCount ?? 0;
        if (values is MultiDocValues.MultiSortedDocValues multi)
        {
            Mapping = multi.Mapping;
            for (var i = 0; i < leaves.Count; i++)
            {
                var count = leaves[i].AtomicReader.GetSortedDocValues(field)?.ValueCount ?? 0;
                var map = new int[count];
                for (var ord = 0; ord < count; ord++)
                {
                    map[ord] = (int)multi.Mapping.GetGlobalOrd(i, ord);
                }

                _segmentToGlobal[i] = map;
            }
        }
    }

    /// <summary>Distinct values in the generation.</summary>
    public int ValueCount { get; }

    /// <summary>Lucene's map of segment to generation ordinals; null when the generation has one segment.</summary>
    public MultiDocValues.OrdinalMap? Mapping { get; }

    /// <summary>Segment <paramref name="leaf"/>'s ordinal to generation ordinal; null when they are the same.</summary>
    public int[]? SegmentToGlobal(int leaf) => _segmentToGlobal[leaf];

    /// <summary>
    /// The value with generation ordinal <paramref name="ord"/>, read from the segment that first has it through that
    /// segment's doc values as the calling thread gets them (a doc-values instance is not shared between threads; the
    /// ordinal map is immutable).
    /// </summary>
    public string Label(int ord)
    {
        var (leaf, segmentOrd) = Mapping is { } map ? (map.GetFirstSegmentNumber(ord), (int)map.GetFirstSegmentOrd(ord)) : (0, ord);
        var scratch = new BytesRef();
        _leaves[leaf].AtomicReader.GetSortedDocValues(_field).LookupOrd(segmentOrd, scratch);
        return scratch.Utf8ToString();
    }
}
