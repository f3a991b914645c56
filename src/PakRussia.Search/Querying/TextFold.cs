using System.Globalization;
using System.Text;

namespace PakRussia.Search.Querying;

/// <summary>
/// Text helpers that mirror FTS5's <c>unicode61 remove_diacritics 2</c> tokenizer closely enough for the query
/// compiler: which characters make tokens, how words are folded, and how strings are quoted for FTS5.
/// </summary>
public static class TextFold
{
    /// <summary>Lower-case and strip diacritics (<c>Ḱrémlin</c> → <c>kremlin</c>), like the index's vocabulary.</summary>
    public static string Fold(string word)
    {
        var lower = word.ToLowerInvariant();
        var ascii = true;
        foreach (var c in lower)
        {
            if (c > 0x7f)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return lower;
        }

        string decomposed;
        try
        {
            decomposed = lower.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            return lower; // invalid UTF-16; callers removed lone surrogates, so this is a safety net
        }

        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// True for characters unicode61 treats as part of a token: letters, numbers and private-use characters.
    /// Combining marks are counted too, so a word with marks stays one run here (FTS5 folds or splits them;
    /// either way the quoted string stays valid).
    /// </summary>
    public static bool IsTokenRune(Rune r) => Rune.GetUnicodeCategory(r) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    private static bool IsMark(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>True when FTS5 would find at least one token in <paramref name="text"/> (<c>"++"</c> and emoji have none).</summary>
    public static bool HasToken(string text)
    {
        foreach (var r in text.EnumerateRunes())
        {
            if (IsTokenRune(r))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The tokens of <paramref name="text"/>: runs of token characters (and the marks on them).</summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var r in text.EnumerateRunes())
        {
            if (IsTokenRune(r) || (current.Length > 0 && IsMark(r)))
            {
                current.Append(r.ToString());
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    /// <summary>Number of token characters at the end of <paramref name="text"/> (the last token's length when it ends the text).</summary>
    public static int TrailingTokenLength(string text)
    {
        var runes = text.EnumerateRunes().ToList();
        var n = 0;
        for (var i = runes.Count - 1; i >= 0 && (IsTokenRune(runes[i]) || IsMark(runes[i])); i--)
        {
            if (IsTokenRune(runes[i]))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>An FTS5 string literal: <c>"…"</c> with inner quotes doubled. Never a syntax error.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    /// <summary>True for characters removed from queries: controls (except whitespace ones), lone surrogates, non-characters.</summary>
    internal static bool IsRemovable(string s, int i, out bool whitespace)
    {
        var c = s[i];
        whitespace = c is '\t' or '\n' or '\r' or '\v' or '\f';
        if (whitespace)
        {
            return false;
        }

        if (char.IsControl(c))
        {
            return true;
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i == 0 || !char.IsHighSurrogate(s[i - 1]);
        }

        return c is '\uFFFE' or '\uFFFF';
    }
}
