namespace PakRussia.Search.Querying;

/// <summary>
/// An <see cref="IVocabulary"/> held in memory, built from (term, document count) pairs. Terms are folded
/// (lower-case, diacritics removed) and counts of terms that fold to the same word are added.
/// </summary>
public sealed class InMemoryVocabulary : IVocabulary
{
    private readonly VocabularyTerm[] _sorted;
    private readonly Dictionary<string, long> _counts;

    public InMemoryVocabulary(IEnumerable<VocabularyTerm> terms)
    {
        _counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in terms)
        {
            var folded = TextFold.Fold(t.Term.Trim());
            if (folded.Length > 0)
            {
                _counts[folded] = _counts.GetValueOrDefault(folded) + Math.Max(0, t.DocumentCount);
            }
        }

        _sorted = _counts.Select(kv => new VocabularyTerm(kv.Key, kv.Value)).OrderBy(t => t.Term, StringComparer.Ordinal).ToArray();
    }

    public InMemoryVocabulary(IEnumerable<(string Term, long Count)> terms)
        : this(terms.Select(t => new VocabularyTerm(t.Term, t.Count)))
    {
    }

    /// <summary>Counts every word of <paramref name="passages"/> once per passage (words = runs of letters and digits).</summary>
    public static InMemoryVocabulary FromTexts(IEnumerable<string> passages) =>
        new(passages.SelectMany(p => TextFold.Tokens(p).Select(TextFold.Fold).Distinct()).GroupBy(w => w)
            .Select(g => new VocabularyTerm(g.Key, g.Count())));

    public int Count => _sorted.Length;

    public IReadOnlyList<VocabularyTerm> TermsWithPrefix(string prefix, int limit) =>
        Range(TextFold.Fold(prefix)).OrderByDescending(t => t.DocumentCount).ThenBy(t => t.Term, StringComparer.Ordinal).Take(limit).ToList();

    public IEnumerable<VocabularyTerm> Candidates(int minLength, int maxLength, string startsWith) =>
        Range(TextFold.Fold(startsWith)).Where(t => t.Term.Length >= minLength && t.Term.Length <= maxLength);

    public long DocumentCount(string term) => _counts.GetValueOrDefault(TextFold.Fold(term));

    private IEnumerable<VocabularyTerm> Range(string prefix)
    {
        if (prefix.Length == 0)
        {
            foreach (var t in _sorted)
            {
                yield return t;
            }

            yield break;
        }

        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(_sorted[mid].Term, prefix) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < _sorted.Length && _sorted[i].Term.StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return _sorted[i];
        }
    }
}
