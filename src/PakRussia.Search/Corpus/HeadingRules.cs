namespace PakRussia.Search.Corpus;

/// <summary>
/// Decides whether a single line reads like a section heading: short, no sentence-ending punctuation,
/// and its words capitalised ("Russia’s Policy, Interests and Goals in Afghanistan",
/// "2. Key Challenges in Pakistan-Russia Relations", "Abstract").
/// </summary>
internal static class HeadingRules
{
    public const int MaxWords = 14;
    public const int MaxLength = 110;

    /// <summary>Words that stay lower-case in a title.</summary>
    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "are", "of", "on", "or",
        "the", "to", "with", "vs", "via", "its", "was", "be", "than", "over", "after", "under", "between",
    };

    /// <summary>Words a wrapped heading line can end with, so the heading continues on the next line.</summary>
    private static readonly HashSet<string> Connectors = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "of", "for", "in", "on", "the", "to", "with", "between", "&", "–", "—", "-",
    };

    /// <summary>True when <paramref name="line"/> (trimmed) looks like a heading on its own.</summary>
    public static bool LooksLikeHeading(string line)
    {
        line = line.Trim();
        if (line.Length == 0 || line.Length > MaxLength)
        {
            return false;
        }

        var numbered = StartsWithNumberDot(line);
        var last = line[^1];
        if (last is '.' or ',' or ';' or '!' or '|' || (last == '?' && !numbered))
        {
            return false;
        }

        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > MaxWords)
        {
            return false;
        }

        // A colon ending is a heading only when short: "Final Answer:" yes, a lead-in sentence no.
        if (last == ':' && words.Length > 6)
        {
            return false;
        }

        int counted = 0, capitalised = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].TrimStart('(', '"', '“', '‘', '\'');
            var first = FirstLetterOrDigit(word);
            if (first == '\0')
            {
                continue;
            }

            if (i > 0 && SmallWords.Contains(word.TrimEnd(',', ':', ')')))
            {
                continue;
            }

            counted++;
            if (char.IsUpper(first) || char.IsDigit(first))
            {
                capitalised++;
            }
        }

        return counted > 0 && capitalised * 10 >= counted * 9;
    }

    /// <summary>True when a heading line ends with a word that needs the next line ("… for Afghanistan and").</summary>
    public static bool EndsWithConnector(string line)
    {
        var trimmed = line.TrimEnd();
        var space = trimmed.LastIndexOf(' ');
        var lastWord = space < 0 ? trimmed : trimmed[(space + 1)..];
        return Connectors.Contains(lastWord);
    }

    /// <summary>"1. ", "12) " at the start of a line.</summary>
    public static bool StartsWithNumberDot(string line)
    {
        var i = 0;
        while (i < line.Length && char.IsAsciiDigit(line[i]))
        {
            i++;
        }

        return i is > 0 and <= 3 && i + 1 < line.Length && line[i] is '.' or ')' && line[i + 1] == ' ';
    }

    private static char FirstLetterOrDigit(string word)
    {
        foreach (var c in word)
        {
            if (char.IsLetterOrDigit(c))
            {
                return c;
            }
        }

        return '\0';
    }
}
