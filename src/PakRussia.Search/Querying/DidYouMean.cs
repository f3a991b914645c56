using System.Text;
using Lucene.Net.QueryParsers.Classic;
using PakRussia.Search.Indexing.Analysis;

namespace PakRussia.Search.Querying;

/// <summary>
/// "Did you mean": for each word of the query that is absent from the index (or rare next to a much more frequent
/// neighbour), the closest frequent word of the index within 2 edits (1 for words of at most 4 letters), closest first,
/// then most passages. Only words are swapped; operators, quotes, fields and spacing stay as typed. Field names,
/// metadata values (source:, year:, …), ranges, wildcard terms, stop words and words with digits are left alone. The
/// query is read with Lucene's own lexer, so a word means what it means to the parser.
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

        var text = QueryText.Prepare(query, []);
        var tokens = text.Tokens(out _);
        var replacements = new List<(int Start, int Length, string Word)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind is not (RegexpToken.TERM or RegexpToken.QUOTED))
            {
                continue;
            }

            var isFieldName = token.Kind == RegexpToken.TERM && i + 1 < tokens.Count && tokens[i + 1].Kind == RegexpToken.COLON;
            var isMetadataValue = i >= 2 && tokens[i - 1].Kind == RegexpToken.COLON && tokens[i - 2].Kind == RegexpToken.TERM
                && QueryFields.Metadata.ContainsKey(tokens[i - 2].Image.ToLowerInvariant());
            if (isFieldName || isMetadataValue || token.Image.Contains('\\'))
            {
                continue;
            }

            var start = text.ToShown(token.BeginColumn) - 1;
            var end = Math.Min(text.Shown.Length, text.ToShown(ParseProblems.End(token)) - 1);
            CorrectSpan(text.Shown, start, end, vocabulary, replacements);
        }

        if (replacements.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder(text.Shown);
        foreach (var (start, length, word) in replacements.OrderByDescending(r => r.Start))
        {
            sb.Remove(start, length).Insert(start, word);
        }

        var result = sb.ToString();
        return result == text.Shown ? null : result;
    }

    /// <summary>The best replacement for one word, or null when it is fine or nothing better is known.</summary>
    public static string? Correct(string word, IVocabulary vocabulary)
    {
        if (PassageAnalyzer.Surface.Terms(word) is not [var folded] || folded.Length < 3 || StopWords.English.Contains(folded) || !folded.All(char.IsLetter))
        {
            return null;
        }

        var count = vocabulary.DocumentCount(folded);
        if (count > RareCount)
        {
            return null;
        }

        var maxEdits = folded.Length <= 4 ? 1 : 2;
        foreach (var (term, distance) in vocabulary.Fuzzy(folded, maxEdits, 50, out _))
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

    private static void CorrectSpan(string query, int start, int end, IVocabulary vocabulary, List<(int, int, string)> replacements)
    {
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
            if (Correct(word, vocabulary) is { } better && PassageAnalyzer.Surface.Terms(word) is [var folded] && better != folded)
            {
                replacements.Add((wordStart, i - wordStart, better));
            }
        }
    }
}
