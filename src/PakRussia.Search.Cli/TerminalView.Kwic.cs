using System.Globalization;
using PakRussia.Search.Concordance;

namespace PakRussia.Search.Cli;

/// <summary>The concordance and collocates views: columns aligned on the match, corpus text made printable first.</summary>
public sealed partial class TerminalView
{
    /// <summary>Left contexts longer than this many characters are cut at their start ("…"), right contexts at their end.</summary>
    private const int MaxContextColumn = 70;

    public void WriteKwic(KwicResponse response)
    {
        foreach (var warning in response.Warnings)
            error.WriteLine($"warning: {warning}");
        var pages = Math.Max(1, (int)Math.Ceiling(response.Total / (double)response.PerPage));
        var near = response.Near is { } word ? $", with '{Printable(word)}' within {response.Window} words" : "";
        output.WriteLine($"{Count(response.Total, "line")} in {Count(response.Passages, "passage")}{near} · page {response.Page} of {pages} · sorted by {response.Sort}");
        if (response.Lines.Count == 0)
            return;
        output.WriteLine();
        var lefts = response.Lines.Select(l => Cut(Flat(l.Left), fromStart: true)).ToList();
        var rights = response.Lines.Select(l => Cut(Flat(l.Right), fromStart: false)).ToList();
        var matches = response.Lines.Select(l => Flat(l.Match)).ToList();
        var leftWidth = lefts.Max(l => l.Length);
        var matchWidth = Math.Min(30, matches.Max(m => m.Length));
        var rightWidth = rights.Max(r => r.Length);
        for (var i = 0; i < response.Lines.Count; i++)
        {
            var line = response.Lines[i];
            var match = matches[i].PadRight(matchWidth);
            output.WriteLine($"{lefts[i].PadLeft(leftWidth)}  {Mark(match)}  {rights[i].PadRight(rightWidth)}  {Dim(Printable(line.PassageId) + (line.CopyOf is null ? "" : " (copy)"))}");
        }
    }

    public void WriteCollocates(CollocateResponse response)
    {
        foreach (var warning in response.Warnings)
            error.WriteLine($"warning: {warning}");
        output.WriteLine($"Collocates within {response.Window} words of {Count(response.Occurrences, "match", "matches")} (subcorpus: {response.SubcorpusWords.ToString("N0", CultureInfo.InvariantCulture)} words) · "
            + $"{response.Candidates} seen near {response.MinFrequency}+ matches · sorted by {response.Sort}{(response.IncludeStopWords ? "" : " · stop words left out")}");
        if (response.Collocates.Count == 0)
            return;
        output.WriteLine();
        var wordWidth = Math.Max(4, response.Collocates.Max(c => Printable(c.Word).Length));
        output.WriteLine($"{"word".PadRight(wordWidth)}  {"freq",6}  {"subcorpus",9}  {"logDice",7}  {"G²",9}");
        foreach (var c in response.Collocates)
        {
            output.WriteLine($"{Printable(c.Word).PadRight(wordWidth)}  {c.Frequency,6}  {c.SubcorpusFrequency,9}  {Fixed(c.LogDice),7}  {Fixed(c.LogLikelihood),9}");
        }
    }

    private static string Fixed(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Count(long n, string one, string? many = null) =>
        $"{n.ToString("N0", CultureInfo.InvariantCulture)} {(n == 1 ? one : many ?? one + "s")}";

    /// <summary>One printable line: control characters neutralised, tabs and newlines as spaces.</summary>
    private static string Flat(string text) => Printable(text).Replace('\t', ' ').Replace('\n', ' ');

    private static string Cut(string text, bool fromStart) =>
        text.Length <= MaxContextColumn ? text
        : fromStart ? "…" + text[^(MaxContextColumn - 1)..]
        : text[..(MaxContextColumn - 1)] + "…";
}
