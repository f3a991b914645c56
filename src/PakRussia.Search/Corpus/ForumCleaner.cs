using PakRussia.Search.Passages;

namespace PakRussia.Search.Corpus;

/// <summary>
/// Cleans a forum thread scraped from a web page: drops the forum software's lines (<see cref="ForumChrome"/>),
/// finds post boundaries, and marks replies' re-quotes of earlier posts as <see cref="PassageKind.Quote"/>.
/// <para>Post boundaries: a chrome line such as "Last edited:", or a single line break (no blank line) after a line
/// that ends a sentence or is long (≥ 15 words) — posts on these pages run together with one newline between them,
/// while paragraphs inside a post are separated by blank lines. A quote opens a new post; the reply right after a
/// quote stays in the quote's post.</para>
/// </summary>
internal static class ForumCleaner
{
    private const int LongLineWords = 15;

    private sealed class Paragraph
    {
        public List<string> Lines { get; } = [];
        public bool AfterBoundary { get; init; }
        public bool AfterSoftBoundary { get; init; }
        public bool IsQuote { get; set; }
        public string Text => string.Join('\n', Lines);
    }

    public static List<CleanedBlock> Clean(string text)
    {
        var lines = text.Split('\n');
        var blocks = new List<CleanedBlock>();

        var start = ReadHeader(lines, out var title);
        if (title != null)
        {
            blocks.Add(new CleanedBlock(PassageKind.Heading, title));
        }

        var paragraphs = SplitParagraphs(lines, start);
        MarkQuotes(paragraphs);

        var post = 0;
        Paragraph? previous = null;
        foreach (var paragraph in paragraphs)
        {
            var startsPost = previous == null
                || paragraph.AfterBoundary
                || (paragraph.AfterSoftBoundary && !previous.IsQuote)
                || (paragraph.IsQuote && !previous.IsQuote);
            if (startsPost)
            {
                post++;
            }

            blocks.Add(new CleanedBlock(KindOf(paragraph), paragraph.Text) { PostNumber = post });
            previous = paragraph;
        }

        return SectionAssigner.Assign(blocks);
    }

    /// <summary>
    /// The page header runs down to "Reaction score" (poster's user title, join date): the first line of the
    /// page that is not chrome is the thread's title. Returns the index of the first line after the header.
    /// </summary>
    private static int ReadHeader(string[] lines, out string? title)
    {
        title = null;
        var end = -1;
        for (var i = 0; i < Math.Min(lines.Length, 25); i++)
        {
            if (lines[i].Trim().StartsWith("Reaction score", StringComparison.OrdinalIgnoreCase))
            {
                end = i;
                break;
            }
        }

        for (var i = 0; i < end; i++)
        {
            var line = lines[i].Trim();
            if (line.Length > 0 && ForumChrome.Classify(line) == ChromeKind.None)
            {
                title ??= line;
            }
        }

        return end + 1;
    }

    private static List<Paragraph> SplitParagraphs(string[] lines, int start)
    {
        var paragraphs = new List<Paragraph>();
        Paragraph? current = null;
        var boundaryPending = true;
        var softPending = false;

        void Flush()
        {
            if (current is { Lines.Count: > 0 })
            {
                paragraphs.Add(current);
            }

            current = null;
        }

        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            switch (ForumChrome.Classify(line))
            {
                case ChromeKind.PostBoundary:
                    Flush();
                    boundaryPending = true;
                    continue;
                case ChromeKind.Inline:
                    Flush();
                    continue;
            }

            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            if (current != null && StartsNewPost(current.Lines[^1], line))
            {
                Flush();
                softPending = true;
            }

            if (current == null)
            {
                current = new Paragraph { AfterBoundary = boundaryPending, AfterSoftBoundary = softPending };
                boundaryPending = false;
                softPending = false;
            }

            current.Lines.Add(line);
        }

