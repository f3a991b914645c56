using PakRussia.Search.Passages;

namespace PakRussia.Search.Corpus;

/// <summary>
/// Light cleaning for plain text, Markdown, news pages and line-structured explainers. Linear in the text's length:
/// it only looks at the first characters of each line. Paragraphs keep their own line breaks.
/// <list type="bullet">
/// <item>Plain/News/Markdown: paragraphs are separated by blank lines; in Lines layout every line is a block.</item>
/// <item>List items ("- ", "✔", "a) ", "1. ") and table rows become list blocks; a table's "---|" rule is dropped.</item>
/// <item>Headings: Markdown "#" lines (the '#' marks are dropped); a short title-case line with no sentence
/// punctuation standing alone (plain) or on its line (lines layout) before more text; a bullet line such as
/// "🔹 Russian Oil Imports" followed by "- " items.</item>
/// <item>News: the title repeated right under itself and trailers such as "More from this category" are dropped.</item>
/// </list>
/// </summary>
internal static class PlainTextCleaner
{
    private static readonly HashSet<string> NewsTrailers = new(StringComparer.OrdinalIgnoreCase)
    {
        "More from this category", "Related articles", "Related posts", "Related stories", "Share this:", "Share this article",
        "Advertisement", "Read more", "Also read", "Comments", "Leave a comment",
    };

    public static List<CleanedBlock> Clean(string text, TextLayout layout)
    {
        var paragraphs = layout == TextLayout.Lines ? SplitLines(text) : SplitParagraphs(text);
        if (layout == TextLayout.News)
        {
            paragraphs = DropNewsChrome(paragraphs);
        }

        var blocks = new List<CleanedBlock>();
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var isLast = p == paragraphs.Count - 1;
            var next = isLast ? null : paragraphs[p + 1][0].Trim();
            if (layout == TextLayout.News && p == 0 && paragraphs[p].Count == 1 && !isLast && !TextPatterns.EndsSentence(paragraphs[p][0]))
            {
                blocks.Add(new CleanedBlock(PassageKind.Heading, paragraphs[p][0].Trim()));
                continue;
            }

            AddParagraph(blocks, paragraphs[p], layout, next);
        }

        return SectionAssigner.Assign(blocks);
    }

    private static void AddParagraph(List<CleanedBlock> blocks, List<string> lines, TextLayout layout, string? nextLine)
    {
        var first = lines[0].Trim();
        if (lines.Count == 1)
        {
            if (layout == TextLayout.Markdown && TryMarkdownHeading(first, out var heading))
            {
                blocks.Add(new CleanedBlock(PassageKind.Heading, heading));
                return;
            }

            if (nextLine != null && IsHeadingLine(first, nextLine, layout))
            {
                blocks.Add(new CleanedBlock(PassageKind.Heading, first));
                return;
            }
        }

        var body = new List<string>();
        var table = new List<string>();
        string? item = null;

        void FlushBody()
        {
            if (body.Count > 0)
            {
                var value = string.Join('\n', body);
                var introducesList = value.EndsWith(':') && !value.Contains('\n');
                blocks.Add(new CleanedBlock(PassageKind.Body, value) { IntroducesList = introducesList });
                body.Clear();
            }
        }

        void FlushItem()
        {
            if (item != null)
            {
                blocks.Add(new CleanedBlock(PassageKind.List, item) { IntroducesList = item.EndsWith(':') });
                item = null;
            }
        }

        void FlushTable()
        {
            if (table.Count > 0)
            {
                blocks.Add(new CleanedBlock(PassageKind.List, string.Join('\n', table)));
                table.Clear();
            }
        }

        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            var trimmed = line.Trim();
            if (layout == TextLayout.Markdown && TryMarkdownHeading(trimmed, out var heading))
            {
                FlushBody(); FlushItem(); FlushTable();
                blocks.Add(new CleanedBlock(PassageKind.Heading, heading));
            }
            else if (ListMarkers.IsTableSeparator(trimmed))
            {
                // layout, not text
            }
            else if (ListMarkers.IsTableRow(trimmed))
            {
                FlushBody(); FlushItem();
                table.Add(trimmed);
            }
            else if (ListMarkers.IsListItem(trimmed))
            {
                FlushBody(); FlushItem(); FlushTable();
                item = trimmed;
            }
            else if (item != null && layout != TextLayout.Lines && raw.Length > 0 && char.IsWhiteSpace(raw[0]))
            {
                item += "\n" + trimmed; // an indented continuation of the list item
            }
            else
            {
                FlushItem(); FlushTable();
                body.Add(layout == TextLayout.Plain ? line : trimmed);
            }
        }

        FlushBody(); FlushItem(); FlushTable();
    }

    private static bool IsHeadingLine(string line, string nextLine, TextLayout layout)
    {
        if (ListMarkers.StartsWithSymbolBullet(line))
        {
            // "🔹 Russian Oil Imports" heads the "- " items under it; "✔ The history of …" is an item of its own list.
            return layout == TextLayout.Lines && ListMarkers.StartsWithDashBullet(nextLine) && HeadingRules.LooksLikeHeading(StripBullet(line));
        }

        if (ListMarkers.StartsWithDashBullet(line) || ListMarkers.IsTableRow(line))
        {
            return false;
        }

        return HeadingRules.LooksLikeHeading(line) && TextPatterns.CountWords(line) > 0;
    }

    private static string StripBullet(string line)
    {
        foreach (var bullet in ListMarkers.Bullets)
        {
            if (line.StartsWith(bullet, StringComparison.Ordinal))
            {
                return line[bullet.Length..].Trim();
            }
        }

        return line;
    }

    private static bool TryMarkdownHeading(string line, out string heading)
    {
        heading = "";
        var hashes = 0;
        while (hashes < line.Length && line[hashes] == '#')
        {
            hashes++;
        }

        if (hashes is 0 or > 6 || hashes >= line.Length || line[hashes] != ' ')
        {
            return false;
        }

        heading = line[hashes..].Trim().TrimEnd('#').Trim();
        return heading.Length > 0;
    }

    /// <summary>Blank-line separated paragraphs, each a list of its lines.</summary>
    private static List<List<string>> SplitParagraphs(string text)
    {
        var paragraphs = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in text.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                current = null;
                continue;
            }

            if (current == null)
            {
                current = [];
                paragraphs.Add(current);
            }

            current.Add(line);
        }

        return paragraphs;
    }

    /// <summary>Every non-blank line a paragraph of its own; a bullet in mid-line ("…unhappy.🔹 1950s-1960s:") starts a new one.</summary>
    private static List<List<string>> SplitLines(string text)
    {
        var paragraphs = new List<List<string>>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            while (line.Length > 0)
            {
                var at = ListMarkers.InlineBulletIndex(line);
                if (at < 0)
                {
                    paragraphs.Add([line]);
                    break;
                }

                paragraphs.Add([line[..at].TrimEnd()]);
                line = line[at..];
            }
        }

        return paragraphs;
    }

    private static List<List<string>> DropNewsChrome(List<List<string>> paragraphs)
    {
        var result = new List<List<string>>();
        foreach (var paragraph in paragraphs)
        {
            var kept = paragraph.Where(l => !NewsTrailers.Contains(l.Trim())).ToList();
            if (kept.Count == 0)
            {
                continue;
            }

            // The page title printed twice: "Pakistan-Russia ties: What brings them closer" / same again.
            if (result.Count == 1 && result[0].Count == 1 && kept.Count == 1 && kept[0].Trim() == result[0][0].Trim())
            {
                continue;
            }

            result.Add(kept);
        }

        return result;
    }
}
