using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Util;

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
            var weight = Weight(termsEnum.Term);
            if (weight == 0)
            {
                continue;
            }

            // Deleted passages are counted too; callers skip them through the live docs.
            docs = termsEnum.Docs(null, docs, DocsFlags.FREQS);
            int doc;
            while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                lengths[doc] += weight * docs.Freq;
        }

        return lengths;
    }

    /// <summary>
    /// What one occurrence of an index term adds to the words: 1; 0 for the marked copy of a word in capitals (the word
    /// again); and for a word split where letters meet digits ("35m", indexed with its parts "35" and "m", which are
    /// counted under their own terms), one minus its parts: the word counts once, as the tokenizer sees it. The parts
    /// are those the index chain's own <see cref="WordDelimiterFilter"/> makes of the term.
    /// </summary>
    private static int Weight(BytesRef term)
    {
        if (term.Length == 0)
        {
            return 1;
        }

        if (term.Bytes[term.Offset] == (byte)CapitalsFilter.Mark)
        {
            return 0;
        }

        var mixed = false;
        for (var i = 1; i < term.Length && !mixed; i++)
        {
            var (a, b) = (term.Bytes[term.Offset + i - 1], term.Bytes[term.Offset + i]);
            mixed = IsDigit(a) != IsDigit(b) && IsLetter(a) != IsLetter(b) && (IsDigit(a) || IsLetter(a)) && (IsDigit(b) || IsLetter(b));
        }

        if (!mixed)
        {
            return 1;
        }

        using var parts = new WordDelimiterFilter(PassageAnalyzer.Version, new KeywordTokenizer(new StringReader(term.Utf8ToString())),
            ModelNumbers.CharTypes, ModelNumbers.Flags, null);
        parts.Reset();
        var tokens = 0;
        while (parts.IncrementToken())
        {
            tokens++;
        }

        parts.End();
        return tokens <= 1 ? 1 : 1 - (tokens - 1); // tokens: the word itself, then its parts
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool IsLetter(byte b) => b >= 0x80 || char.IsAsciiLetter((char)b);
}
