namespace PakRussia.Search.Querying;

/// <summary>Expands wildcard and fuzzy terms against an <see cref="IVocabulary"/>.</summary>
public static class TermExpander
{
    /// <summary>Vocabulary words matching a pattern with <c>?</c> (one character) and <c>*</c> (any run), most documents first.</summary>
    /// <param name="pattern">Folded pattern (lower-case, no diacritics).</param>
    /// <param name="vocabulary">Where to look.</param>
    /// <param name="limit">How many to return.</param>
    /// <param name="total">How many matched in all.</param>
    public static IReadOnlyList<VocabularyTerm> Wildcard(string pattern, IVocabulary vocabulary, int limit, out int total)
    {
        var first = pattern.IndexOfAny(['*', '?']);
        var prefix = first < 0 ? pattern : pattern[..first];
        var minLength = pattern.Count(c => c != '*');
        var maxLength = pattern.Contains('*') ? int.MaxValue : pattern.Length;
        var matches = vocabulary.Candidates(minLength, maxLength, prefix).Where(t => Glob(pattern, t.Term)).ToList();
        total = matches.Count;
        return matches.OrderByDescending(t => t.DocumentCount).ThenBy(t => t.Term, StringComparer.Ordinal).Take(limit).ToList();
    }

    /// <summary>
    /// Vocabulary words within <paramref name="maxEdits"/> edits of <paramref name="word"/>, closest then most frequent first.
    /// The first letter must match (Lucene's prefixLength = 1): typos there are rare, and it turns a scan of the whole
    /// vocabulary (640,000 words at scale) into a range scan of one letter's words.
    /// </summary>
    public static IReadOnlyList<(VocabularyTerm Term, int Distance)> Fuzzy(string word, int maxEdits, IVocabulary vocabulary, int limit, out int total)
    {
        var matches = new List<(VocabularyTerm Term, int Distance)>();
        foreach (var t in vocabulary.Candidates(Math.Max(1, word.Length - maxEdits), word.Length + maxEdits, word.Length > 0 ? word[..1] : ""))
        {
            var d = EditDistance(word, t.Term, maxEdits);
            if (d <= maxEdits)
            {
                matches.Add((t, d));
            }
        }

        total = matches.Count;
        return matches.OrderBy(m => m.Distance).ThenByDescending(m => m.Term.DocumentCount)
            .ThenBy(m => m.Term.Term, StringComparer.Ordinal).Take(limit).ToList();
    }

    /// <summary>Glob match with <c>?</c> and <c>*</c>, linear backtracking (no recursion).</summary>
    public static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>
    /// Damerau–Levenshtein distance (optimal string alignment: insert, delete, substitute, swap neighbours).
    /// Returns <paramref name="max"/> + 1 as soon as the distance must exceed <paramref name="max"/>.
    /// </summary>
    public static int EditDistance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var prev2 = new int[b.Length + 1];
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, prev2[j - 2] + 1);
                }

                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            (prev2, prev, cur) = (prev, cur, prev2);
        }

        return Math.Min(prev[b.Length], max + 1);
    }
}
