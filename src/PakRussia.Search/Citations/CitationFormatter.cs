using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Citations;

/// <summary>The citation styles <see cref="CitationFormatter"/> writes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CitationStyle>))]
public enum CitationStyle
{
    [JsonStringEnumMemberName("plain")] Plain,
    [JsonStringEnumMemberName("apa")] Apa,
    [JsonStringEnumMemberName("bibtex")] BibTeX,
    [JsonStringEnumMemberName("ris")] Ris,
}

/// <summary>One passage cited in every style, for JSON answers.</summary>
public sealed record CitationSet(string Plain, string Apa, string Bibtex, string Ris);

/// <summary>
/// Cites one passage of one document: title, source type, site, author, date at its real precision, section,
/// post or footnote number, paragraph number (ordinal + 1) and the stable reference <c>pakrussia:{passageId}</c>
/// (plus the document URL when known). Missing parts are left out cleanly; an unknown date is "n.d.".
/// </summary>
public static class CitationFormatter
{
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>The stable reference to a passage: <c>pakrussia:{passageId}</c>.</summary>
    public static string Reference(Passage passage) => "pakrussia:" + passage.PassageId;

    /// <summary>Parses a "style" option: plain, apa, bibtex (or bib), ris; case-insensitive.</summary>
    public static bool TryParseStyle(string? value, out CitationStyle style)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "plain" or "text": style = CitationStyle.Plain; return true;
            case "apa": style = CitationStyle.Apa; return true;
            case "bibtex" or "bib": style = CitationStyle.BibTeX; return true;
            case "ris": style = CitationStyle.Ris; return true;
            default: style = CitationStyle.Plain; return false;
        }
    }

    public static string Format(DocumentMetadata document, Passage passage, CitationStyle style)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(passage);
        return style switch
        {
            CitationStyle.Plain => Plain(document, passage),
            CitationStyle.Apa => Apa(document, passage),
            CitationStyle.BibTeX => BibTeX(document, passage),
            CitationStyle.Ris => Ris(document, passage),
            _ => throw new ArgumentOutOfRangeException(nameof(style), style, "Unknown citation style."),
        };
    }

    public static CitationSet All(DocumentMetadata document, Passage passage) => new(
        Format(document, passage, CitationStyle.Plain),
        Format(document, passage, CitationStyle.Apa),
        Format(document, passage, CitationStyle.BibTeX),
        Format(document, passage, CitationStyle.Ris));

    // ---- date -------------------------------------------------------------------------------------------

    private readonly record struct DateParts(int Year, int? Month, int? Day);

    private static DateParts? ParseDate(DocumentMetadata document)
    {
        var d = document.Date?.Trim();
        if (string.IsNullOrEmpty(d) || d.Length < 4 || !int.TryParse(d.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }

        int? month = null;
        int? day = null;
        if (d.Length >= 7 && int.TryParse(d.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var mo) && mo is >= 1 and <= 12)
        {
            month = mo;
            if (d.Length >= 10 && int.TryParse(d.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var da) && da is >= 1 and <= 31)
            {
                day = da;
            }
        }

        // The stated precision wins over what the string happens to hold.
        switch (document.DatePrecision)
        {
            case DatePrecision.Year: month = null; day = null; break;
            case DatePrecision.Month: day = null; break;
        }

        return new DateParts(year, month, day);
    }

    /// <summary>"2019", "March 2017", "4 March 2017", or "n.d.".</summary>
    internal static string LongDate(DocumentMetadata document)
    {
        if (ParseDate(document) is not { } p)
        {
            return "n.d.";
        }

        var year = p.Year.ToString(CultureInfo.InvariantCulture);
        if (p.Month is not { } month)
        {
            return year;
        }

        return p.Day is { } day ? $"{day} {MonthNames[month - 1]} {year}" : $"{MonthNames[month - 1]} {year}";
    }

    /// <summary>"2019", "2017, March", "2017, March 4", or "n.d.".</summary>
    private static string ApaDate(DocumentMetadata document)
    {
        if (ParseDate(document) is not { } p)
        {
            return "n.d.";
        }

        var year = p.Year.ToString(CultureInfo.InvariantCulture);
        if (p.Month is not { } month)
        {
            return year;
        }

        return p.Day is { } day ? $"{year}, {MonthNames[month - 1]} {day}" : $"{year}, {MonthNames[month - 1]}";
    }

    // ---- shared pieces ----------------------------------------------------------------------------------

    private static string OneLine(string? s) =>
        string.IsNullOrWhiteSpace(s) ? "" : string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string? Clean(string? s) => OneLine(s) is { Length: > 0 } v ? v : null;

    private static int ParagraphNumber(Passage passage) => passage.Ordinal + 1;

    /// <summary>
    /// The passage's section, unless it only repeats the document's title (forum threads use the thread title as the
    /// section of every post): then the title already says it.
    /// </summary>
    private static string? SectionOf(DocumentMetadata document, Passage passage) =>
        Clean(passage.Section) is { } section && !string.Equals(section.TrimEnd('.', ':'), OneLine(document.Title).TrimEnd('.', ':'), StringComparison.OrdinalIgnoreCase)
            ? section
            : null;

    /// <summary>Section, post, footnote and paragraph, e.g. ["Introduction", "post 7", "¶ 12"].</summary>
    private static List<string> Locators(DocumentMetadata document, Passage passage, string paragraphWord)
    {
        var parts = new List<string>();
        if (SectionOf(document, passage) is { } section)
        {
            parts.Add(section);
        }

        if (passage.PostNumber is { } post)
        {
            parts.Add($"post {post}");
        }

        if (passage.Kind == PassageKind.Footnote || passage.FootnoteNumber != null)
        {
            parts.Add(passage.FootnoteNumber is { } fn ? $"footnote {fn}" : "footnote");
        }

        parts.Add($"{paragraphWord}{ParagraphNumber(passage)}");
        return parts;
    }

    private static string SourceTypeLabel(DocumentMetadata document) =>
        OneLine(document.SourceType).ToLowerInvariant() switch
        {
            "forum" => "forum thread",
            "news" => "news article",
            "academic" => "academic paper",
            "explainer" => "explainer",
            "" => "document",
            var other => other,
        };

    private static string EndWithPeriod(string s) => s.Length > 0 && s[^1] is '.' or '?' or '!' ? s : s + ".";

    // ---- plain ------------------------------------------------------------------------------------------

    private static string Plain(DocumentMetadata document, Passage passage)
    {
        var parts = new List<string> { $"\u201C{OneLine(document.Title)}\u201D" };
        parts.Add(Clean(document.Site) is { } site ? $"{site} ({SourceTypeLabel(document)})" : SourceTypeLabel(document));
        if (Clean(document.Author) is { } author)
        {
            parts.Add(author);
        }

        parts.Add(LongDate(document));
        parts.AddRange(Locators(document, passage, "\u00B6 "));
        var text = string.Join(", ", parts) + $" [{Reference(passage)}]";
        return Clean(document.Url) is { } url ? $"{text} {url}" : text;
    }

    // ---- APA --------------------------------------------------------------------------------------------

    private static string ApaDescriptor(DocumentMetadata document, Passage passage) =>
        OneLine(document.SourceType).ToLowerInvariant() switch
        {
            "forum" => passage.PostNumber is { } post ? $"Online forum post {post}" : "Online forum thread",
            "news" => "News article",
            "academic" => "Academic paper",
            "explainer" => "Explainer",
            "" => "Document",
            var other => char.ToUpperInvariant(other[0]) + other[1..],
        };

    private static string Apa(DocumentMetadata document, Passage passage)
    {
        var title = $"{OneLine(document.Title).TrimEnd('.')} [{ApaDescriptor(document, passage)}].";
        var date = $"({ApaDate(document)}).";
        var sb = new StringBuilder();
        if (Clean(document.Author) is { } author)
        {
            sb.Append(EndWithPeriod(author)).Append(' ').Append(date).Append(' ').Append(title);
        }
        else
        {
            // No author: the title moves to the author's place.
            sb.Append(title).Append(' ').Append(date);
        }

        if (Clean(document.Site) is { } site)
        {
            sb.Append(' ').Append(EndWithPeriod(site));
        }

        var locators = Locators(document, passage, "\u00B6 ").Where(l => !l.StartsWith("post ", StringComparison.Ordinal));
        sb.Append(' ').Append(string.Join(", ", locators)).Append('.');
        sb.Append(' ').Append(Reference(passage));
        if (Clean(document.Url) is { } url)
        {
            sb.Append(' ').Append(url);
        }

        return sb.ToString();
    }

    // ---- BibTeX -----------------------------------------------------------------------------------------

    /// <summary>Escapes the characters BibTeX/LaTeX treat specially: { } % &amp; # _ $ \ ~ ^.</summary>
    public static string EscapeBibTeX(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in OneLine(value))
        {
            switch (c)
            {
                case '{' or '}' or '%' or '&' or '#' or '_' or '$':
                    sb.Append('\\').Append(c);
                    break;
                case '\\':
                    sb.Append("\\textbackslash{}");
                    break;
                case '~':
                    sb.Append("\\textasciitilde{}");
                    break;
                case '^':
                    sb.Append("\\textasciicircum{}");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Stable key: the doc id without '-' and '_', the year if known, 'p' and the paragraph number.</summary>
    public static string BibTeXKey(DocumentMetadata document, Passage passage)
    {
        var id = new string(document.DocId.Where(char.IsAsciiLetterOrDigit).ToArray());
        return $"{id}{document.Year?.ToString(CultureInfo.InvariantCulture) ?? ""}p{ParagraphNumber(passage)}";
    }

    private static string BibTeX(DocumentMetadata document, Passage passage)
    {
        var fields = new List<(string Name, string Value)> { ("title", EscapeBibTeX(document.Title)) };
        if (Clean(document.Author) is { } author)
        {
            fields.Add(("author", EscapeBibTeX(author)));
        }

        fields.Add(("howpublished", EscapeBibTeX(Clean(document.Site) is { } site ? $"{site} ({SourceTypeLabel(document)})" : SourceTypeLabel(document))));
        if (ParseDate(document) is { } date)
        {
            fields.Add(("year", date.Year.ToString(CultureInfo.InvariantCulture)));
            if (date.Month is { } month)
            {
                fields.Add(("month", MonthNames[month - 1]));
            }

            // biblatex's ISO date at the real precision (classic BibTeX ignores it).
            fields.Add(("date", date.Day is { } day ? $"{date.Year:D4}-{date.Month:D2}-{day:D2}" : date.Month is { } m ? $"{date.Year:D4}-{m:D2}" : $"{date.Year:D4}"));
        }

        if (Clean(document.Url) is { } url)
        {
            fields.Add(("url", url.Replace("{", "%7B", StringComparison.Ordinal).Replace("}", "%7D", StringComparison.Ordinal)));
        }

        var note = new List<string>();
        if (SectionOf(document, passage) is { } section)
        {
            note.Add("Section: " + section);
        }

        note.AddRange(Locators(document, passage, "paragraph ").Skip(SectionOf(document, passage) is null ? 0 : 1));
        note.Add(Reference(passage));
        fields.Add(("note", EscapeBibTeX(string.Join("; ", note))));

        var sb = new StringBuilder();
        sb.Append("@misc{").Append(BibTeXKey(document, passage)).Append(",\n");
        for (var i = 0; i < fields.Count; i++)
        {
            sb.Append("  ").Append(fields[i].Name).Append(" = {").Append(fields[i].Value).Append('}');
            sb.Append(i + 1 < fields.Count ? ",\n" : "\n");
        }

        sb.Append('}');
        return sb.ToString();
    }

    // ---- RIS --------------------------------------------------------------------------------------------

    private static string RisType(DocumentMetadata document) => OneLine(document.SourceType).ToLowerInvariant() switch
    {
        "forum" => "BLOG",
        "news" => "NEWS",
        "academic" => "JOUR",
        "explainer" => "ELEC",
        _ => "GEN",
    };

    private static string Ris(DocumentMetadata document, Passage passage)
    {
        var lines = new List<string>();
        void Tag(string tag, string? value)
        {
            if (Clean(value) is { } v)
            {
                lines.Add($"{tag}  - {v}");
            }
        }

        Tag("TY", RisType(document));
        Tag("TI", document.Title);
        Tag("AU", document.Author);
        if (ParseDate(document) is { } date)
        {
            Tag("PY", date.Year.ToString("D4", CultureInfo.InvariantCulture));
            Tag("DA", $"{date.Year:D4}/{(date.Month is { } m ? m.ToString("D2", CultureInfo.InvariantCulture) : "")}/{(date.Day is { } d ? d.ToString("D2", CultureInfo.InvariantCulture) : "")}/");
        }

        Tag("PB", Clean(document.Site) ?? SourceTypeLabel(document));
        Tag("UR", document.Url);
        var note = new List<string> { "Source type: " + SourceTypeLabel(document) };
        if (SectionOf(document, passage) is { } section)
        {
            note.Add("Section: " + section);
        }

        note.AddRange(Locators(document, passage, "paragraph ").Skip(SectionOf(document, passage) is null ? 0 : 1));
        note.Add(Reference(passage));
        Tag("N1", string.Join("; ", note));
        lines.Add("ER  - ");
        return string.Join("\n", lines);
    }
}
