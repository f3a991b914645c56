using System.Globalization;
using System.Text;
using Lucene.Net.QueryParsers.Classic;

namespace PakRussia.Search.Querying;

/// <summary>
/// A query's text on its way to Lucene's classic parser: control characters removed (and reported), lone surrogates
/// replaced, and every <c>/</c> escaped (Lucene would read <c>/…/</c> as a regular expression, which our syntax does not
/// have: "20/04/2015" and "and/or" are words). Positions the parser reports are mapped back to <see cref="Shown"/>, the
/// text error messages quote.
/// </summary>
internal sealed class QueryText
{
    private readonly List<int> _insertions; // positions in Shown (0-based) before which one character was inserted

    private QueryText(string shown, string parsed, List<int> insertions)
    {
        Shown = shown;
        Parsed = parsed;
        _insertions = insertions;
    }

    /// <summary>The query as typed, minus control characters: what messages quote and positions count in.</summary>
    public string Shown { get; }

    /// <summary>What the parser reads (escapes added; lenient repairs replace characters with spaces or append).</summary>
    public string Parsed { get; private set; }

    public static QueryText Prepare(string query, ICollection<string> warnings)
    {
        var shown = RemoveControlCharacters(query, warnings);
        var parsed = new StringBuilder(shown.Length + 4);
        var insertions = new List<int>();
        var escaped = false;
        var quoted = false;
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            if (escaped)
            {
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '/' && !quoted)
            {
                parsed.Append('\\');
                insertions.Add(i);
            }

            parsed.Append(c);
        }

        return new QueryText(shown, parsed.ToString(), insertions);
    }

    /// <summary>Removes control characters (tabs and line breaks become spaces) and replaces lone surrogates.</summary>
    public static string RemoveControlCharacters(string query, ICollection<string> warnings)
    {
        var sb = new StringBuilder(query.Length);
        var removed = 0;
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (c is '\t' or '\n' or '\r')
            {
                sb.Append(' ');
            }
            else if (char.IsControl(c))
            {
                removed++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < query.Length && char.IsLowSurrogate(query[i + 1]))
            {
                sb.Append(c).Append(query[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append('\uFFFD');
            }
            else
            {
                sb.Append(c);
            }
        }

        if (removed > 0)
        {
            warnings.Add($"removed {removed} control character{(removed == 1 ? "" : "s")} from the query");
        }

        return sb.ToString();
    }

    /// <summary>A 0-based position in <see cref="Parsed"/> as a 1-based position in <see cref="Shown"/>.</summary>
    public int ToShown(int parsedIndex)
    {
        var shift = 0;
        foreach (var at in _insertions)
        {
            if (at + shift < parsedIndex)
            {
                shift++;
            }
        }

        return Math.Clamp(parsedIndex - shift, 0, Shown.Length) + 1;
    }

    /// <summary>Blanks out a stretch of <see cref="Parsed"/> (keeps positions where they are).</summary>
    public void Blank(int start, int end)
    {
        var chars = Parsed.ToCharArray();
        for (var i = Math.Max(0, start); i < Math.Min(chars.Length, end); i++)
        {
            chars[i] = ' ';
        }

        Parsed = new string(chars);
    }

    /// <summary>Adds text at the end of <see cref="Parsed"/> (closing a quote, a parenthesis or a range).</summary>
    public void Append(string text) => Parsed += text;

    /// <summary>Inserts text into <see cref="Parsed"/> before <paramref name="parsedIndex"/>; positions keep pointing into <see cref="Shown"/>.</summary>
    public void Insert(int parsedIndex, string text)
    {
        var shownIndex = ToShown(parsedIndex) - 1;
        Parsed = Parsed.Insert(parsedIndex, text);
        for (var i = 0; i < text.Length; i++)
        {
            _insertions.Add(shownIndex);
        }

        _insertions.Sort();
    }

    /// <summary>
    /// The tokens of <see cref="Parsed"/> as Lucene's own lexer reads them (iteratively: no nesting depth can overflow
    /// anything), up to a lexical error, which is returned instead of thrown.
    /// </summary>
    public List<Token> Tokens(out TokenMgrError? error)
    {
        var manager = new QueryParserTokenManager(new FastCharStream(new StringReader(Parsed)));
        var tokens = new List<Token>();
        error = null;
        try
        {
            while (true)
            {
                var token = manager.GetNextToken();
                tokens.Add(token);
                if (token.Kind == RegexpToken.EOF)
                {
                    break;
                }
            }
        }
        catch (TokenMgrError lexical)
        {
            error = lexical;
        }

        return tokens;
    }

    /// <summary>The column a lexical error names (0-based in <see cref="Parsed"/>), and whether it hit the end.</summary>
    public static (int Column, bool AtEnd, string After) Describe(TokenMgrError error)
    {
        var message = error.Message ?? "";
        var column = 0;
        var at = message.IndexOf("column ", StringComparison.Ordinal);
        if (at >= 0)
        {
            var digits = new string(message.Skip(at + 7).TakeWhile(char.IsAsciiDigit).ToArray());
            _ = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out column);
        }

        var after = "";
        var afterAt = message.IndexOf("after : \"", StringComparison.Ordinal);
        if (afterAt >= 0)
        {
            after = message[(afterAt + 9)..].TrimEnd('"');
        }

        return (column, message.Contains("<EOF>", StringComparison.Ordinal), after);
    }
}
