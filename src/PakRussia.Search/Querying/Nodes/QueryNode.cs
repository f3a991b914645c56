using System.Globalization;
using System.Text;

namespace PakRussia.Search.Querying.Nodes;

/// <summary>
/// A node of the parse tree. <see cref="Position"/> is the 1-based column of the node's first character in the
/// query (after control characters were removed), used for error messages.
/// </summary>
public abstract record QueryNode(int Position)
{
    /// <summary>A boost written after the node (<c>^3</c>); null when none.</summary>
    public double? Boost { get; init; }

    /// <summary>The node in Lucene-like one-line syntax (used by tests and the explanation).</summary>
    public abstract override string ToString();

    /// <summary>The tree printed one node per line, indented two spaces per level.</summary>
    public string Print()
    {
        var sb = new StringBuilder();
        PrintTo(sb, 0, null);
        return sb.ToString().TrimEnd('\n');
    }

    internal abstract void PrintTo(StringBuilder sb, int indent, string? label);

    internal void Line(StringBuilder sb, int indent, string? label, string text)
    {
        sb.Append(' ', indent * 2);
        if (label != null)
        {
            sb.Append(label).Append(' ');
        }

        sb.Append(text);
        if (Boost is { } b)
        {
            sb.Append(" ^").Append(b.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append('\n');
    }

    /// <summary>Appends <c>^boost</c> when there is a boost.</summary>
    protected string WithBoost(string s) =>
        Boost is { } b ? s + "^" + b.ToString(CultureInfo.InvariantCulture) : s;

    /// <summary>Escapes Lucene's special characters so the printed term reads back as the same term.</summary>
    internal static string Escape(string text, bool keepWildcards = false)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if ("\\+-!():^[]\"{}~/ &|".Contains(c) || (!keepWildcards && (c == '*' || c == '?')))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Quotes a phrase for printing, escaping backslashes and quotes.</summary>
    internal static string QuotePhrase(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
