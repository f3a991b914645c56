using Lucene.Net.QueryParsers.Classic;

namespace PakRussia.Search.Querying;

/// <summary>
/// Reads the failures of Lucene's classic parser (<see cref="ParseException"/> with the token it stopped at and what it
/// expected, or <see cref="TokenMgrError"/> from its lexer) as a position and a reason a person understands, and, in
/// lenient mode, edits the query to get past them (closing what was left open, dropping what stands alone). No text
/// of the library's own reaches a user.
/// </summary>
internal static class ParseProblems
{
    /// <summary>A parser failure and the token list it happened on.</summary>
    public sealed record Failure(Exception Error, IReadOnlyList<Token> Tokens);

    /// <summary>The 1-based position in the shown query, and the reason.</summary>
    public static (int Position, string Reason) Describe(QueryText text, Failure failure)
    {
        switch (failure.Error)
        {
            case TokenMgrError lexical:
            {
                var (column, atEnd, after) = QueryText.Describe(lexical);
                if (atEnd && OpenQuote(text.Parsed) is { } quote)
                {
                    return (text.Shown.Length + 1, "missing '\"'");
                }

                if (atEnd && EndsWithLoneBackslash(text.Parsed))
                {
                    return (text.ToShown(text.Parsed.Length - 1), "nothing to escape after '\\'");
                }

                // The lexer counts columns from 1.
                return (text.ToShown(Math.Clamp(column - 1, 0, text.Parsed.Length)), $"unexpected '{CharAt(text.Parsed, column - 1)}'");
            }

            case ParseException { CurrentToken: { } current } parse:
            {
                var offending = current.Next ?? current;
                var previous = IsStart(current) ? null : current;
                var expected = Expected(parse);
                if (offending.Kind == RegexpToken.EOF)
                {
                    return EndProblem(text, failure.Tokens, previous, expected);
                }

                var at = text.ToShown(offending.BeginColumn);
                var shown = Image(text, offending);
                return offending.Kind switch
                {
                    RegexpToken.RPAREN when previous?.Kind == RegexpToken.LPAREN => (text.ToShown(previous.BeginColumn), "nothing inside the parentheses"),
                    RegexpToken.RPAREN => (at, "')' without a matching '('"),
                    RegexpToken.AND or RegexpToken.OR or RegexpToken.NOT when previous is null => (at, $"nothing before '{shown}'"),
                    RegexpToken.AND or RegexpToken.OR or RegexpToken.NOT when IsOperator(previous) => (at, $"'{shown}' right after '{Image(text, previous!)}'"),
                    RegexpToken.CARAT => (at, "'^' with nothing to boost"),
                    RegexpToken.FUZZY_SLOP => (at, "'~' with no word before it"),
                    RegexpToken.COLON => (at, "unexpected ':' (a field name is one word before ':')"),
                    RegexpToken.RANGEIN_END or RegexpToken.RANGEEX_END => (at, "missing upper bound"),
                    _ => (at, $"unexpected '{shown}'"),
                };
            }

            default:
                return (1, "the query cannot be read as written");
        }
    }

    private static (int, string) EndProblem(QueryText text, IReadOnlyList<Token> tokens, Token? previous, ISet<int> expected)
    {
        var end = text.Shown.Length + 1;
        if (expected.Contains(RegexpToken.RPAREN))
        {
            return (end, "missing ')'");
        }

        if (expected.Contains(RegexpToken.RANGEIN_END) || expected.Contains(RegexpToken.RANGEEX_END))
        {
            return (end, "missing ']'");
        }

        if (expected.Contains(RegexpToken.RANGE_GOOP))
        {
            return (end, "missing ']'");
        }

        return previous?.Kind switch
        {
            RegexpToken.AND or RegexpToken.OR or RegexpToken.NOT or RegexpToken.PLUS or RegexpToken.MINUS => (end, $"nothing after '{Image(text, previous)}'"),
            RegexpToken.COLON => (end, $"nothing after '{FieldBefore(text, tokens, previous)}:'"),
            RegexpToken.CARAT => (text.ToShown(previous.BeginColumn), "not a boost: '^' needs a number after it"),
            RegexpToken.LPAREN => (end, "nothing after '('"),
            _ => (end, "the query ends too early"),
        };
    }

