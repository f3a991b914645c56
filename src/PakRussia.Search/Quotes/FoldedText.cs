using PakRussia.Search.Corpus;
using System.Globalization;
using System.Text;

namespace PakRussia.Search.Quotes;

/// <summary>
/// One word of a <see cref="FoldedText"/>: a run of folded letters/digits (an apostrophe between two
/// letters stays inside the word, so "Pakistan’s" is one word), with the source span it came from.
/// </summary>
/// <param name="Text">The folded word: lower case, no diacritics, straight apostrophes.</param>
/// <param name="Start">Offset of the word's first character in the source string.</param>
/// <param name="End">Offset just past the word's last character in the source string.</param>
/// <param name="JoinedToPrevious">
/// True when only a hyphen (possibly followed by a line break, as in PDF hyphenation "narco-\neconomy")
/// separates this word from the previous one, so the two may also be read as one word ("narcoeconomy").
/// </param>
/// <param name="AfterEllipsis">True when an ellipsis ("…" or "...") stands between this word and the previous one.</param>
public readonly record struct FoldedToken(string Text, int Start, int End, bool JoinedToPrevious, bool AfterEllipsis);

/// <summary>
/// A comparison form of a string that forgets what a quote typed by hand cannot be expected to get right:
/// letter case, curly vs straight quotes, dash variants, diacritics, whitespace and line breaks, soft hyphens,
/// zero-width characters. Every folded character remembers the source characters it came from, so a match
/// found in the folded form maps back to an exact [start, end) range of the original.
/// </summary>
/// <remarks>
/// <see cref="Folded"/> is the character-level form; <see cref="Tokens"/> is the word-level form the
/// <see cref="QuoteAligner"/> compares on. Hyphenated words are split into their parts and the parts are
/// marked <see cref="FoldedToken.JoinedToPrevious"/>, so "narco-economy", "narco-\n\neconomy" and
/// "narcoeconomy" can all be matched against each other.
/// </remarks>
public sealed class FoldedText
{
    private readonly int[] sourceStart;
    private readonly int[] sourceEnd;

    public FoldedText(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        var folded = new StringBuilder(source.Length);
        var starts = new List<int>(source.Length);
        var ends = new List<int>(source.Length);
        Fold(source, folded, starts, ends);
        Folded = folded.ToString();
        sourceStart = [.. starts];
        sourceEnd = [.. ends];
        Tokens = Tokenise();
    }

    /// <summary>The original string.</summary>
    public string Source { get; }

    /// <summary>The comparison form: lower case, straight quotes, '-' for every dash, no diacritics, single spaces.</summary>
    public string Folded { get; }

    /// <summary>The folded words, in order, with their source offsets.</summary>
    public IReadOnlyList<FoldedToken> Tokens { get; }

    /// <summary>The folded form of <paramref name="text"/>.</summary>
    public static string Fold(string text) => new FoldedText(text).Folded;

    /// <summary>Offset in <see cref="Source"/> of the first source character behind folded character <paramref name="foldedIndex"/>.</summary>
    public int SourceStart(int foldedIndex) => sourceStart[foldedIndex];

    /// <summary>Offset in <see cref="Source"/> just past the source character(s) behind folded character <paramref name="foldedIndex"/>.</summary>
    public int SourceEnd(int foldedIndex) => sourceEnd[foldedIndex];

    /// <summary>Maps a non-empty folded range [<paramref name="foldedStart"/>, <paramref name="foldedEnd"/>) to its source range.</summary>
    public (int Start, int End) MapToSource(int foldedStart, int foldedEnd)
    {
        if (foldedStart < 0 || foldedEnd > Folded.Length || foldedStart >= foldedEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(foldedStart), "Need 0 <= start < end <= folded length.");
        }

