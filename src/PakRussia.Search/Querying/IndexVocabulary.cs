using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Querying;

/// <summary>
/// The surface words of an index (the <see cref="IndexFields.Words"/> field: lower case, accents folded, not stemmed)
/// read from its own terms: a prefix walk of the term dictionary, Lucene's wildcard automaton intersected with it, and
/// <see cref="FuzzyTermsEnum"/> (Levenshtein automata) for words within a few edits. There is no table of our own.
/// </summary>
public sealed class IndexVocabulary(IndexReader reader, string field = IndexFields.Words) : IVocabulary
{
    /// <summary>Fuzzy terms share the first letter (Lucene's prefixLength 1): typos there are rare, and it keeps the walk short.</summary>
    public const int FuzzyPrefixLength = 1;

    private readonly Terms? _terms = MultiFields.GetTerms(reader, field);

    public IReadOnlyList<VocabularyTerm> WithPrefix(string prefix, int limit, out int total)
    {
        total = 0;
        if (_terms is null || limit <= 0)
        {
            return [];
        }

        var found = new List<VocabularyTerm>();
        var enumerator = _terms.GetEnumerator();
        var start = new BytesRef(prefix);
        if (enumerator.SeekCeil(start) == TermsEnum.SeekStatus.END)
        {
            return [];
        }

        do
        {
            var term = enumerator.Term;
            if (!StringHelper.StartsWith(term, start))
            {
                break;
            }

            found.Add(new VocabularyTerm(term.Utf8ToString(), enumerator.DocFreq));
        }
        while (enumerator.MoveNext());

        total = found.Count;
        return MostFrequent(found, limit);
    }

    public IReadOnlyList<VocabularyTerm> Wildcard(string pattern, int limit, out int total)
    {
        total = 0;
        if (_terms is null || limit <= 0)
        {
            return [];
        }

        var automaton = new CompiledAutomaton(WildcardQuery.ToAutomaton(new Term(field, pattern)));
        var enumerator = automaton.GetTermsEnum(_terms);
        var found = new List<VocabularyTerm>();
        while (enumerator.MoveNext())
        {
            found.Add(new VocabularyTerm(enumerator.Term.Utf8ToString(), enumerator.DocFreq));
        }

        total = found.Count;
        return MostFrequent(found, limit);
    }

    public IReadOnlyList<(VocabularyTerm Term, int Distance)> Fuzzy(string word, int maxEdits, int limit, out int total)
    {
        total = 0;
        if (_terms is null || limit <= 0 || word.Length == 0)
        {
            return [];
        }

        // One walk per distance, so each word is known by its smallest distance (the automata are Lucene's).
        var found = new Dictionary<string, (VocabularyTerm Term, int Distance)>(StringComparer.Ordinal);
        var exact = DocumentCount(word);
        if (exact > 0)
        {
            found[word] = (new VocabularyTerm(word, exact), 0);
        }

        for (var edits = 1; edits <= Math.Min(maxEdits, LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE); edits++)
        {
            var enumerator = new FuzzyTermsEnum(_terms, new Lucene.Net.Util.AttributeSource(), new Term(field, word), edits, FuzzyPrefixLength, transpositions: true);
            while (enumerator.MoveNext())
            {
                var text = enumerator.Term.Utf8ToString();
                if (!found.ContainsKey(text))
                {
                    found[text] = (new VocabularyTerm(text, enumerator.DocFreq), edits);
                }
            }
        }

        total = found.Count;
        return found.Values
            .OrderBy(f => f.Distance)
            .ThenByDescending(f => f.Term.DocumentCount)
            .ThenBy(f => f.Term.Term, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    public long DocumentCount(string word) => word.Length == 0 ? 0 : reader.DocFreq(new Term(field, word));

    private static List<VocabularyTerm> MostFrequent(List<VocabularyTerm> terms, int limit) =>
        terms.OrderByDescending(t => t.DocumentCount).ThenBy(t => t.Term, StringComparer.Ordinal).Take(limit).ToList();
}
