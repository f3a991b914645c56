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
    /// <summary>Receives one folded word; the span is only valid during the call.</summary>
    public delegate void WordAction(ReadOnlySpan<char> word);

    /// <summary>
    /// The same words as <see cref="Words"/>, without allocating: each folded word is handed to
    /// <paramref name="action"/> from a reused buffer (the indexer counts 72 million words this way at scale).
    /// Words longer than <paramref name="maxLength"/> characters are skipped.
    /// </summary>
    public static void ForEachWord(ReadOnlySpan<char> text, WordAction action, int maxLength = 64)
    {
        Span<char> buffer = stackalloc char[maxLength + 8];
        Span<char> lower = stackalloc char[2];
        var length = 0;
        var tooLong = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 0x80)
            {
                i++;
                if (char.IsAsciiLetterOrDigit(c))
                {
                    Append(buffer, ref length, ref tooLong, char.ToLowerInvariant(c));
                    continue;
                }

                Flush(buffer, ref length, ref tooLong, action);
                continue;
            }

            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                consumed = 1;
            }

            i += consumed;
            if (Rune.IsLetterOrDigit(rune))
            {
                if (rune.IsBmp && CharacterFolding.Fold((char)rune.Value) is { } folded)
                {
                    foreach (var f in folded) Append(buffer, ref length, ref tooLong, f);
                }
                else
                {
                    var written = Rune.ToLowerInvariant(rune).EncodeToUtf16(lower);
                    for (var k = 0; k < written; k++) Append(buffer, ref length, ref tooLong, lower[k]);
                }
            }
            else if (!IsCombiningMark(rune))
            {
                Flush(buffer, ref length, ref tooLong, action);
            }
        }

        Flush(buffer, ref length, ref tooLong, action);
    }

    private static void Append(Span<char> buffer, ref int length, ref bool tooLong, char c)
    {
        if (length < buffer.Length)
        {
            buffer[length++] = c;
        }
        else
        {
            tooLong = true;
        }
    }

    private static void Flush(Span<char> buffer, ref int length, ref bool tooLong, WordAction action)
    {
        if (length > 0 && !tooLong && length <= buffer.Length - 8)
        {
            action(buffer[..length]);
        }

        length = 0;
        tooLong = false;
    }

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