        return (sourceStart[foldedStart], sourceEnd[foldedEnd - 1]);
    }

    /// <summary>The source text of one token, as it was written.</summary>
    public string Surface(FoldedToken token) => Source[token.Start..token.End];

    private static bool IsZeroWidth(int c) => c is 0x200B or 0x200C or 0x200D or 0x2060 or 0xFEFF or 0x180E;

    private static char? MapPunctuation(int c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '`' or '\u00B4' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => '"',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE58' or '\uFE63' or '\uFF0D' => '-',
        _ => null,
    };

    private static void Fold(string s, StringBuilder folded, List<int> starts, List<int> ends)
    {
        void Emit(char c, int start, int end)
        {
            folded.Append(c);
            starts.Add(start);
            ends.Add(end);
        }

        var i = 0;
        var lastWasSoftHyphen = false;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '\u00AD')
            {
                // Soft hyphen: invisible; if it ends a line, the line break inside the word goes too.
                lastWasSoftHyphen = true;
                i++;
                continue;
            }

            if (IsZeroWidth(c))
            {
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                var runStart = i;
                var hasNewline = false;
                while (i < s.Length && (char.IsWhiteSpace(s[i]) || IsZeroWidth(s[i]) || s[i] == '\u00AD'))
                {
                    hasNewline |= s[i] is '\n' or '\r' or '\u2028' or '\u2029';
                    i++;
                }

                var joinsWord = lastWasSoftHyphen && hasNewline && folded.Length > 0 && char.IsLetter(folded[^1])
                    && i < s.Length && char.IsLetter(s[i]);
                if (!joinsWord && folded.Length > 0 && i < s.Length)
                {
                    // One space for the run, mapped to the whole run (never trailing).
                    Emit(' ', runStart, i);
                }

                lastWasSoftHyphen = false;
                continue;
            }

            lastWasSoftHyphen = false;
            if (c < 0x80)
            {
                Emit(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c, i, i + 1);
                i++;
                continue;
            }

            var width = char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
            if (MapPunctuation(c) is { } mapped)
            {
                Emit(mapped, i, i + width);
            }
            else if (c == '\u2026')
            {
                Emit('.', i, i + 1);
                Emit('.', i, i + 1);
                Emit('.', i, i + 1);
            }
            else if (width == 1 && CharacterFolding.Fold(c) is { } baseLetters)
            {
                foreach (var b in baseLetters)
                {
                    Emit(b, i, i + 1);
                }
            }
            else
            {
                var unit = s.Substring(i, width);
                foreach (var d in Decompose(unit))
                {
                    var category = CharUnicodeInfo.GetUnicodeCategory(d);
                    if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                    {
                        continue;
                    }

                    if (char.IsWhiteSpace(d))
                    {
                        if (folded.Length > 0 && folded[^1] != ' ')
                        {
                            Emit(' ', i, i + width);
                        }

                        continue;
                    }

                    Emit(MapPunctuation(d) ?? char.ToLowerInvariant(d), i, i + width);
                }
            }

            i += width;
        }

        // A trailing space can only come from a compatibility decomposition; drop it.
        while (folded.Length > 0 && folded[^1] == ' ')
        {
            folded.Length--;
            starts.RemoveAt(starts.Count - 1);
            ends.RemoveAt(ends.Count - 1);
        }
    }

    private static string Decompose(string unit)
    {
        try
        {
            // Compatibility decomposition for what the table does not cover (works when ICU is loaded;
            // under invariant globalization it returns the text unchanged and marks are still dropped).
            return unit.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            return unit; // unpaired surrogate or similar: compare as is
        }
    }

    private static bool IsMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || char.IsSurrogate(c);

    private List<FoldedToken> Tokenise()
    {
        var tokens = new List<FoldedToken>();
        var f = Folded;
        var i = 0;
        var pendingEllipsis = false;
        var pendingJoin = false;
        while (i < f.Length)
        {
            var c = f[i];
            if (IsWordChar(c))
            {
                var start = i;
                while (i < f.Length && (IsWordChar(f[i]) || (f[i] == '\'' && i + 1 < f.Length && IsWordChar(f[i + 1]) && i > start)))
                {
                    i++;
                }

                var (s, e) = MapToSource(start, i);
                while (e < Source.Length && IsMark(Source[e]))
                {
                    e++; // a decomposed accent after the last letter belongs to the word
                }

                tokens.Add(new FoldedToken(f[start..i], s, e, pendingJoin && !pendingEllipsis, pendingEllipsis && tokens.Count > 0));
                pendingEllipsis = false;
                pendingJoin = false;

                // "word-word" or "word- word" (a hyphen at the end of a line, the break folded to one space).
                if (i < f.Length && f[i] == '-')
                {
                    var next = i + 1;
                    if (next < f.Length && f[next] == ' ')
                    {
                        next++;
                    }

                    if (next < f.Length && IsWordChar(f[next]))
                    {
                        pendingJoin = true;
                        i = next;
                    }
                }

                continue;
            }

            if (c == '.')
            {
                // Three or more dots, possibly spaced (". . ."), are an ellipsis.
                var dots = 0;
                var j = i;
                while (j < f.Length && (f[j] == '.' || (f[j] == ' ' && j + 1 < f.Length && f[j + 1] == '.' && dots > 0)))
                {
                    if (f[j] == '.')
                    {
                        dots++;
                    }

                    j++;
                }

                if (dots >= 3)
                {
                    pendingEllipsis = true;
                }

                pendingJoin = false;
                i = j;
                continue;
            }

            pendingJoin = false;
            i++;
        }

        return tokens;
    }
}
