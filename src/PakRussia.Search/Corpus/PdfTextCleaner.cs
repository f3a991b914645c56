using System.Text;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Corpus;

/// <summary>
/// Cleans text extracted from a PDF (an academic paper): hard-wrapped lines with stray blank lines between them,
/// footnote reference numbers on lines of their own, and footnote blocks (a long run of spaces, then "12 Author,
/// “Title” …", then the link URLs again) dropped into the body wherever the page ended.
/// <list type="number">
/// <item>Rebuild the printed lines: a reference number or ordinal suffix ("th") on its own line is taken out
/// (or re-attached: 19 + th → 19th), and a following line that starts with a space or punctuation continues
/// the printed line.</item>
/// <item>Cut each footnote block out of the body; it becomes footnote blocks that keep their number. The run of
/// bare URL lines that ends a block repeats the footnotes' links and is dropped.</item>
/// <item>Join printed lines into paragraphs (<see cref="LineJoiner"/> resolves hyphens). A paragraph ends after a
/// line that ends a sentence and is short, or when the next line is indented or starts a list item.</item>
/// <item>Title-case short lines after a finished sentence are headings; a heading ending in "and", "of", … continues
/// on the next line.</item>
/// </list>
/// </summary>
internal static class PdfTextCleaner
{
    private const int SeparatorMinSpaces = 20;

    private sealed class PrintedLine(string raw)
    {
        public StringBuilder Text { get; } = new(raw.Trim());
        public string LastRaw { get; set; } = raw;
        public bool Indented { get; } = raw.Length > 0 && char.IsWhiteSpace(raw[0]);
        public bool AfterFootnoteBlock { get; init; }
        public bool ExpectsContinuation { get; set; }
        public int Block { get; set; } = -1;
        public string Value => TextPatterns.CollapseSpaces(Text.ToString());
    }

    private sealed record Footnote(int Number, StringBuilder Text, int AnchorLine)
    {
        public string LastRaw { get; set; } = "";
    }

    public static List<CleanedBlock> Clean(string text)
    {
        var lines = text.Split('\n');
        var footnotes = new List<Footnote>();
        var printed = RebuildPrintedLines(lines, footnotes);
        var (blocks, _) = BuildParagraphs(printed);
        var body = SectionAssigner.Assign(blocks);

        var result = new List<CleanedBlock>(body);
        foreach (var footnote in footnotes)
        {
            var anchor = footnote.AnchorLine > 0 ? printed[footnote.AnchorLine - 1].Block : -1;
            var section = anchor >= 0 && anchor < body.Count ? body[anchor].Section : null;
            var value = TextPatterns.CollapseSpaces(footnote.Text.ToString());
            result.Add(new CleanedBlock(PassageKind.Footnote, value) { FootnoteNumber = footnote.Number, Section = section });
        }

        return result;
    }

    private static List<PrintedLine> RebuildPrintedLines(string[] lines, List<Footnote> footnotes)
    {
        var printed = new List<PrintedLine>();
        var afterBlock = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].TrimEnd('\r');
            if (IsSeparator(raw))
            {
                i = ReadFootnoteBlock(lines, i + 1, footnotes, printed.Count) - 1;
                afterBlock = true;
                if (printed.Count > 0)
                {
                    printed[^1].ExpectsContinuation = false;
                }

                continue;
            }

            var trimmed = raw.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            var last = printed.Count > 0 ? printed[^1] : null;
            if (last != null && IsReferenceNumber(trimmed))
            {
                last.ExpectsContinuation = true;
                continue;
            }

            if (last != null && trimmed is "st" or "nd" or "rd" or "th" && last.Text.Length > 0 && char.IsAsciiDigit(last.Text[^1]))
            {
                last.Text.Append(trimmed);
                last.ExpectsContinuation = true;
                continue;
            }

            if (last is { ExpectsContinuation: true })
            {
                last.ExpectsContinuation = false;
                if (char.IsWhiteSpace(raw[0]) || trimmed[0] is ',' or '.' or ';' or ':' or ')' or '’' or '”')
                {
                    last.Text.Append(raw.TrimEnd());
                    last.LastRaw = raw;
                    continue;
                }
            }

