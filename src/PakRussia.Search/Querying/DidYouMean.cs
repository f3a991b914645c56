using System.Text;

namespace PakRussia.Search.Querying;

/// <summary>
/// "Did you mean": for each word of the query that is absent from the vocabulary (or rare next to a much more
/// frequent neighbour), the closest frequent vocabulary word within 2 edits (1 for words of at most 4 letters),
/// closest first, then most documents. Only words are swapped; operators, quotes, fields and spacing stay as typed.
/// Field names, metadata values (source:, year:, …), ranges, wildcard terms, stop words and words with digits
/// are left alone.
/// </summary>
public static class DidYouMean
{
    /// <summary>A word with at most this many documents counts as rare and may be corrected.</summary>
    public const long RareCount = 2;

    /// <summary>A rare word is replaced only by a word with at least this many times its documents.</summary>
    public const long RareFactor = 20;

    /// <summary>The corrected query, or null when no word changes.</summary>
    public static string? Suggest(string query, IVocabulary vocabulary)
    {
        if (string.IsNullOrWhiteSpace(query) || query.Length > QueryLimits.Default.MaxLength * 10)
        {
            return null;
        }

        var clean = QueryParser.RemoveControlCharacters(query, []);
        var tokens = QueryLexer.Tokenize(clean, (_, _, _) => { });
        var replacements = new List<(int Start, int Length, string Word)>();
        var inRange = false;
        string? field = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            switch (t.Kind)
            {
                case QueryTokenKind.LBracket or QueryTokenKind.LBrace:
                    inRange = true;
                    continue;
                case QueryTokenKind.RBracket or QueryTokenKind.RBrace:
                    inRange = false;
                    continue;
                case QueryTokenKind.Colon:
                    continue;
                case QueryTokenKind.LParen or QueryTokenKind.RParen:
                    continue;
                case QueryTokenKind.Term when i + 1 < tokens.Count && tokens[i + 1].Kind == QueryTokenKind.Colon:
                    field = t.Text.ToLowerInvariant();
                    continue;
                case QueryTokenKind.Term or QueryTokenKind.Quoted:
                    var metadata = field != null && QueryFields.Metadata.ContainsKey(field) && i > 0 && tokens[i - 1].Kind == QueryTokenKind.Colon;
                    if (!inRange && !metadata && !t.HasWildcard && !t.Raw.Contains('\\'))
                    {
                        CorrectSpan(clean, t.Start, t.Length, vocabulary, replacements);
                    }

                    break;
            }

            if (t.Kind is not (QueryTokenKind.Tilde or QueryTokenKind.Caret))
            {
                field = null;
            }
        }

        if (replacements.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder(clean);
        foreach (var (start, length, word) in replacements.OrderByDescending(r => r.Start))
        {
            sb.Remove(start, length).Insert(start, word);
        }

        var result = sb.ToString();
        return result == clean ? null : result;
    }

    /// <summary>The best replacement for one word, or null when it is fine or nothing better is known.</summary>
    public static string? Correct(string word, IVocabulary vocabulary)
    {
        var folded = TextFold.Fold(word);
        if (folded.Length < 3 || StopWords.English.Contains(folded) || !folded.All(char.IsLetter))
        {
            return null;
        }

        var count = vocabulary.DocumentCount(folded);
        if (count > RareCount)
        {
            return null;
        }

        var maxEdits = folded.Length <= 4 ? 1 : 2;
        var candidates = TermExpander.Fuzzy(folded, maxEdits, vocabulary, 50, out _);
        foreach (var (term, distance) in candidates)
        {
            if (distance == 0 || term.Term == folded)
            {
                continue;
            }

            if (count == 0 ? term.DocumentCount > 0 : term.DocumentCount >= count * RareFactor)
            {
                return term.Term;
            }
        }

        return null;
    }

    private static void CorrectSpan(string query, int start, int length, IVocabulary vocabulary, List<(int, int, string)> replacements)
    {
        var end = start + length;
        var i = start;
        while (i < end)
        {
            if (!char.IsLetterOrDigit(query[i]))
            {
                i++;
                continue;
            }

            var wordStart = i;
            while (i < end && (char.IsLetterOrDigit(query[i]) || char.GetUnicodeCategory(query[i]) == System.Globalization.UnicodeCategory.NonSpacingMark))
            {
                i++;
            }

            var word = query[wordStart..i];
            if (Correct(word, vocabulary) is { } better && !string.Equals(better, TextFold.Fold(word), StringComparison.Ordinal))
            {
                replacements.Add((wordStart, i - wordStart, better));
            }
        }
    }
}
