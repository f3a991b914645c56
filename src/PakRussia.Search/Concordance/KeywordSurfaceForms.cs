using Lucene.Net.Index;
using Lucene.Net.Util;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;

namespace PakRussia.Search.Concordance;

/// <summary>
/// The word to show for a stem: among the surface words of the index (<see cref="IndexFields.Words"/>, lower case, not
/// stemmed) that the index chain stems to it, the one in most passages ("pipelin" → "pipeline", "countri" → "country").
/// Porter only rewrites endings, so candidates share the stem's beginning (all but its last letter); a stem with no
/// candidate among the first <see cref="MaxCandidates"/> is shown as it is.
/// </summary>
internal sealed class KeywordSurfaceForms(IndexReader reader)
{
    public const int MaxCandidates = 200;

    private readonly Terms? _words = MultiFields.GetTerms(reader, IndexFields.Words);

    public string Of(string stem)
    {
        if (_words is null || stem.Length == 0)
            return stem;
        var prefix = stem.Length > 2 ? stem[..^1] : stem;
        var prefixBytes = new BytesRef(prefix);
        var terms = _words.GetEnumerator();
        if (terms.SeekCeil(prefixBytes) == TermsEnum.SeekStatus.END)
            return stem;
        string? best = null;
        var bestCount = -1;
        var seen = 0;
        do
        {
            var term = terms.Term;
            if (!StringHelper.StartsWith(term, prefixBytes) || ++seen > MaxCandidates)
                break;
            var word = term.Utf8ToString();
            if (terms.DocFreq > bestCount && PassageAnalyzer.Index.Terms(word) is [var only] && only == stem)
            {
                best = word;
                bestCount = terms.DocFreq;
            }
        }
        while (terms.MoveNext());

        return best ?? stem;
    }
}
