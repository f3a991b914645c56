using System.Text;

namespace PakRussia.Search.Querying;

/// <summary>
/// Base of the query language's errors; both mean "bad input" (exit code 2, HTTP 400).
/// <see cref="Position"/> is a 1-based column into <see cref="Query"/>; <c>Query.Length + 1</c> means "at the end".
/// </summary>
public abstract class QueryException(string query, int position, string reason, string message) : Exception(message)
{
    /// <summary>The query the error is about (control characters already removed).</summary>
    public string Query { get; } = query;

    /// <summary>1-based column of the problem; 0 when the error is about the query as a whole.</summary>
    public int Position { get; } = position;

    /// <summary>The problem without the "Cannot parse" preamble, e.g. "missing ']'".</summary>
    public string Reason { get; } = reason;

    /// <summary>The query on one line and a caret under <see cref="Position"/> on the next.</summary>
    public string Caret => RenderCaret();

    /// <summary>
    /// Renders the query with a caret line under the position. Long queries are cut to a window of
    /// <paramref name="width"/> characters around the position.
    /// </summary>
    public string RenderCaret(int width = 100)
    {
        var shown = Query.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
        var column = Math.Clamp(Position, 1, shown.Length + 1) - 1;
        var start = 0;
        if (shown.Length > width)
        {
            start = Math.Clamp(column - width / 2, 0, Math.Max(0, shown.Length - width));
            shown = shown.Substring(start, Math.Min(width, shown.Length - start));
        }

        var sb = new StringBuilder();
        sb.Append(shown).Append('\n').Append(' ', column - start).Append('^');
        return sb.ToString();
    }
}

/// <summary>A malformed query in strict mode: <c>Cannot parse 'year:[2014 TO': missing ']' at 14</c>.</summary>
public sealed class QueryParseException(string query, int position, string reason)
    : QueryException(query, position, reason, $"Cannot parse '{query}': {reason} at {position}");

/// <summary>
/// The query exceeds a <see cref="QueryLimits"/> bound (length, clauses, nesting). Thrown in strict and lenient
/// mode alike; not a subclass of <see cref="QueryParseException"/> (catch <see cref="QueryException"/> for both).
/// </summary>
public sealed class QueryLimitException(string query, int position, string limit, int maximum, string reason)
    : QueryException(query, position, reason, $"Query too complex: {reason}")
{
    /// <summary>Which limit: "length", "clauses" or "depth".</summary>
    public string Limit { get; } = limit;

    /// <summary>The limit's value.</summary>
    public int Maximum { get; } = maximum;
}
