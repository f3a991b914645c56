using System.Net;
using System.Text;
using System.Text.RegularExpressions;
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

    /// <summary>
    /// Deeper nesting than this is not a real page: AngleSharp's tree building grows quadratically with depth
    /// (100,000 nested divs take many minutes), so such pages are read by <see cref="StripTags"/> instead.
    /// </summary>
    public const int MaxNesting = 1024;

    /// <summary>Returns the page's text (Markdown-like) and its &lt;title&gt; (or first h1), if any.</summary>
    public static (string Text, string? Title) Extract(string html)
    {
        if (NestingDepth(html) > MaxNesting)
        {
            return StripTags(html);
        }

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

    /// <summary>
    /// Depth-first over the tree with an explicit stack, not recursion: a hostile page of 100,000 nested elements
    /// must not overflow the thread's stack (which would kill the process, not just skip the file).
    /// </summary>
    private static void Walk(INode root, StringBuilder text)
    {
        // (node, closing): a block element is pushed twice, once to open it and once to close it after its children.
        var stack = new Stack<(INode Node, bool Closing)>();
        PushChildren(stack, root);
        while (stack.Count > 0)
        {
            var (node, closing) = stack.Pop();
            if (closing)
            {
                Break(text, "\n\n");
                continue;
            }

            switch (node)
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
                        stack.Push((element, true));
                    }

                    if (name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
                    {
                        text.Append(new string('#', name[1] - '0')).Append(' ');
                    }
                    else if (name == "li")
                    {
                        text.Append("- ");
                    }

                    PushChildren(stack, element);
                    break;
            }
        }
    }

    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    /// <summary>The deepest nesting of start tags, estimated in one pass without parsing (void and self-closed tags do not nest).</summary>
    internal static int NestingDepth(string html)
    {
        int depth = 0, deepest = 0;
        for (var i = html.IndexOf('<'); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i + 1))
        {
            if (html[i + 1] == '/')
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            if (!char.IsAsciiLetter(html[i + 1]))
            {
                continue;
            }

            var end = i + 1;
            while (end < html.Length && char.IsAsciiLetterOrDigit(html[end])) end++;
            var close = html.IndexOf('>', end);
            var selfClosed = close > 0 && html[close - 1] == '/';
            if (!selfClosed && !VoidElements.Contains(html[(i + 1)..end]))
            {
                deepest = Math.Max(deepest, ++depth);
            }
        }

        return deepest;
    }

    private static readonly TimeSpan RegexBudget = TimeSpan.FromSeconds(2);
    private static readonly Regex Comments = new("<!--.*?-->", RegexOptions.Singleline | RegexOptions.NonBacktracking, RegexBudget);
    private static readonly Regex InvisibleElements = new(
        "<(?:script|style|noscript|template|head|svg|canvas|iframe|object|button|select|textarea|nav)\\b.*?</(?:script|style|noscript|template|head|svg|canvas|iframe|object|button|select|textarea|nav)\\s*>",
        RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, RegexBudget);
    private static readonly Regex BlockTags = new(
        "</?(?:p|div|section|article|header|footer|main|aside|blockquote|pre|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th|h[1-6]|hr|br|figure|figcaption|address|form|fieldset|caption|details|summary)\\b[^>]*>",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, RegexBudget);
    private static readonly Regex AnyTag = new("</?[A-Za-z!][^>]*>", RegexOptions.NonBacktracking, RegexBudget);
    private static readonly Regex TitleElement = new("<title\\b[^>]*>(.*?)</title\\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, RegexBudget);

    /// <summary>
    /// The fallback for pages too deeply nested to parse: invisible elements and comments dropped, block tags as
    /// paragraph breaks, other tags removed, entities decoded. Linear time (non-backtracking regexes), no tree.
    /// </summary>
    internal static (string Text, string? Title) StripTags(string html)
    {
        var titleMatch = TitleElement.Match(html);
        var title = titleMatch.Success ? Collapse(WebUtility.HtmlDecode(AnyTag.Replace(titleMatch.Groups[1].Value, ""))) : "";
        var text = Comments.Replace(html, " ");
        text = InvisibleElements.Replace(text, " ");
        text = BlockTags.Replace(text, "\n\n");
        text = AnyTag.Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        var paragraphs = text.Split("\n\n")
            .Select(p => TextPatterns.CollapseSpaces(p.Replace('\n', ' ').Replace('\t', ' ')).Trim())
            .Where(p => p.Length > 0);
        return (string.Join("\n\n", paragraphs), title.Length > 0 ? title : null);
    }

    private static void PushChildren(Stack<(INode Node, bool Closing)> stack, INode node)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push((children[i], false));
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
