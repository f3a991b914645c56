namespace PakRussia.Search.Passages;

/// <summary>
/// Finds sentence boundaries in one paragraph, in a single pass. A sentence ends at '.', '!', '?' or '…'
/// (plus closing quotes or brackets) followed by whitespace and a character that can open a sentence
/// (upper-case letter, digit, opening quote or bracket, bullet). Not after abbreviations and initials:
/// "U.S. forces", "Andrei P. Tsygankov", "e.g. this", "No. 79", "pp. 12".
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "nos", "vol", "pp", "p",
        "ed", "eds", "vs", "etc", "e.g", "i.e", "e.t.c", "cf", "al", "jr", "sr", "inc", "ltd", "co", "corp", "govt", "dept",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "op", "cit", "ibid",
        "u.s", "u.k", "u.n", "u.s.a", "approx", "est", "rev", "hon", "sen", "rep", "gov", "pres", "amb", "mt", "ft",
    };

    /// <summary>Sentence spans (start, end exclusive) within <paramref name="text"/>, trimmed of surrounding whitespace.</summary>
    public static List<(int Start, int End)> Split(string text)
    {
        var spans = new List<(int, int)>();
        var start = SkipWhitespace(text, 0);
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not ('.' or '!' or '?' or '…'))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && text[end] is '"' or '”' or '’' or '\'' or ')' or ']' or '.' or '!' or '?')
            {
                end++;
            }

            if (end >= text.Length || !char.IsWhiteSpace(text[end]))
            {
                i = end - 1;
                continue;
            }

            var next = SkipWhitespace(text, end);
            if (next >= text.Length)
            {
                break;
            }

            if (!CanOpenSentence(text[next]) || (c == '.' && IsAbbreviation(text, i)))
            {
                i = end - 1;
                continue;
            }

            spans.Add((start, TrimEndIndex(text, start, end)));
            start = next;
            i = next - 1;
        }

        if (start < text.Length)
        {
            var end = TrimEndIndex(text, start, text.Length);
            if (end > start)
            {
                spans.Add((start, end));
            }
        }

        return spans;
    }

    private static bool CanOpenSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '‘' or '\'' or '(' or '[' or '@' or '#' or '-' or '•' or '*'
        || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol
        || (char.IsLetter(c) && !char.IsLower(c));

    /// <summary>The token ending at the '.' at <paramref name="dot"/> is an abbreviation or an initial.</summary>
    private static bool IsAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]) && text[start - 1] is not ('(' or '"' or '“'))
        {
            start--;
        }

        var token = text.AsSpan(start, dot - start);
        if (token.Length == 1 && char.IsLetter(token[0]))
        {
            return true; // an initial: "Andrei P. Tsygankov"
        }

        return token.Length > 0 && token.Length <= 6 && Abbreviations.Contains(token.ToString());
    }

    private static int SkipWhitespace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int TrimEndIndex(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }
}