    /// <summary>
    /// Edits <paramref name="text"/> to get past <paramref name="failure"/>; returns the warning to show ("" for a step
    /// that needs none), or null when no repair applies.
    /// </summary>
    public static string? Repair(QueryText text, Failure failure)
    {
        switch (failure.Error)
        {
            case TokenMgrError lexical:
            {
                var (column, atEnd, after) = QueryText.Describe(lexical);
                if (atEnd && OpenQuote(text.Parsed) is { } quote)
                {
                    text.Append("\"");
                    return $"closed the quote opened at {text.ToShown(quote)}";
                }

                if (atEnd && EndsWithLoneBackslash(text.Parsed))
                {
                    var at = text.Parsed.Length - 1;
                    text.Blank(at, at + 1);
                    return $"dropped the '\\' at {text.ToShown(at)}: nothing to escape";
                }

                var index = column - 1; // the lexer counts columns from 1
                if (index >= 0 && index < text.Parsed.Length)
                {
                    var c = text.Parsed[index];
                    text.Blank(index, index + 1);
                    return $"dropped the '{c}' at {text.ToShown(index)}";
                }

                return null;
            }

            case ParseException { CurrentToken: { } current } parse:
            {
                var offending = current.Next ?? current;
                var previous = IsStart(current) ? null : current;
                if (offending.Kind == RegexpToken.EOF)
                {
                    return RepairEnd(text, failure.Tokens, previous, Expected(parse));
                }

                var at = text.ToShown(offending.BeginColumn);
                var shown = Image(text, offending);
                switch (offending.Kind)
                {
                    case RegexpToken.RPAREN when previous?.Kind == RegexpToken.LPAREN:
                        Blank(text, previous);
                        Blank(text, offending);
                        return $"dropped the empty parentheses at {text.ToShown(previous.BeginColumn)}";
                    case RegexpToken.RPAREN:
                        Blank(text, offending);
                        return $"dropped the ')' at {at} that had no '('";
                    case RegexpToken.AND or RegexpToken.OR or RegexpToken.NOT when previous is null:
                        Blank(text, offending);
                        return $"dropped '{shown}' with nothing before it";
                    case RegexpToken.NOT when previous?.Kind == RegexpToken.NOT:
                        Blank(text, previous);
                        Blank(text, offending);
                        return $"read '{Image(text, previous)} {shown}' as no negation (two negations cancel)";
                    case RegexpToken.AND or RegexpToken.OR or RegexpToken.NOT when IsOperator(previous):
                        Blank(text, offending);
                        return $"dropped '{shown}' right after '{Image(text, previous!)}'";
                    case RegexpToken.RANGEIN_END or RegexpToken.RANGEEX_END when previous?.Kind is RegexpToken.RANGE_GOOP or RegexpToken.RANGE_QUOTED:
                        // [2014] means the one value: [2014 TO 2014].
                        text.Insert(offending.BeginColumn, " TO " + previous.Image);
                        return $"read the range [{Image(text, previous)}] as [{previous.Image} TO {previous.Image}]";
                    case RegexpToken.CARAT:
                        var boost = Next(failure.Tokens, offending) is { Kind: RegexpToken.NUMBER } number ? number : null;
                        Blank(text, offending);
                        if (boost is not null)
                        {
                            Blank(text, boost);
                        }

                        return $"dropped the '^{boost?.Image}' at {at} with nothing to boost";
                    default:
                        Blank(text, offending);
                        return $"dropped the '{shown}' at {at}";
                }
            }

            default:
                return null;
        }
    }

