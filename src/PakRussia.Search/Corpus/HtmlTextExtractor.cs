using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PakRussia.Search.Corpus;

/// <summary>
/// The visible text of an HTML page, via AngleSharp: script, style, template and other invisible elements dropped,
/// block elements as paragraph breaks, h1–h6 as Markdown headings and li as "- " items (so the Markdown cleaner
/// picks them up), whitespace collapsed as a browser would.
/// </summary>
public static class HtmlTextExtractor
{
    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "svg", "canvas", "iframe", "object", "button", "select", "input", "textarea", "nav",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd",
        "table", "thead", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "figure", "figcaption", "address",
        "form", "fieldset", "caption", "details", "summary",
    };

    /// <summary>Returns the page's text (Markdown-like) and its &lt;title&gt; (or first h1), if any.</summary>
    public static (string Text, string? Title) Extract(string html)
    {
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(html);
        var title = Collapse(document.Title ?? "");
        var text = new StringBuilder();
        if (document.Body != null)
        {
            Walk(document.Body, text);
        }

        if (title.Length == 0)
        {
            title = Collapse(document.QuerySelector("h1")?.TextContent ?? "");
        }

        return (TidyBreaks(text.ToString()), title.Length > 0 ? title : null);
    }

    private static void Walk(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText textNode:
                    AppendInline(text, textNode.Data);
                    break;
                case IElement element when Invisible.Contains(element.LocalName) || element.HasAttribute("hidden"):
                    break;
                case IElement element:
                    var name = element.LocalName.ToLowerInvariant();
                    var block = Blocks.Contains(name);
                    if (block)
                    {
                        Break(text, name is "br" or "td" or "th" ? "\n" : "\n\n");
                    }

                    if (name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
                    {
                        text.Append(new string('#', name[1] - '0')).Append(' ');
                    }
                    else if (name == "li")
                    {
                        text.Append("- ");
                    }

                    Walk(element, text);
                    if (block)
                    {
                        Break(text, "\n\n");
                    }

                    break;
            }
        }
    }

    private static void AppendInline(StringBuilder text, string data)
    {
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c))
            {
                if (text.Length > 0 && !char.IsWhiteSpace(text[^1]))
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c);
            }
        }
    }

    private static void Break(StringBuilder text, string separator)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }

        if (text.Length == 0)
        {
            return;
        }

        var trailing = 0;
        while (trailing < text.Length && text[text.Length - 1 - trailing] == '\n')
        {
            trailing++;
        }

        for (var i = trailing; i < separator.Length; i++)
        {
            text.Append('\n');
        }
    }

    private static string TidyBreaks(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim());
        return string.Join('\n', lines).Trim();
    }

    private static string Collapse(string text) => TextPatterns.CollapseSpaces(text.Replace('\n', ' '));
}
