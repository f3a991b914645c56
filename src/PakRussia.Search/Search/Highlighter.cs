using System.Net;
using System.Text;

namespace PakRussia.Search.Search;

/// <summary>
/// Turns match offsets (<see cref="MatchHighlighter"/>) into an HTML view and a snippet. The text is HTML-escaped piece
/// by piece and only our own &lt;mark&gt; tags are inserted, so corpus text such as &lt;script&gt; or &lt;mark&gt; shows
/// literally and can never forge a match.
/// </summary>
public static class Highlighter
{
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
}
