using System.Text.RegularExpressions;

namespace PakRussia.Search.Corpus;

/// <summary>What a line of a scraped forum page is, when it is not the posters' own text.</summary>
internal enum ChromeKind
{
    /// <summary>The posters' text.</summary>
    None,
    /// <summary>Site furniture that also ends a post ("Last edited:", "Reaction score", an attachment, "Top Bottom").</summary>
    PostBoundary,
    /// <summary>Site furniture inside a post or the page header ("What's new", "Read more: …", a join date, a user title).</summary>
    Inline,
}

/// <summary>
/// Recognises the forum software's own lines in a scraped thread. Whole lines only: a phrase such as
/// "Media Partner" inside a sentence is the author's and stays.
/// </summary>
internal static partial class ForumChrome
{
    private static readonly HashSet<string> InlineLines = new(StringComparer.OrdinalIgnoreCase)
    {
        "What's new", "What’s new", "Click to expand...", "Click to expand…", "Media Partner", "Senior Member", "Full Member",
        "Elite Member", "Professional", "Moderator", "Senior Moderator", "Administrator", "Banned", "New Member",
        "Think Tank Analyst", "Think Tank Analysts", "Members Online", "Forums", "Home", "Like", "Reply", "Report", "Share",
        "Quote", "Log in", "Register", "Search", "Menu", "Install the app", "Install",
    };

    private static readonly HashSet<string> BoundaryLines = new(StringComparer.OrdinalIgnoreCase)
    {
        "Top Bottom", "Top", "Bottom", "You must log in or register to reply here.",
    };

    private static readonly string[] BoundaryPrefixes = ["Last edited", "Reaction score", "Read Full Story:", "Reactions:"];
    private static readonly string[] InlinePrefixes = ["Read more:", "Source:", "Similar threads", "Joined:", "Messages:"];

    public static ChromeKind Classify(string trimmedLine)
    {
        if (trimmedLine.Length == 0)
        {
            return ChromeKind.None;
        }

        if (BoundaryLines.Contains(trimmedLine) || StartsWithAny(trimmedLine, BoundaryPrefixes)
            || trimmedLine.EndsWith("Latest Posts", StringComparison.OrdinalIgnoreCase)
            || AttachmentName().IsMatch(trimmedLine) || AttachmentSize().IsMatch(trimmedLine))
        {
            return ChromeKind.PostBoundary;
        }

        if (InlineLines.Contains(trimmedLine) || StartsWithAny(trimmedLine, InlinePrefixes) || IsStandaloneDate(trimmedLine))
        {
            return ChromeKind.Inline;
        }

        return ChromeKind.None;
    }

    /// <summary>Lines only forum software writes; two of them make a text a forum thread.</summary>
    public static bool IsForumSignature(string trimmedLine) =>
        trimmedLine.StartsWith("Reaction score", StringComparison.OrdinalIgnoreCase) || trimmedLine.StartsWith("Last edited", StringComparison.OrdinalIgnoreCase)
        || trimmedLine is "Top Bottom" or "What's new" or "What’s new" or "Click to expand..." || trimmedLine.EndsWith("Latest Posts", StringComparison.OrdinalIgnoreCase);

    /// <summary>"May 3, 2009" alone on a line: a join date or post date from the page, not the text.</summary>
    public static bool IsStandaloneDate(string trimmedLine) => StandaloneDate().IsMatch(trimmedLine);

    private static bool StartsWithAny(string line, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // "• Nawaz-Putin-Pakistan.jpg"
    [GeneratedRegex(@"^[•·*\-]?\s*[^\s/:]{1,200}\.(?:jpe?g|png|gif|webp|bmp|pdf|zip)$", RegexOptions.IgnoreCase)]
    private static partial Regex AttachmentName();

    // "317.4 KB · Views: 64"
    [GeneratedRegex(@"^\d{1,6}(?:\.\d{1,3})?\s?(?:bytes|KB|MB|GB)\s?·\s?Views:\s?[\d,]{1,12}$", RegexOptions.IgnoreCase)]
    private static partial Regex AttachmentSize();

    [GeneratedRegex(@"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.? \d{1,2}, \d{4}$")]
    private static partial Regex StandaloneDate();
}