    private static string? RepairEnd(QueryText text, IReadOnlyList<Token> tokens, Token? previous, ISet<int> expected)
    {
        if (expected.Contains(RegexpToken.RPAREN))
        {
            var open = UnclosedParenthesis(tokens);
            text.Append(")");
            return open is null ? "closed a parenthesis" : $"closed the parenthesis opened at {text.ToShown(open.BeginColumn)}";
        }

        if (expected.Contains(RegexpToken.RANGEIN_END) || expected.Contains(RegexpToken.RANGEEX_END))
        {
            var start = tokens.LastOrDefault(t => t.Kind is RegexpToken.RANGEIN_START or RegexpToken.RANGEEX_START);
            text.Append("]");
            return start is null ? "closed a range with ']'" : $"closed the range opened at {text.ToShown(start.BeginColumn)} with ']'";
        }

        if (expected.Contains(RegexpToken.RANGE_GOOP))
        {
            text.Append(" *"); // an open bound; the next step closes the range and says so
            return "";
        }

        switch (previous?.Kind)
        {
            case RegexpToken.AND or RegexpToken.OR or RegexpToken.NOT or RegexpToken.PLUS or RegexpToken.MINUS:
                var shown = Image(text, previous);
                Blank(text, previous);
                return $"dropped '{shown}' with nothing after it";
            case RegexpToken.COLON:
                var field = FieldTokenBefore(tokens, previous);
                var name = field is null ? "" : Image(text, field);
                if (field is not null)
                {
                    Blank(text, field);
                }

                Blank(text, previous);
                return $"dropped '{name}:' with nothing after it";
            case RegexpToken.CARAT:
                Blank(text, previous);
                return $"dropped the '^' at {text.ToShown(previous.BeginColumn)}: not a boost";
            case RegexpToken.LPAREN:
                Blank(text, previous);
                return $"dropped the '(' at {text.ToShown(previous.BeginColumn)} with nothing after it";
            default:
                return null;
        }
    }

    private static bool EndsWithLoneBackslash(string parsed)
    {
        var count = 0;
        for (var i = parsed.Length - 1; i >= 0 && parsed[i] == '\\'; i--)
        {
            count++;
        }

        return count % 2 == 1;
    }

    /// <summary>The index in <paramref name="parsed"/> of a quote left open, or null.</summary>
    public static int? OpenQuote(string parsed)
    {
        int? open = null;
        var escaped = false;
        for (var i = 0; i < parsed.Length; i++)
        {
            var c = parsed[i];
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
                open = open is null ? i : null;
            }
        }

        return open;
    }

    private static Token? UnclosedParenthesis(IReadOnlyList<Token> tokens)
    {
        var open = new Stack<Token>();
        foreach (var token in tokens)
        {
            if (token.Kind == RegexpToken.LPAREN)
            {
                open.Push(token);
            }
            else if (token.Kind == RegexpToken.RPAREN && open.Count > 0)
            {
                open.Pop();
            }
        }

        return open.Count > 0 ? open.Peek() : null;
    }

    private static ISet<int> Expected(ParseException parse)
    {
        var kinds = new HashSet<int>();
        foreach (var sequence in parse.ExpectedTokenSequences ?? [])
        {
            if (sequence is { Length: > 0 })
            {
                kinds.Add(sequence[0]);
            }
        }

        return kinds;
    }

    /// <summary>JavaCC's token before the first real one has no image.</summary>
    private static bool IsStart(Token token) => token.Image is null && token.Kind == RegexpToken.EOF;

    private static bool IsOperator(Token? token) => token?.Kind is RegexpToken.AND or RegexpToken.OR or RegexpToken.NOT;

    private static Token? Next(IReadOnlyList<Token> tokens, Token token)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].BeginColumn == token.BeginColumn && tokens[i].Kind == token.Kind)
            {
                return tokens[i + 1];
            }
        }

        return token.Next;
    }

    private static Token? FieldTokenBefore(IReadOnlyList<Token> tokens, Token colon)
    {
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].BeginColumn == colon.BeginColumn && tokens[i].Kind == RegexpToken.COLON)
            {
                return tokens[i - 1].Kind == RegexpToken.TERM ? tokens[i - 1] : null;
            }
        }

        return null;
    }

    private static string FieldBefore(QueryText text, IReadOnlyList<Token> tokens, Token colon) =>
        FieldTokenBefore(tokens, colon) is { } field ? Image(text, field) : "";

    private static void Blank(QueryText text, Token token) => text.Blank(token.BeginColumn, End(token));

    /// <summary>The index just after the token's last character in the parsed text.</summary>
    internal static int End(Token token) => token.BeginColumn + (token.Image?.Length ?? 0);

    private static string Image(QueryText text, Token token)
    {
        var start = text.ToShown(token.BeginColumn) - 1;
        var end = text.ToShown(End(token)) - 1;
        return end > start ? text.Shown[start..end] : token.Image ?? "";
    }

    private static string CharAt(string text, int index) => index >= 0 && index < text.Length ? text[index].ToString() : "end of the query";
}
