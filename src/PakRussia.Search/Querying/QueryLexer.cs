using System.Text;

namespace PakRussia.Search.Querying;

/// <summary>Kinds of query tokens.</summary>
public enum QueryTokenKind
{
    Term, Quoted, LParen, RParen, LBracket, RBracket, LBrace, RBrace, Colon, Caret, Tilde, Plus, Minus, Not, And, Or, End,
}

/// <summary>
/// One token. <see cref="Start"/> is 0-based; <see cref="Position"/> is 1-based. For terms <see cref="Text"/> has
/// escapes resolved and <see cref="Pattern"/> is the same text with only unescaped wildcards kept as <c>*</c>/<c>?</c>
/// (escaped ones become spaces). For <c>^</c> and <c>~</c>, <see cref="Number"/> is the number written right after.
/// </summary>
public sealed record QueryToken(QueryTokenKind Kind, int Start, int Length, string Raw, string Text)
{
    public int Position => Start + 1;
    public string Pattern { get; init; } = "";
    public bool HasWildcard { get; init; }
    public bool Escaped { get; init; }
    public bool Unterminated { get; init; }
    public string? Number { get; init; }

    public override string ToString() => $"{Kind}({Raw})@{Position}";
}

/// <summary>Splits a query into tokens (Lucene classic lexical rules, lenient about what it cannot read).</summary>
public static class QueryLexer
{
    private const string Breaks = "()[]{}\":^~";

    /// <summary>
    /// Tokenizes <paramref name="query"/>. Problems (a trailing backslash) go to <paramref name="problem"/>
    /// (position, strict reason, lenient warning), which throws in strict mode.
    /// </summary>
    public static List<QueryToken> Tokenize(string query, Action<int, string, string> problem)
    {
        var tokens = new List<QueryToken>();
        var i = 0;
        var n = query.Length;
        while (i < n)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '(': tokens.Add(Simple(QueryTokenKind.LParen, i++, "(")); continue;
                case ')': tokens.Add(Simple(QueryTokenKind.RParen, i++, ")")); continue;
                case '[': tokens.Add(Simple(QueryTokenKind.LBracket, i++, "[")); continue;
                case ']': tokens.Add(Simple(QueryTokenKind.RBracket, i++, "]")); continue;
                case '{': tokens.Add(Simple(QueryTokenKind.LBrace, i++, "{")); continue;
                case '}': tokens.Add(Simple(QueryTokenKind.RBrace, i++, "}")); continue;
                case ':': tokens.Add(Simple(QueryTokenKind.Colon, i++, ":")); continue;
                case '+': tokens.Add(Simple(QueryTokenKind.Plus, i++, "+")); continue;
                case '-': tokens.Add(Simple(QueryTokenKind.Minus, i++, "-")); continue;
                case '!': tokens.Add(Simple(QueryTokenKind.Not, i++, "!")); continue;
                case '^':
                case '~':
                {
                    i++;
                    while (i < n && (char.IsAsciiDigit(query[i]) || query[i] == '.'))
                    {
                        i++;
                    }

                    var number = i > start + 1 ? query.Substring(start + 1, i - start - 1) : null;
                    var kind = c == '^' ? QueryTokenKind.Caret : QueryTokenKind.Tilde;
                    tokens.Add(new QueryToken(kind, start, i - start, query[start..i], query[start..i]) { Number = number });
                    continue;
                }
                case '"':
                    tokens.Add(ReadQuoted(query, ref i));
                    continue;
            }

            if ((c == '&' || c == '|') && i + 1 < n && query[i + 1] == c)
            {
                tokens.Add(new QueryToken(c == '&' ? QueryTokenKind.And : QueryTokenKind.Or, i, 2, query.Substring(i, 2), query.Substring(i, 2)));
                i += 2;
                continue;
            }

            tokens.Add(ReadTerm(query, ref i, problem));
        }

        tokens.Add(new QueryToken(QueryTokenKind.End, n, 0, "", ""));
        return tokens;
    }

    private static QueryToken Simple(QueryTokenKind kind, int start, string raw) => new(kind, start, raw.Length, raw, raw);

    private static QueryToken ReadQuoted(string query, ref int i)
    {
        var start = i++;
        var sb = new StringBuilder();
        while (i < query.Length)
        {
            var c = query[i];
            if (c == '\\' && i + 1 < query.Length)
            {
                sb.Append(query[i + 1]);
                i += 2;
                continue;
            }

            if (c == '"')
            {
                i++;
                return new QueryToken(QueryTokenKind.Quoted, start, i - start, query[start..i], sb.ToString());
            }

            if (c != '\\')
            {
                sb.Append(c);
            }

            i++;
        }

        return new QueryToken(QueryTokenKind.Quoted, start, i - start, query[start..i], sb.ToString()) { Unterminated = true };
    }

    private static QueryToken ReadTerm(string query, ref int i, Action<int, string, string> problem)
    {
        var start = i;
        var text = new StringBuilder();
        var pattern = new StringBuilder();
        var wildcard = false;
        var escaped = false;
        while (i < query.Length)
        {
            var c = query[i];
            if (c == '\\')
            {
                if (i + 1 >= query.Length)
                {
                    problem(i + 1, "nothing to escape after '\\'", $"dropped the '\\' at {i + 1} with nothing after it");
                    i++;
                    break;
                }

                escaped = true;
                var next = query[i + 1];
                var len = char.IsHighSurrogate(next) && i + 2 < query.Length && char.IsLowSurrogate(query[i + 2]) ? 2 : 1;
                var s = query.Substring(i + 1, len);
                text.Append(s);
                pattern.Append(next is '*' or '?' ? " " : s);
                i += 1 + len;
                continue;
            }

            if (char.IsWhiteSpace(c) || Breaks.Contains(c))
            {
                break;
            }

            if (c is '*' or '?')
            {
                wildcard = true;
            }

            text.Append(c);
            pattern.Append(c);
            i++;
        }

        var raw = query[start..i];
        var value = text.ToString();
        var kind = !escaped && value switch { "AND" => true, "OR" => true, "NOT" => true, _ => false }
            ? value switch { "AND" => QueryTokenKind.And, "OR" => QueryTokenKind.Or, _ => QueryTokenKind.Not }
            : QueryTokenKind.Term;
        return new QueryToken(kind, start, i - start, raw, value) { Pattern = pattern.ToString(), HasWildcard = wildcard, Escaped = escaped };
    }
}
