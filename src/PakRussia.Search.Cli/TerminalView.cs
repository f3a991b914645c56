using System.Text;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli;

/// <summary>
/// The readable terminal view: matches coloured when stdout is a terminal, plain when piped. Corpus text
/// is stripped of control characters first, so a document cannot send escape sequences to the terminal.
/// </summary>
public sealed partial class TerminalView(TextWriter output, TextWriter error)
{
    private readonly bool _colour = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
        && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    private string Bold(string s) => _colour ? $"\u001b[1m{s}\u001b[0m" : s;
    private string Dim(string s) => _colour ? $"\u001b[2m{s}\u001b[0m" : s;
    private string Mark(string s) => _colour ? $"\u001b[1;33m{s}\u001b[0m" : s;

    public void WriteSearch(SearchResponse response)
    {
        foreach (var warning in response.Warnings)
        {
            error.WriteLine($"warning: {warning}");
        }

        if (response.Suggestion is { } suggestion)
        {
            output.WriteLine($"Did you mean: {Printable(suggestion)}");
        }

        if (response.Explain is { } explain)
        {
            WriteExplain(explain);
        }
        else if (response.Expansions.Count > 0)
        {
            // The aliases are part of what was searched: say so, and how to search exactly what was typed.
            output.WriteLine(Dim($"Also searched: {Printable(string.Join("; ", response.Expansions.Select(e => $"{e.Variant} for {e.Typed}")))} (aliases; --no-aliases searches exactly what was typed)"));
        }

        var first = (response.Page - 1) * response.PageSize + 1;
        output.WriteLine(response.Total == 0
            ? $"No passages match '{Printable(response.Query)}'."
            : $"{response.Total} {(response.Total == 1 ? "passage matches" : "passages match")}{AllWordsNote(response)}; showing {first}-{first + response.Hits.Count - 1} ({response.TookMs:0.0} ms)");
        output.WriteLine();

        var rank = first;
        foreach (var hit in response.Hits)
        {
            var date = hit.Date ?? "undated";
            output.WriteLine($"{rank++,3}. {Bold(Printable(hit.Title))}  [{hit.SourceType}, {date}]  {Dim(hit.PassageId)}  score {hit.Score:0.00}");
            if (hit.Section is { } section && section != hit.Title)
            {
                output.WriteLine($"     § {Printable(section)}");
            }

            output.WriteLine(Indent(Wrap(Colour(hit.Text, hit.Matches)), "     "));
            if (hit.Missing is { Count: > 0 } missing)
            {
                output.WriteLine($"     missing: {Printable(string.Join(", ", missing))}");
            }

            if (hit.Aliases is { Count: > 0 } aliases)
            {
                output.WriteLine(Dim($"     alias: {Printable(string.Join("; ", aliases))}"));
            }

            if (hit.Duplicates.Count > 0)
            {
                output.WriteLine(Dim($"     +{hit.Duplicates.Count} copies: {string.Join(", ", hit.Duplicates)}"));
            }

            output.WriteLine(Dim(Indent(Printable(hit.Citation), "     ")));
            output.WriteLine();
        }

        if (response.Total > 0)
        {
            WriteFacet("source", response.Facets.SourceType);
            WriteFacet("year", response.Facets.Year);
            WriteFacet("document", response.Facets.Document);
            WriteFacet("author", response.Facets.Author);
        }
    }

    /// <summary>How the query was read (<c>--explain</c>): the Lucene query tree, filters, dropped words, expansions.</summary>
    private void WriteExplain(Querying.QueryExplanation explain)
    {
        output.WriteLine(Bold("Query read as:"));
        output.WriteLine(Indent(Printable(explain.Tree), "  "));
        if (explain.MostWords is { } most)
            output.WriteLine($"  matches: {Printable(most)}");
        if (explain.Filters.Count > 0)
            output.WriteLine($"  filters: {Printable(string.Join("; ", explain.Filters))}");
        if (explain.StopWordsDropped.Count > 0)
            output.WriteLine($"  ignored common words: {Printable(string.Join(", ", explain.StopWordsDropped))}");
        if (explain.Expansions.Count > 0)
            output.WriteLine($"  expansions: {Printable(string.Join("; ", explain.Expansions))}");
        foreach (var alias in explain.Aliases)
            output.WriteLine($"  alias: {Printable(alias)}");
        if (explain.Proximity is { } proximity)
            output.WriteLine($"  words near each other: {Printable(proximity)}");
        output.WriteLine();
    }

    /// <summary>", 1 with every word, 26 with most" for a sentence-like query.</summary>
    private static string AllWordsNote(SearchResponse response) => response.AllWords is { } all && all < response.Total
        ? $" ({all} with every word, {response.Total - all} with fewer)"
        : "";

    public void WriteShow(PassageView view)
    {
        var doc = view.Document;
        output.WriteLine($"{Bold(Printable(doc.Title))}  [{doc.SourceType}, {doc.Date ?? "undated"}]  {doc.DocId}");
        foreach (var before in view.Before)
        {
            output.WriteLine(Dim(Indent(Wrap(Printable(before.Text)), $"  {before.Ordinal + 1,4} ")));
        }

        output.WriteLine(Indent(Wrap(Printable(view.Passage.Text)), $"> {view.Passage.Ordinal + 1,4} "));
        foreach (var after in view.After)
        {
            output.WriteLine(Dim(Indent(Wrap(Printable(after.Text)), $"  {after.Ordinal + 1,4} ")));
        }

        output.WriteLine();
        var citation = Printable(view.Citation);
        output.WriteLine(citation.Contains('\n') ? "Cite:\n" + Indent(citation, "  ") : $"Cite: {citation}");
        if (view.Duplicates.Count > 0)
        {
            output.WriteLine($"Repeated word for word in: {string.Join(", ", view.Duplicates)}");
        }
    }

    private void WriteFacet(string name, IReadOnlyList<FacetValue> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        output.WriteLine($"{Bold(name + ":")} {string.Join("  ", values.Select(v => $"{Printable(v.Value)} ({v.Count})"))}");
    }

    /// <summary>For long passages only the snippet window is coloured in context; short ones are shown whole.</summary>
    private string Colour(string text, IReadOnlyList<MatchSpan> matches)
    {
        var builder = new StringBuilder();
        var position = 0;
        foreach (var match in matches)
        {
            builder.Append(Printable(text[position..match.Start]));
            builder.Append(Mark(Printable(text[match.Start..match.End])));
            position = match.End;
        }

        builder.Append(Printable(text[position..]));
        return builder.ToString();
    }

    private static string Wrap(string text) => text.Replace("\n", "\n");

    private static string Indent(string text, string prefix)
    {
        var lines = text.Split('\n');
        return prefix + string.Join("\n" + new string(' ', prefix.Length), lines);
    }

    /// <summary>Replaces control characters (escape sequences, NUL, …) with visible stand-ins; keeps newlines and tabs.</summary>
    public static string Printable(string text)
    {
        if (!text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            return text;
        }

        return new string(text.Select(c => char.IsControl(c) && c is not '\n' and not '\t' ? '\uFFFD' : c).ToArray());
    }
}
