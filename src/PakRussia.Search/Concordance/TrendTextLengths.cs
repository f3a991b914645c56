using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;

namespace PakRussia.Search.Concordance;

/// <summary>
/// How many words each passage's <see cref="IndexFields.Text"/> has, per segment: the words the tokenizer found, written
/// at index time as <see cref="IndexFields.TextWords"/> doc values (<see cref="SurfaceTokens.WordCount"/>) and read
/// into an array once per segment (a segment never changes, so the array is kept for as long as it lives, keyed by its
/// core like Lucene's FieldCache). These are the words the occurrences are counted in, so "per 10,000 words" divides
/// like by like; passages without text (headings, word-for-word repeats) have 0.
/// </summary>
/// <remarks>
/// Schema 5 summed every term's frequencies from the postings instead, 3–4 s per process at 638k passages; Lucene's
/// norms hold the length only as one lossy byte.
/// </remarks>
internal static class TrendTextLengths
{
    private static readonly ConditionalWeakTable<object, int[]> Cache = new();

    public static int[] For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => Read(reader));

    private static int[] Read(AtomicReader reader)
    {
        var lengths = new int[reader.MaxDoc];
        if (reader.GetNumericDocValues(IndexFields.TextWords) is not { } words)
            return lengths;
        // Deleted passages are read too; callers skip them through the live docs.
        for (var doc = 0; doc < lengths.Length; doc++)
            lengths[doc] = (int)words.Get(doc);
        return lengths;
    }
}
