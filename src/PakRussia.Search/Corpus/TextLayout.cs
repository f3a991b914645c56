namespace PakRussia.Search.Corpus;

/// <summary>How a text is laid out, which decides how it is cleaned.</summary>
public enum TextLayout
{
    /// <summary>Paragraphs separated by blank lines; the light cleaning used for imported text.</summary>
    Plain,
    /// <summary>Markdown: '#' headings, '-' lists.</summary>
    Markdown,
    /// <summary>A news page: like plain, with the title repeated at the top and site trailers dropped.</summary>
    News,
    /// <summary>One block per line (headings, bullets, tables, paragraphs with no blank lines between them).</summary>
    Lines,
    /// <summary>A scraped forum thread.</summary>
    Forum,
    /// <summary>Text extracted from a PDF: hard-wrapped lines, footnotes inside the body.</summary>
    Pdf,
}

/// <summary>Maps format names (the pipeline's <c>format</c> argument, manifest source types) to layouts, and guesses a layout from the text.</summary>
public static class TextLayouts
{
    /// <summary>"forum", "pdf"/"academic", "news", "lines"/"explainer", "markdown"/"md", anything else → <see cref="TextLayout.Plain"/>.</summary>
    public static TextLayout FromName(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "forum" => TextLayout.Forum,
        "pdf" or "academic" => TextLayout.Pdf,
        "news" => TextLayout.News,
        "lines" or "explainer" => TextLayout.Lines,
        "markdown" or "md" => TextLayout.Markdown,
        _ => TextLayout.Plain,
    };

    /// <summary>The source type a layout suggests when nothing else says what a document is.</summary>
    public static string SourceType(TextLayout layout) => layout switch
    {
        TextLayout.Forum => "forum",
        TextLayout.Pdf => "academic",
        TextLayout.Lines => "explainer",
        TextLayout.News => "news",
        _ => "article",
    };

    /// <summary>
    /// Guesses the layout from the text's structure: forum chrome lines → forum; a footnote rule (a line of 20+ spaces)
    /// or most lines ending in a space with blank lines between them → PDF; the title printed twice at the top → news; many lines and almost no blank lines,
    /// with bullets → lines; otherwise plain (markdown for .md files).
    /// </summary>
    public static TextLayout Detect(string text, string extension)
    {
        var lines = text.Split('\n');
        int chrome = 0, blank = 0, trailingSpace = 0, nonBlank = 0, bullets = 0;
        var separator = false;
        foreach (var raw in lines)
        {
            var trimmed = raw.Trim();
            if (trimmed.Length == 0)
            {
                blank++;
                separator |= raw.Length >= 20;
                continue;
            }

            nonBlank++;
            if (raw[^1] == ' ') trailingSpace++;
            if (ForumChrome.IsForumSignature(trimmed)) chrome++;
            if (ListMarkers.IsListItem(trimmed) || ListMarkers.IsTableRow(trimmed)) bullets++;
        }

        if (chrome >= 2)
        {
            return TextLayout.Forum;
        }

        if (nonBlank >= 20 && (separator || (trailingSpace > nonBlank * 0.6 && blank > nonBlank * 0.3)))
        {
            return TextLayout.Pdf;
        }

        // A news page prints its title twice at the top.
        var firstLines = lines.Select(l => l.Trim()).Where(l => l.Length > 0).Take(2).ToArray();
        if (firstLines.Length == 2 && firstLines[0] == firstLines[1] && firstLines[0].Length <= 150)
        {
            return TextLayout.News;
        }

        if (extension is ".md" or ".markdown")
        {
            return TextLayout.Markdown;
        }

        if (nonBlank >= 10 && blank < nonBlank * 0.1 && bullets >= 3)
        {
            return TextLayout.Lines;
        }

        return TextLayout.Plain;
    }
}
