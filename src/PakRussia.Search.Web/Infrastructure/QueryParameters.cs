using System.Globalization;
using Microsoft.Extensions.Primitives;
using PakRussia.Search.Search;

namespace PakRussia.Search.Web.Infrastructure;

/// <summary>
/// Reads query-string parameters strictly: a value that does not parse is a <see cref="SearchRequestException"/>
/// (400) naming the parameter, never a silent default and never a framework binding error.
/// </summary>
public static class QueryParameters
{
    /// <summary>Longest query text accepted, in characters.</summary>
    public const int MaxQueryLength = 1000;

    /// <summary>Longest single filter value accepted, in characters.</summary>
    public const int MaxValueLength = 200;

    public static string? Single(StringValues values, string name)
    {
        if (values.Count > 1)
            throw new SearchRequestException($"'{name}' was given {values.Count} times; give it once.");
        var value = values.Count == 0 ? null : values[0];
        if (value is { Length: > MaxValueLength } && name is not "q")
            throw new SearchRequestException($"'{name}' is longer than {MaxValueLength} characters.");
        return value;
    }

    public static string Query(StringValues values, string name = "q")
    {
        var query = Single(values, name) ?? "";
        if (query.Length > MaxQueryLength)
            throw new SearchRequestException($"The query is {query.Length} characters long; at most {MaxQueryLength} are accepted.");
        return query;
    }

    public static int Int(StringValues values, string name, int fallback)
    {
        var text = Single(values, name);
        if (string.IsNullOrEmpty(text))
            return fallback;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new SearchRequestException($"'{name}' must be a whole number (got '{Printable(text)}').");
        return value;
    }

    public static bool Bool(StringValues values, string name)
    {
        var text = Single(values, name);
        return text?.ToLowerInvariant() switch
        {
            null => false,
            "" or "1" or "true" or "on" or "yes" => true,
            "0" or "false" or "off" or "no" => false,
            _ => throw new SearchRequestException($"'{name}' must be true or false (got '{Printable(text)}')."),
        };
    }

    public static IReadOnlyList<string> Many(StringValues values, string name)
    {
        var list = new List<string>();
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
                continue;
            if (value.Length > MaxValueLength)
                throw new SearchRequestException($"A '{name}' value is longer than {MaxValueLength} characters.");
            if (list.Count >= SearchLimits.MaxFilterValues)
                throw new SearchRequestException($"Too many '{name}' values; at most {SearchLimits.MaxFilterValues}.");
            list.Add(value);
        }

        return list;
    }

    public static IReadOnlyList<int> Years(StringValues values, string name = "year")
    {
        var years = new List<int>();
        foreach (var value in Many(values, name))
        {
            if (value.Length != 4 || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                throw new SearchRequestException($"'{name}' must be a four-digit year (got '{Printable(value)}').");
            years.Add(year);
        }

        return years;
    }

    public static SearchSort Sort(StringValues values)
    {
        var text = Single(values, "sort");
        return text?.ToLowerInvariant() switch
        {
            null or "" or "relevance" or "score" => SearchSort.Relevance,
            "date" or "date-desc" or "newest" => SearchSort.Date,
            "date-asc" or "oldest" => SearchSort.DateAscending,
            _ => throw new SearchRequestException($"Unknown sort '{Printable(text)}': use relevance, date or date-asc."),
        };
    }

    /// <summary>The citation style parameter (plain when absent); an unknown one is a 400 naming it.</summary>
    public static Citations.CitationStyle Style(StringValues values)
    {
        var text = Single(values, "style");
        var style = Citations.CitationStyle.Plain;
        if (!string.IsNullOrEmpty(text) && !Citations.CitationFormatter.TryParseStyle(text, out style))
            throw new SearchRequestException($"Unknown citation style '{Printable(text)}': use plain, apa, bibtex or ris.");
        return style;
    }

    /// <summary>A value as it may be echoed in an error message: short, no control characters.</summary>
    public static string Printable(string value)
    {
        var cleaned = new string(value.Where(c => !char.IsControl(c)).Take(60).ToArray());
        return value.Length > 60 ? cleaned + "…" : cleaned;
    }

    /// <summary>
    /// The search parameters /api/search and /api/export share: q, source, year, from, to, doc, author, sort, any, all, strict, aliases.
    /// Paging and output options are each endpoint's own.
    /// </summary>
    public static SearchRequest SearchRequest(IQueryCollection query) => Filters(query) with
    {
        Query = Query(query["q"]),
        Sort = Sort(query["sort"]),
        Any = Bool(query["any"], "any"),
        All = Bool(query["all"], "all"),
        Strict = Bool(query["strict"], "strict"),
        NoAliases = NoAliases(query),
    };

    /// <summary><c>aliases=false</c> (or off, 0, no): search exactly what was typed. Aliases are on unless said otherwise.</summary>
    public static bool NoAliases(IQueryCollection query) => query.ContainsKey("aliases") && !Bool(query["aliases"], "aliases");

    /// <summary>The metadata filters alone: source, year, from, to, doc, author (search, export, similar).</summary>
    public static SearchRequest Filters(IQueryCollection query) => Filters(query, "");

    /// <summary>
    /// The metadata filters named with a prefix (<c>refSource</c>, <c>refYear</c>, … for keywords' reference); the
    /// names are the plain ones with their first letter capitalised after the prefix.
    /// </summary>
    public static SearchRequest Filters(IQueryCollection query, string prefix)
    {
        string Name(string plain) => prefix.Length == 0 ? plain : prefix + char.ToUpperInvariant(plain[0]) + plain[1..];
        return new()
        {
            Sources = Many(query[Name("source")], Name("source")),
            Years = Years(query[Name("year")], Name("year")),
            From = NullIfBlank(Single(query[Name("from")], Name("from"))),
            To = NullIfBlank(Single(query[Name("to")], Name("to"))),
            Docs = Many(query[Name("doc")], Name("doc")),
            Authors = Many(query[Name("author")], Name("author")),
        };
    }

    /// <summary>Whether any parameter starting with <paramref name="prefix"/> and a capital (refSource, refQ) was given.</summary>
    public static bool AnyWithPrefix(IQueryCollection query, string prefix) =>
        query.Keys.Any(k => k.Length > prefix.Length && k.StartsWith(prefix, StringComparison.Ordinal) && char.IsUpper(k[prefix.Length]));

    /// <summary>A long text parameter (pasted text): given at most once, at most <paramref name="maxLength"/> characters.</summary>
    public static string Text(StringValues values, string name, int maxLength)
    {
        if (values.Count > 1)
            throw new SearchRequestException($"'{name}' was given {values.Count} times; give it once.");
        var text = values.Count == 0 ? "" : values[0] ?? "";
        if (text.Length > maxLength)
            throw new SearchRequestException($"'{name}' is {text.Length} characters long; at most {maxLength} are accepted.");
        return text;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
