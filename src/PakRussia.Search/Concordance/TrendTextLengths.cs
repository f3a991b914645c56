using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Concordance;

/// <summary>
/// How many words each passage's <see cref="IndexFields.Text"/> has, per segment: the sum of the term frequencies of every
/// term of the field in that passage, read once from the postings (a segment never changes, so its lengths are kept for as
/// long as it lives, keyed by its core like Lucene's FieldCache). These are the same tokens the occurrences are counted
/// in, so "per 10,000 words" divides like by like; passages without text (headings, word-for-word repeats) have 0.
/// </summary>
/// <remarks>
/// The passage's stored <c>word_count</c> is a stored field only (no doc values), and reading it for every passage costs
/// more than this pass; Lucene's norms hold the length only as one lossy byte.
/// </remarks>
internal static class TrendTextLengths
{
    private static readonly ConditionalWeakTable<object, int[]> Cache = new();

    public static int[] For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => Count(reader));

    private static int[] Count(AtomicReader reader)
    {
        var lengths = new int[reader.MaxDoc];
        var terms = reader.GetTerms(IndexFields.Text);
        if (terms is null)
            return lengths;
        var termsEnum = terms.GetEnumerator();
        DocsEnum? docs = null;
        while (termsEnum.MoveNext())
        {
            // Deleted passages are counted too; callers skip them through the live docs.
            docs = termsEnum.Docs(null, docs, DocsFlags.FREQS);
            int doc;
            while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                lengths[doc] += docs.Freq;
        }

        return lengths;
    }
}
