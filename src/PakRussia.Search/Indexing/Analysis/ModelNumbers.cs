using Lucene.Net.Analysis.Miscellaneous;

namespace PakRussia.Search.Indexing.Analysis;

/// <summary>
/// How <see cref="WordDelimiterFilter"/> is set up in the chain: it splits a word only where letters meet digits
/// ("35m" → 35, m; "jf17" → jf, 17), keeps the word itself at the first part's position, and does nothing else.
/// StandardTokenizer has already split on hyphens and spaces, so "Mi-35M", "MI-35", "JF-17", "JF17" and "JF 17" all
/// share the positions a query needs: <c>Mi-35</c> (mi 35) finds "Mi-35M" (mi 35m|35 m) and <c>JF17</c> finds "JF-17".
/// </summary>
/// <remarks>
/// Every character other than a letter or a digit is typed as both (<see cref="WordDelimiterFilter.ALPHANUM"/>), so it
/// never starts a new part: "u.s", "don't", "1,000" and the capitals mark "=us" pass through whole, as they did before.
/// No case-change split ("iPhone" stays one word) and no catenation (the original word already stands for it).
/// </remarks>
internal static class ModelNumbers
{
    public const WordDelimiterFlags Flags =
        WordDelimiterFlags.GENERATE_WORD_PARTS | WordDelimiterFlags.GENERATE_NUMBER_PARTS
        | WordDelimiterFlags.SPLIT_ON_NUMERICS | WordDelimiterFlags.PRESERVE_ORIGINAL;

    /// <summary>Whether a letter meets a digit somewhere in the word ("35m", "jf17", "1950s").</summary>
    public static bool HasLettersAndDigits(ReadOnlySpan<char> word)
    {
        for (var i = 1; i < word.Length; i++)
        {
            var (a, b) = (word[i - 1], word[i]);
            if ((char.IsLetter(a) && char.IsDigit(b)) || (char.IsDigit(a) && char.IsLetter(b)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A type for every character of the Basic Multilingual Plane (beyond it Lucene types by category).</summary>
    public static byte[] CharTypes { get; } = Build();

    private static byte[] Build()
    {
        var table = new byte[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            table[c] = (byte)(char.IsDigit(ch) ? WordDelimiterFilter.DIGIT
                : char.IsUpper(ch) ? WordDelimiterFilter.UPPER
                : char.IsLetter(ch) ? WordDelimiterFilter.LOWER
                : WordDelimiterFilter.ALPHANUM);
        }

        return table;
    }
}
