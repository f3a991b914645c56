using System.Text.RegularExpressions;
using PakRussia.Search.Quotes;

namespace PakRussia.Search.Cli;

/// <summary>The terminal view of <c>pakrussia quote</c>.</summary>
public sealed partial class TerminalView
{
    /// <summary>Characters of context shown either side of a matched span.</summary>
    private const int QuoteContext = 160;

    public void WriteQuote(QuoteResult result)
    {
        if (!result.Found)
        {
            output.WriteLine($"Not found. {result.Message ?? QuoteProvenance.NotFoundMessage}.");
            if (result.Closest.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("Closest passages:");
                foreach (var c in result.Closest)
                {
                    output.WriteLine($"  {c.Similarity:0.000}  {Bold(Printable(c.Title))}  [{c.Date ?? "undated"}]  {Dim(c.PassageId)}");
                    output.WriteLine($"         {Printable(Shorten(OneLine(c.Text), 2 * QuoteContext))}");
                }
            }

            return;
        }

        var number = 0;
        foreach (var match in result.Matches)
        {
            number++;
            if (number > 1)
            {
                output.WriteLine();
            }

            var places = match.Occurrences.Count == 1 ? "1 place" : $"{match.Occurrences.Count} places";
            var head = match.Exact ? "Found word for word" : $"Near match (similarity {match.Similarity:0.000})";
            output.WriteLine($"{(result.Matches.Count > 1 ? $"{number}. " : "")}{Bold(head)} in {places}:");
            var through = match.ThroughPassageId is { } next ? $" → {next}" : "";
            output.WriteLine($"  {Bold(Printable(match.Title))}  [{match.Date ?? "undated"}]  {Dim(match.PassageId + through)}");
            output.WriteLine($"    {MarkedWindow(match)}");

            if (match.Differences.Count > 0)
            {
                output.WriteLine("  Differences:");
                foreach (var difference in match.Differences)
                {
                    output.WriteLine($"    {Describe(difference)}");
                }
            }

            output.WriteLine("  Occurrences (earliest first):");
            foreach (var o in match.Occurrences)
            {
                var original = o.IsOriginal ? "  ← original" : "";
                output.WriteLine($"    {o.Date ?? "undated",-10}  {o.PassageId}  {Printable(o.Title)}{original}");
            }

            var citation = Printable(match.Citation);
            output.WriteLine(citation.Contains('\n')
                ? "  Cite:\n" + Indent(citation, "    ")
                : $"  Cite: {citation}");
        }
    }

    /// <summary>"corpus has X where the quote has Y", "the quote leaves out X", "the quote adds Y".</summary>
    public static string Describe(WordDifference difference)
    {
        var corpus = Printable(string.Join(' ', difference.CorpusWords));
        var quote = Printable(string.Join(' ', difference.QuoteWords));
        return difference.Kind switch
        {
            DifferenceKind.Changed => $"corpus has \u201C{corpus}\u201D where the quote has \u201C{quote}\u201D",
            DifferenceKind.Missing => $"the quote leaves out \u201C{corpus}\u201D",
            _ => $"the quote adds \u201C{quote}\u201D",
        };
    }

    /// <summary>The matched span with some context either side, on one line; the span in colour, or in [[ ]] when piped.</summary>
    private string MarkedWindow(QuoteMatch match)
    {
        var text = match.Text;
        var from = Math.Max(0, match.Start - QuoteContext);
        var to = Math.Min(text.Length, match.End + QuoteContext);
        if (from > 0 && text.IndexOf(' ', from, match.Start - from) is var space and >= 0)
        {
            from = space + 1;
        }

        if (to < text.Length && text.LastIndexOf(' ', to - 1, to - match.End) is var last and >= 0)
        {
            to = last;
        }

        var before = (from > 0 ? "…" : "") + OneLine(text[from..match.Start]);
        var matched = OneLine(text[match.Start..match.End]);
        var after = OneLine(text[match.End..to]) + (to < text.Length ? "…" : "");
        var marked = _colour ? Mark(Printable(matched)) : $"[[{Printable(matched)}]]";
        return Printable(before) + marked + Printable(after);
    }

    private static string OneLine(string text) => WhiteSpace().Replace(text, " ");

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd() + "…";

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
