using System.Text;

namespace PakRussia.Search.Corpus;

/// <summary>
/// First step for every text, whatever its source: one kind of line break, no control characters,
/// and none of the highlighter's private-use markers (U+E000, U+E001), which must never reach the index.
/// </summary>
public static class TextSanitizer
{
    /// <summary>Start of a highlight in the search results; reserved, replaced on input.</summary>
    public const char HighlightStart = '\uE000';
    /// <summary>End of a highlight in the search results; reserved, replaced on input.</summary>
    public const char HighlightEnd = '\uE001';

    /// <summary>
    /// Returns the text with "\r\n" and "\r" as "\n", form feeds and vertical tabs as "\n", other control
    /// characters (except tab) as a space, and U+E000/U+E001 as U+FFFD (with a warning naming <paramref name="sourcePath"/>).
    /// One pass, O(n); returns the same string when nothing needs changing.
    /// </summary>
    public static string Sanitize(string text, string sourcePath, ICollection<string> warnings)
    {
        if (!NeedsWork(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var markers = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    builder.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }
                    break;
                case '\f' or '\v':
                    builder.Append('\n');
                    break;
                case HighlightStart or HighlightEnd:
                    markers++;
                    builder.Append('\uFFFD');
                    break;
                case '\n' or '\t':
                    builder.Append(c);
                    break;
                default:
                    builder.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        if (markers > 0)
        {
            warnings.Add($"{sourcePath}: replaced {markers} reserved private-use character(s) (U+E000/U+E001) with U+FFFD");
        }

        return builder.ToString();
    }

    private static bool NeedsWork(string text)
    {
        foreach (var c in text)
        {
            if (c is HighlightStart or HighlightEnd || (char.IsControl(c) && c is not '\n' and not '\t'))
            {
                return true;
            }
        }

        return false;
    }
}
