using System.Net;
using System.Text;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Search;

/// <summary>
/// Turns FTS5 highlight() output (the text with private-use markers around each match) into match
/// offsets, an HTML view and a snippet. The text is HTML-escaped piece by piece and only our own
/// &lt;mark&gt; tags are inserted, so corpus text such as &lt;script&gt; shows literally. Stored texts
/// never contain the markers (<see cref="Markers.Scrub"/>), so a document cannot forge a match.
/// </summary>
public static class Highlighter
{
    public sealed record Highlighted(string Text, IReadOnlyList<MatchSpan> Matches);

    /// <summary>Reads the markers: "a \uE000b\uE001 c" → text "a b c", matches [(2,3)].</summary>
    public static Highlighted Parse(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var matches = new List<MatchSpan>();
        var open = -1;
        foreach (var c in marked)
        {
            if (c == Markers.Open)
            {
                open = text.Length;
            }
            else if (c == Markers.Close)
            {
                if (open >= 0 && text.Length > open)
                {
                    matches.Add(new MatchSpan(open, text.Length));
                }

                open = -1;
            }
            else
            {
                text.Append(c);
            }
        }

        return new Highlighted(text.ToString(), Merge(matches));
    }

    /// <summary>HTML of <paramref name="text"/>[start..end] with the matches inside it marked.</summary>
    public static string ToHtml(string text, IReadOnlyList<MatchSpan> matches, int start = 0, int? end = null)
    {
        var stop = end ?? text.Length;
        var html = new StringBuilder();
        var position = start;
        foreach (var match in matches)
        {
            if (match.End <= start || match.Start >= stop)
            {
                continue;
            }

            var from = Math.Max(match.Start, start);
            var to = Math.Min(match.End, stop);
            html.Append(WebUtility.HtmlEncode(text[position..from]));
            html.Append("<mark>").Append(WebUtility.HtmlEncode(text[from..to])).Append("</mark>");
            position = to;
        }

        html.Append(WebUtility.HtmlEncode(text[position..stop]));
        return html.ToString();
    }

    /// <summary>
    /// A window of about <paramref name="length"/> characters holding the most matches, widened to word
    /// boundaries, as HTML with "…" where text was cut; null when the text is short enough to show whole.
    /// </summary>
    public static string? Snippet(string text, IReadOnlyList<MatchSpan> matches, int threshold = SearchLimits.SnippetThreshold, int length = SearchLimits.SnippetLength)
    {
        if (text.Length <= threshold)
        {
            return null;
        }

        var (bestStart, bestCount) = (0, -1);
        for (var i = 0; i < matches.Count; i++)
        {
            var count = 0;
            for (var j = i; j < matches.Count && matches[j].End - matches[i].Start <= length; j++)
            {
                count++;
            }

            if (count > bestCount)
            {
                (bestStart, bestCount) = (matches[i].Start, count);
            }
        }

        // Centre the window a little before the first match so it reads in context.
        var start = Math.Max(0, bestStart - length / 4);
        var end = Math.Min(text.Length, start + length);
        start = WordBoundaryBackward(text, start);
        end = WordBoundaryForward(text, end);
        var html = ToHtml(text, matches, start, end);
        return (start > 0 ? "… " : "") + html + (end < text.Length ? " …" : "");
    }

    private static int WordBoundaryBackward(string text, int index)
    {
        while (index > 0 && !char.IsWhiteSpace(text[index - 1]))
        {
            index--;
        }

        return index;
    }

    private static int WordBoundaryForward(string text, int index)
    {
        while (index < text.Length && !char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index;
    }

    private static List<MatchSpan> Merge(List<MatchSpan> matches)
    {
        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<MatchSpan>(matches.Count);
        foreach (var match in matches)
        {
            if (merged.Count > 0 && match.Start <= merged[^1].End)
            {
                merged[^1] = new MatchSpan(merged[^1].Start, Math.Max(merged[^1].End, match.End));
            }
            else
            {
                merged.Add(match);
            }
        }

        return merged;
    }
}
