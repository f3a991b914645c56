namespace PakRussia.Search.Corpus;

/// <summary>
/// Joins hard-wrapped lines (PDF text) back into running text, resolving a hyphen at a line break.
/// The rule for "left-\nright":
/// <list type="bullet">
/// <item>keep the hyphen when either part starts with a capital letter (Beijing-Moscow, Russo-American, Pak-Russia),</item>
/// <item>keep it when the left part is a known compound prefix (narco-economy, socio-economic, geo-political, non-state, …)
/// or the right part a known compound tail (evidence-based, decision-making),</item>
/// <item>keep it when either part is not made of letters (1990-\n2001, URLs),</item>
/// <item>otherwise it is a word split by the typesetter: join without the hyphen (coun-\ntry → country).</item>
/// </list>
/// A line that ends inside a URL (no trailing space, last token has "://" or "www.") is joined with no space.
/// </summary>
public static class LineJoiner
{
    private static readonly HashSet<string> CompoundPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "all", "anti", "bi", "co", "counter", "cross", "ex", "extra", "geo", "half", "intra", "mid", "multi", "narco",
        "neo", "non", "pan", "post", "pre", "pro", "quasi", "self", "semi", "socio", "uni", "vis", "well",
    };

    private static readonly HashSet<string> CompoundTails = new(StringComparer.OrdinalIgnoreCase)
    {
        "based", "led", "run", "oriented", "related", "level", "making", "term", "scale", "wide", "owned", "free",
        "like", "type", "style", "building", "up", "off", "out", "called", "known", "backed", "sponsored",
    };

    /// <summary>Appends <paramref name="next"/> (a raw line) to <paramref name="text"/> following the rules above.</summary>
    public static void Append(System.Text.StringBuilder text, string rawPrevious, string next)
    {
        next = next.Trim();
        if (next.Length == 0)
        {
            return;
        }

        if (text.Length == 0)
        {
            text.Append(next);
            return;
        }

        TrimEnd(text);
        var endsInsideUrl = rawPrevious.Length > 0 && !char.IsWhiteSpace(rawPrevious[^1]) && LastTokenIsUrl(text);
        if (endsInsideUrl)
        {
            text.Append(next);
            return;
        }

        if (text.Length >= 2 && text[^1] == '-' && char.IsLetterOrDigit(text[^2]))
        {
            var left = LastWord(text);
            var right = FirstWord(next);
            if (KeepHyphen(left, right))
            {
                text.Append(next);
            }
            else
            {
                text.Length--;
                text.Append(next);
            }

            return;
        }

        text.Append(' ').Append(next);
    }

    /// <summary>Whether "left-" at a line end followed by "right" is a real compound (true) or a split word (false).</summary>
    public static bool KeepHyphen(string left, string right)
    {
        if (left.Length == 0 || right.Length == 0 || !left.All(char.IsLetter) || !char.IsLetter(right[0]))
        {
            return true;
        }

        if (char.IsUpper(left[0]) || char.IsUpper(right[0]))
        {
            return true;
        }

        var rightWord = new string(right.TakeWhile(char.IsLetter).ToArray());
        return CompoundPrefixes.Contains(left) || CompoundTails.Contains(rightWord);
    }

    private static void TrimEnd(System.Text.StringBuilder text)
    {
        while (text.Length > 0 && char.IsWhiteSpace(text[^1]))
        {
            text.Length--;
        }
    }

    /// <summary>The letters just before the final hyphen: "… Beijing-" → "Beijing".</summary>
    private static string LastWord(System.Text.StringBuilder text)
    {
        var end = text.Length - 1;
        var start = end;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        // "Pak-Russia-" style chains: the part before the last hyphen decides.
        return text.ToString(start, end - start);
    }

    private static string FirstWord(string next)
    {
        var end = 0;
        while (end < next.Length && !char.IsWhiteSpace(next[end]))
        {
            end++;
        }

        return next[..end];
    }

    private static bool LastTokenIsUrl(System.Text.StringBuilder text)
    {
        var start = text.Length;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        var token = text.ToString(start, text.Length - start);
        return token.Contains("://", StringComparison.Ordinal) || token.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
    }
}
