namespace PakRussia.Search.Corpus;

/// <summary>Recognises list items, bullets and table rows by their first characters (no regular expressions: O(1) per line).</summary>
internal static class ListMarkers
{
    /// <summary>Bullet symbols authors type in running text; kept in the text as they are.</summary>
    public static readonly string[] Bullets = ["✔", "✅", "❌", "🔹", "🔸", "•", "▪", "➤", "►", "☑", "✓"];

    /// <summary>"- x", "* x", "• x", "✔ x", "a) x", "iv. x", "3. x".</summary>
    public static bool IsListItem(string trimmedLine) =>
        StartsWithDashBullet(trimmedLine) || StartsWithSymbolBullet(trimmedLine) || StartsWithLetterOrRoman(trimmedLine)
        || HeadingRules.StartsWithNumberDot(trimmedLine);

    /// <summary>"- x", "* x", "– x": the plain-text list markers.</summary>
    public static bool StartsWithDashBullet(string line) =>
        line.Length >= 2 && line[0] is '-' or '*' or '–' or '+' && line[1] == ' ';

    public static bool StartsWithSymbolBullet(string line)
    {
        foreach (var bullet in Bullets)
        {
            if (line.StartsWith(bullet, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"a) ", "b. " or a roman numeral up to xii: "iv. ".</summary>
    public static bool StartsWithLetterOrRoman(string line)
    {
        var i = 0;
        while (i < line.Length && i < 5 && char.IsAsciiLetterLower(line[i]))
        {
            i++;
        }

        if (i == 0 || i + 1 >= line.Length || line[i] is not ('.' or ')') || line[i + 1] != ' ')
        {
            return false;
        }

        var token = line[..i];
        return i == 1 && line[i] == ')' || token is "i" or "ii" or "iii" or "iv" or "v" or "vi" or "vii" or "viii" or "ix" or "x" or "xi" or "xii";
    }

    /// <summary>A Markdown/pipe table row: "a | b |".</summary>
    public static bool IsTableRow(string trimmedLine) =>
        trimmedLine.Contains('|') && (trimmedLine.EndsWith('|') || trimmedLine.StartsWith('|') || trimmedLine.Count(c => c == '|') >= 2);

    /// <summary>"---|---" or "|:--|": table layout, not text.</summary>
    public static bool IsTableSeparator(string trimmedLine) =>
        trimmedLine.Length > 0 && trimmedLine.Contains('-') && trimmedLine.All(c => c is '-' or '|' or ':' or ' ' or '+');

    /// <summary>Index of a symbol bullet that starts a new item in the middle of a line ("…unhappy.🔹 1950s-1960s:"), or -1.</summary>
    public static int InlineBulletIndex(string line)
    {
        foreach (var bullet in Bullets)
        {
            var at = line.IndexOf(bullet, 1, StringComparison.Ordinal);
            if (at > 0 && !string.IsNullOrWhiteSpace(line[..at]) && line[..at].TrimEnd() is [.., '.' or '!' or '?' or ':'])
            {
                return at;
            }
        }

        return -1;
    }
}