        Flush();
        return paragraphs;
    }

    /// <summary>A single line break means a new post unless the lines belong together (a list, a lead-in, a title line).</summary>
    private static bool StartsNewPost(string previousLine, string line)
    {
        if (ListMarkers.IsListItem(line) || previousLine.EndsWith(':'))
        {
            return false;
        }

        return TextPatterns.EndsSentence(previousLine) || TextPatterns.CountWords(previousLine) >= LongLineWords
            || EndsWithSmiley(previousLine);
    }

    private static bool EndsWithSmiley(string line) =>
        line.EndsWith(":D", StringComparison.Ordinal) || line.EndsWith(":)", StringComparison.Ordinal) || (line.EndsWith(':') && line.Length > 1 && line.LastIndexOf(':', line.Length - 2) > line.LastIndexOf(' '));

    /// <summary>
    /// A paragraph is a quote when it repeats an earlier paragraph (word for word, nearly word for word,
    /// or as a truncated "…" prefix), when it introduces a quotation ("From the article above:"),
    /// or when it is the quoted text right after such an introduction.
    /// </summary>
    private static void MarkQuotes(List<Paragraph> paragraphs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var earlier = new List<(string Normalised, HashSet<string> Words)>();
        var afterIntro = false;
        foreach (var paragraph in paragraphs)
        {
            var text = paragraph.Text;
            var normalised = PassageHasher.Normalise(text);
            var words = WordSet(normalised);
            if (seen.Contains(normalised) || IsNearRepeat(normalised, words, earlier))
            {
                paragraph.IsQuote = true;
            }
            else if (IsQuoteIntroduction(text))
            {
                paragraph.IsQuote = true;
                afterIntro = true;
                seen.Add(normalised);
                earlier.Add((normalised, words));
                continue;
            }
            else if (afterIntro && text.Length > 0 && text[0] is '"' or '“' or '«' or '\'')
            {
                paragraph.IsQuote = true;
            }

            afterIntro = false;
            seen.Add(normalised);
            earlier.Add((normalised, words));
        }
    }

    private static bool IsQuoteIntroduction(string text) =>
        text.EndsWith(':') && text.Length <= 80 && !text.Contains('\n')
        && (text.Contains("article", StringComparison.OrdinalIgnoreCase) || text.EndsWith(" said:", StringComparison.OrdinalIgnoreCase)
            || text.EndsWith(" wrote:", StringComparison.OrdinalIgnoreCase) || text.Equals("Quote:", StringComparison.OrdinalIgnoreCase));

    private static bool IsNearRepeat(string normalised, HashSet<string> words, List<(string Normalised, HashSet<string> Words)> earlier)
    {
        // Truncated re-quote: "… the relevant head..." repeats the start of an earlier paragraph.
        var truncated = normalised.EndsWith("...", StringComparison.Ordinal) || normalised.EndsWith('…');
        var prefix = truncated ? normalised.TrimEnd('.', '…').TrimEnd() : null;
        if (prefix != null && TextPatterns.CountWords(prefix) < 5)
        {
            prefix = null;
        }

        foreach (var (earlierText, earlierWords) in earlier)
        {
            if (prefix != null && earlierText.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }

            if (words.Count >= 10 && earlierWords.Count >= 10)
            {
                var shared = words.Count(earlierWords.Contains);
                var union = words.Count + earlierWords.Count - shared;
                if (shared * 100 >= union * 85)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static HashSet<string> WordSet(string normalised) =>
        new(normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', ',', '!', '?', ';', ':', '"', '\'')), StringComparer.Ordinal);

    private static PassageKind KindOf(Paragraph paragraph)
    {
        if (paragraph.IsQuote)
        {
            return PassageKind.Quote;
        }

        var items = paragraph.Lines.Count(ListMarkers.IsListItem);
        return items > 0 && items >= paragraph.Lines.Count - 1 && (items == paragraph.Lines.Count || paragraph.Lines[0].EndsWith(':'))
            ? PassageKind.List
            : PassageKind.Body;
    }
}
