using System.Globalization;
using System.Text;
using PakRussia.Search.Corpus;

namespace PakRussia.Search.Indexing;

/// <summary>
/// Splits text into the surface words the vocabulary keeps: runs of letters and digits, lower-cased,
/// diacritics removed — the way FTS5's unicode61 tokenizer sees words before stemming
/// ("Pakistan’s" → pakistan, s; "vis-à-vis" → vis, a, vis).
/// </summary>
public static class WordTokenizer
{
    public static IEnumerable<string> Words(string text)
    {
        var builder = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                AppendFolded(builder, rune);
            }
            else if (IsCombiningMark(rune))
            {
                // part of the word, dropped (diacritic)
            }
            else if (builder.Length > 0)
            {
                yield return builder.ToString();
                builder.Clear();
            }
        }

        if (builder.Length > 0)
        {
            yield return builder.ToString();
        }
    }

    /// <summary>Lower-cases and strips diacritics from one word ("Àfghan" → "afghan").</summary>
    public static string Fold(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var rune in word.EnumerateRunes())
        {
            if (!IsCombiningMark(rune))
            {
                AppendFolded(builder, rune);
            }
        }

        return builder.ToString();
    }

    private static void AppendFolded(StringBuilder builder, Rune rune)
    {
        if (rune.Value < 0x80)
        {
            builder.Append(char.ToLowerInvariant((char)rune.Value));
            return;
        }

        // A table, not string.Normalize: with invariant globalization normalization leaves text unchanged.
        if (rune.IsBmp && CharacterFolding.Fold((char)rune.Value) is { } folded)
        {
            builder.Append(folded);
        }
        else
        {
            builder.Append(Rune.ToLowerInvariant(rune).ToString());
        }
    }

    private static bool IsCombiningMark(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