            printed.Add(new PrintedLine(raw) { AfterFootnoteBlock = afterBlock });
            afterBlock = false;
        }

        return printed;
    }

    /// <summary>Reads a footnote block starting at <paramref name="start"/>; returns the index of the first body line after it.</summary>
    private static int ReadFootnoteBlock(string[] lines, int start, List<Footnote> footnotes, int anchorLine)
    {
        var blockLines = new List<string>();
        var end = start;
        for (; end < lines.Length; end++)
        {
            var raw = lines[end];
            var trimmed = raw.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            // The body resumes on an indented line that is not a URL (the PDF's continuation of the interrupted line).
            if (char.IsWhiteSpace(raw[0]) && !TextPatterns.IsBareUrl(trimmed))
            {
                break;
            }

            blockLines.Add(raw);
        }

        // The trailing run of bare URLs repeats the links of the footnotes above it.
        var trailing = blockLines.Count;
        while (trailing > 0 && TextPatterns.IsBareUrl(blockLines[trailing - 1].Trim()))
        {
            trailing--;
        }

        var added = new List<Footnote>();
        for (var k = 0; k < trailing; k++)
        {
            var raw = blockLines[k];
            var trimmed = raw.Trim();
            var last = footnotes.Count > 0 ? footnotes[^1] : null;
            if (TryFootnoteNumber(trimmed, last?.Number ?? 0, out var number))
            {
                var footnote = new Footnote(number, new StringBuilder(), anchorLine) { LastRaw = "" };
                LineJoiner.Append(footnote.Text, "", trimmed);
                footnote.LastRaw = raw;
                footnotes.Add(footnote);
                added.Add(footnote);
            }
            else if (last != null)
            {
                LineJoiner.Append(last.Text, last.LastRaw, raw);
                last.LastRaw = raw;
            }
            else
            {
                // Text before any numbered footnote: keep it as an unnumbered footnote rather than lose it.
                var footnote = new Footnote(0, new StringBuilder(trimmed), anchorLine) { LastRaw = raw };
                footnotes.Add(footnote);
                added.Add(footnote);
            }
        }

        // Keep any trailing URL that is not already in a footnote of this block (nothing the author wrote is lost).
        for (var k = trailing; k < blockLines.Count; k++)
        {
            var url = blockLines[k].Trim();
            var target = added.Count > 0 ? added[^1] : footnotes.Count > 0 ? footnotes[^1] : null;
            if (target != null && !added.Any(f => f.Text.ToString().Contains(url, StringComparison.Ordinal)))
            {
                target.Text.Append(' ').Append(url);
            }
        }

        return end;
    }

    private static (List<CleanedBlock> Blocks, double ShortLine) BuildParagraphs(List<PrintedLine> printed)
    {
        var lengths = printed.Select(p => p.Value.Length).Where(l => l > 20).Order().ToList();
        var median = lengths.Count > 0 ? lengths[lengths.Count / 2] : 70;
        var shortLine = median * 0.8;

        var blocks = new List<CleanedBlock>();
        StringBuilder? current = null;
        var currentKind = PassageKind.Body;
        var lastRaw = "";
        var currentLines = new List<PrintedLine>();

        void Flush()
        {
            if (current != null && current.Length > 0)
            {
                foreach (var line in currentLines)
                {
                    line.Block = blocks.Count;
                }

                blocks.Add(new CleanedBlock(currentKind, TextPatterns.CollapseSpaces(current.ToString())));
            }

            current = null;
            currentLines.Clear();
        }

        for (var k = 0; k < printed.Count; k++)
        {
            var line = printed[k];
            var value = line.Value;
            var previous = k > 0 ? printed[k - 1].Value : null;
            var previousEnds = previous == null || TextPatterns.EndsSentence(previous);

            if ((previousEnds || current == null) && HeadingRules.LooksLikeHeading(value) && !ListMarkers.IsListItem(value))
            {
                Flush();
                var heading = value;
                line.Block = blocks.Count;
                while (HeadingRules.EndsWithConnector(heading) && k + 1 < printed.Count && HeadingRules.LooksLikeHeading(printed[k + 1].Value))
                {
                    k++;
                    heading += " " + printed[k].Value;
                    printed[k].Block = blocks.Count;
                }

                blocks.Add(new CleanedBlock(PassageKind.Heading, heading));
                continue;
            }

            var listItem = ListMarkers.StartsWithLetterOrRoman(value) || HeadingRules.StartsWithNumberDot(value);
            var newParagraph = current == null || listItem
                || (previousEnds && (previous!.Length < shortLine || (line.Indented && !line.AfterFootnoteBlock) || currentKind == PassageKind.List));
            if (newParagraph)
            {
                Flush();
                current = new StringBuilder();
                currentKind = listItem ? PassageKind.List : PassageKind.Body;
                lastRaw = "";
            }

            LineJoiner.Append(current!, lastRaw, value);
            lastRaw = line.LastRaw;
            currentLines.Add(line);
        }

        Flush();
        return (blocks, shortLine);
    }

    /// <summary>A whitespace-only line of at least 20 characters: the rule above a page's footnotes.</summary>
    private static bool IsSeparator(string raw) => raw.Length >= SeparatorMinSpaces && string.IsNullOrWhiteSpace(raw);

    /// <summary>1–3 digits alone on a line: a superscript footnote reference.</summary>
    private static bool IsReferenceNumber(string trimmed) => trimmed.Length <= 3 && trimmed.All(char.IsAsciiDigit);

    /// <summary>"22 Faiza Bashir …": a number, a space, then text; the number must follow the last footnote's (within 5).</summary>
    private static bool TryFootnoteNumber(string trimmed, int lastNumber, out int number)
    {
        number = 0;
        var digits = 0;
        while (digits < trimmed.Length && digits < 4 && char.IsAsciiDigit(trimmed[digits]))
        {
            digits++;
        }

        if (digits == 0 || digits > 3 || digits + 1 >= trimmed.Length || trimmed[digits] != ' ' || char.IsAsciiDigit(trimmed[digits + 1]))
        {
            return false;
        }

        number = int.Parse(trimmed.AsSpan(0, digits), System.Globalization.CultureInfo.InvariantCulture);
        return lastNumber == 0 ? number > 0 : number > lastNumber && number <= lastNumber + 5;
    }
}
