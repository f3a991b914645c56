namespace PakRussia.Search.Corpus;

/// <summary>Small character-level tests shared by the cleaners.</summary>
internal static class TextPatterns
{
    /// <summary>True when the line ends a sentence: ".", "!", "?", "…", optionally followed by closing quotes or brackets.</summary>
    public static bool EndsSentence(string line)
    {
        var i = line.Length - 1;
        while (i >= 0 && (char.IsWhiteSpace(line[i]) || line[i] is '"' or '”' or '’' or '\'' or ')' or ']'))
        {
            i--;
        }

        if (i < 0 || line[i] is not ('.' or '!' or '?' or '…'))
        {
            return false;
        }

        // "countries i.e." or "Andrei P." at a line end do not end the sentence.
        var start = i;
        while (start > 0 && !char.IsWhiteSpace(line[start - 1]))
        {
            start--;
        }

        var token = line.AsSpan(start, i + 1 - start);
        return !(token.Length == 2 && char.IsLetter(token[0]))
               && !NonFinalAbbreviations.Contains(token.ToString());
    }

    private static readonly HashSet<string> NonFinalAbbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "i.e.", "e.g.", "viz.", "cf.", "vs.", "no.", "vol.", "pp.", "ed.", "mr.", "mrs.", "dr.", "prof.", "gen.", "lt.", "st.",
    };

    /// <summary>A line that is only a URL.</summary>
    public static bool IsBareUrl(string trimmedLine) =>
        (trimmedLine.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || trimmedLine.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
         || trimmedLine.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        && !trimmedLine.Contains(' ');

    /// <summary>Words: whitespace-separated tokens with at least one letter or digit.</summary>
    public static int CountWords(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inToken = false;
        var hasAlnum = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (inToken && hasAlnum) count++;
                inToken = false;
                hasAlnum = false;
            }
            else
            {
                inToken = true;
                hasAlnum |= char.IsLetterOrDigit(c);
            }
        }

        if (inToken && hasAlnum) count++;
        return count;
    }

    /// <summary>Runs of spaces and tabs become one space; the ends are trimmed. Line breaks are kept.</summary>
    public static string CollapseSpaces(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\u00A0')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (c == '\n')
            {
                pendingSpace = false;
                while (builder.Length > 0 && builder[^1] == ' ') builder.Length--;
                builder.Append(c);
                continue;
            }

            if (pendingSpace && builder.Length > 0 && builder[^1] != '\n')
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            builder.Append(c);
        }

        return builder.ToString().Trim();
    }
}
