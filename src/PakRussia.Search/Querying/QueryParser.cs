using System.Globalization;
using System.Text;
using PakRussia.Search.Querying.Nodes;

namespace PakRussia.Search.Querying;

/// <summary>What <see cref="QueryParser"/> read.</summary>
/// <param name="Query">The query after control characters were removed (positions refer to it).</param>
/// <param name="Root">The tree; null when nothing searchable was left.</param>
/// <param name="Warnings">What lenient mode repaired.</param>
/// <param name="HasExplicitOperators">True when AND, OR, &amp;&amp;, || or + appeared (no OR fallback then).</param>
public sealed record ParseResult(string Query, QueryNode? Root, IReadOnlyList<string> Warnings, bool HasExplicitOperators);

/// <summary>
/// Recursive-descent parser for Lucene's classic query syntax. Precedence, tightest first:
/// modifiers (NOT ! - +) &gt; AND (&amp;&amp;) &gt; OR (||) &gt; juxtaposition, which uses the default operator
/// (AND, or OR with <see cref="QueryOptions.AnyWord"/>). So <c>a OR b c</c> is <c>(a OR b) AND c</c> and
/// <c>a AND b OR c</c> is <c>(a AND b) OR c</c>. A negated operand of OR is an exclusion, as in Lucene:
/// <c>a OR NOT b</c> = <c>a NOT b</c>. Nesting depth is checked before every recursive step.
/// </summary>
public sealed class QueryParser
{
    private enum Modifier { None, Required, Prohibited }

    private readonly record struct Item(QueryNode Node, Modifier Modifier);

    private readonly string _query;
    private readonly bool _strict;
    private readonly QueryLimits _limits;
    private readonly Occur _defaultOccur;
    private readonly List<string> _warnings;
    private List<QueryToken> _tokens = [];
    private int _pos;
    private bool _explicit;

    private QueryParser(string query, bool strict, QueryLimits limits, bool anyWord, List<string> warnings)
    {
        _query = query;
        _strict = strict;
        _limits = limits;
        _defaultOccur = anyWord ? Occur.Should : Occur.Must;
        _warnings = warnings;
    }

    /// <summary>
    /// Parses <paramref name="query"/>. Throws <see cref="QueryLimitException"/> when a limit is exceeded (both
    /// modes) and, in strict mode, <see cref="QueryParseException"/> at the first malformed spot.
    /// </summary>
    public static ParseResult Parse(string? query, bool strict = false, QueryLimits? limits = null, bool anyWord = false)
    {
        limits ??= QueryLimits.Default;
        query ??= "";
        if (query.Length > limits.MaxLength)
        {
            throw new QueryLimitException(Shorten(query), limits.MaxLength + 1, "length", limits.MaxLength,
                $"the query is {query.Length:N0} characters long; the limit is {limits.MaxLength:N0}");
        }

        var warnings = new List<string>();
        var clean = RemoveControlCharacters(query, warnings);
        var parser = new QueryParser(clean, strict, limits, anyWord, warnings);
        parser._tokens = QueryLexer.Tokenize(clean, parser.Problem);
        parser.CheckLimits();
        var root = parser.ParseSequence(0, inGroup: false);
        return new ParseResult(clean, root, warnings, parser._explicit);
    }

    private static string Shorten(string query) => query.Length <= 60 ? query : query[..60] + "…";

    internal static string RemoveControlCharacters(string query, List<string> warnings)
    {
        StringBuilder? sb = null;
        var removed = 0;
        for (var i = 0; i < query.Length; i++)
        {
            if (TextFold.IsRemovable(query, i, out var whitespace))
            {
                sb ??= new StringBuilder(query, 0, i, query.Length);
                removed++;
                continue;
            }

            if (whitespace)
            {
                sb ??= new StringBuilder(query, 0, i, query.Length);
                sb.Append(' ');
                continue;
            }

            sb?.Append(query[i]);
        }

        if (removed > 0)
        {
            warnings.Add(removed == 1
                ? "removed a control character from the query"
                : $"removed {removed} control characters from the query");
        }

        return sb?.ToString() ?? query;
    }

    /// <summary>Counts clauses and the deepest parenthesis nesting on the flat token list: no recursion.</summary>
    private void CheckLimits()
    {
        int depth = 0, clauses = 0, inRange = 0;
        foreach (var t in _tokens)
        {
            switch (t.Kind)
            {
                case QueryTokenKind.LParen:
                    if (++depth > _limits.MaxDepth)
                    {
                        throw new QueryLimitException(_query, t.Position, "depth", _limits.MaxDepth,
                            $"parentheses nested more than {_limits.MaxDepth} deep (at {t.Position})");
                    }

                    break;
                case QueryTokenKind.RParen:
                    depth = Math.Max(0, depth - 1);
                    break;
                case QueryTokenKind.LBracket or QueryTokenKind.LBrace:
                    inRange = 1;
                    break;
                case QueryTokenKind.RBracket or QueryTokenKind.RBrace:
                    inRange = 0;
                    break;
                case QueryTokenKind.Term or QueryTokenKind.Quoted when inRange == 0:
                    if (++clauses > _limits.MaxClauses)
                    {
                        throw new QueryLimitException(_query, t.Position, "clauses", _limits.MaxClauses,
                            $"more than {_limits.MaxClauses} words or phrases (at {t.Position})");
                    }

                    break;
            }
        }
    }

    private void CheckDepth(int depth, QueryToken at)
    {
        if (depth > _limits.MaxDepth)
        {
            throw new QueryLimitException(_query, at.Position, "depth", _limits.MaxDepth,
                $"groups and fields nested more than {_limits.MaxDepth} deep (at {at.Position})");
        }
    }

    private void Problem(int position, string reason, string warning)
    {
        if (_strict)
        {
            throw new QueryParseException(_query, position, reason);
        }

        _warnings.Add(warning);
    }

    private QueryToken Cur => _tokens[_pos];

    private QueryToken Peek => _tokens[Math.Min(_pos + 1, _tokens.Count - 1)];

    private int EndPosition => _query.Length + 1;

    private void Advance()
    {
        if (_pos < _tokens.Count - 1)
        {
            _pos++;
        }
    }

    private static bool StartsPrimary(QueryToken t) => t.Kind is QueryTokenKind.Term or QueryTokenKind.Quoted
        or QueryTokenKind.LParen or QueryTokenKind.LBracket or QueryTokenKind.LBrace;

    private static bool StartsClause(QueryToken t) => StartsPrimary(t) || t.Kind is QueryTokenKind.Not
        or QueryTokenKind.Minus or QueryTokenKind.Plus;

    // sequence := or+            (juxtaposition: the default operator)
    private QueryNode? ParseSequence(int depth, bool inGroup)
    {
        var items = new List<Item>();
        while (true)
        {
            SkipStray(inGroup);
            if (Cur.Kind == QueryTokenKind.End || (inGroup && Cur.Kind == QueryTokenKind.RParen))
            {
                break;
            }

            var before = _pos;
            if (ParseOr(depth) is { } item)
            {
                items.Add(item);
            }

            if (_pos == before)
            {
                Advance(); // never loop without progress
            }
        }

        if (items.Count == 0)
        {
            return null;
        }

        if (items.Count == 1)
        {
            return items[0].Modifier == Modifier.Prohibited
                ? new BooleanNode([new BooleanClause(Occur.MustNot, items[0].Node)], items[0].Node.Position)
                : items[0].Node;
        }

        var clauses = items.Select(i => new BooleanClause(i.Modifier switch
        {
            Modifier.Prohibited => Occur.MustNot,
            Modifier.Required => Occur.Must,
            // filters always restrict, whatever the default operator
            _ => i.Node is FieldNode { Kind: FieldKind.Metadata } ? Occur.Must : _defaultOccur,
        }, i.Node)).ToList();
        return new BooleanNode(clauses, items[0].Node.Position);
    }

    private void SkipStray(bool inGroup)
    {
        while (Cur.Kind != QueryTokenKind.End && !(inGroup && Cur.Kind == QueryTokenKind.RParen) && !StartsClause(Cur))
        {
            var t = Cur;
            switch (t.Kind)
            {
                case QueryTokenKind.RParen:
                    Problem(t.Position, "')' without a matching '('", $"dropped the ')' at {t.Position} that had no '('");
                    break;
                case QueryTokenKind.And or QueryTokenKind.Or:
                    Problem(t.Position, $"nothing before '{t.Raw}'", $"dropped '{t.Raw}' with nothing before it");
                    break;
                case QueryTokenKind.Caret:
                    Problem(t.Position, "'^' with nothing to boost", $"dropped the '{t.Raw}' at {t.Position} with nothing to boost");
                    break;
                case QueryTokenKind.Tilde:
                    Problem(t.Position, "'~' with no word before it", $"dropped the '{t.Raw}' at {t.Position} with no word before it");
                    break;
                default:
                    Problem(t.Position, $"unexpected '{t.Raw}'", $"dropped the stray '{t.Raw}' at {t.Position}");
                    break;
            }

            Advance();
        }
    }

    // or := and (OR and)*
    private Item? ParseOr(int depth)
    {
        var operands = new List<Item>();
        if (ParseAnd(depth) is { } first)
        {
            operands.Add(first);
        }

        while (Cur.Kind == QueryTokenKind.Or)
        {
            var op = Cur;
            _explicit = true;
            Advance();
            if (!OperandFollows(op))
            {
                break;
            }

            if (ParseAnd(depth) is { } next)
            {
                operands.Add(next);
            }
        }

        if (operands.Count <= 1)
        {
            return operands.Count == 1 ? operands[0] : null;
        }

        var clauses = new List<BooleanClause>();
        foreach (var operand in operands)
        {
            if (operand.Modifier == Modifier.Prohibited)
            {
                _warnings.Add($"read 'OR NOT {operand.Node}' as an exclusion, as Lucene does: FTS5 cannot OR a negation");
            }

            clauses.Add(new BooleanClause(operand.Modifier switch
            {
                Modifier.Prohibited => Occur.MustNot,
                Modifier.Required => Occur.Must,
                _ => Occur.Should,
            }, operand.Node));
        }

        return new Item(new BooleanNode(clauses, operands[0].Node.Position), Modifier.None);
    }

    // and := unary (AND unary)*
    private Item? ParseAnd(int depth)
    {
        var operands = new List<Item>();
        if (ParseUnary(depth) is { } first)
        {
            operands.Add(first);
        }

        while (Cur.Kind == QueryTokenKind.And)
        {
            var op = Cur;
            _explicit = true;
            Advance();
            if (!OperandFollows(op))
            {
                break;
            }

            if (ParseUnary(depth) is { } next)
            {
                operands.Add(next);
            }
        }

        if (operands.Count <= 1)
        {
            return operands.Count == 1 ? operands[0] : null;
        }

        var clauses = operands.Select(o => new BooleanClause(o.Modifier == Modifier.Prohibited ? Occur.MustNot : Occur.Must, o.Node)).ToList();
        return new Item(new BooleanNode(clauses, operands[0].Node.Position), Modifier.None);
    }

    /// <summary>After a binary operator: skips doubled operators and reports a missing right operand.</summary>
    private bool OperandFollows(QueryToken op)
    {
        while (Cur.Kind is QueryTokenKind.And or QueryTokenKind.Or)
        {
            Problem(Cur.Position, $"'{Cur.Raw}' right after '{op.Raw}'", $"dropped '{Cur.Raw}' right after '{op.Raw}'");
            Advance();
        }

        if (!StartsClause(Cur))
        {
            Problem(Cur.Kind == QueryTokenKind.End ? EndPosition : Cur.Position, $"nothing after '{op.Raw}'",
                $"dropped '{op.Raw}' with nothing after it");
            return false;
        }

        return true;
    }

    // unary := (NOT | ! | - | +)* clause
    private Item? ParseUnary(int depth)
    {
        var negations = 0;
        var required = false;
        QueryToken? last = null;
        while (Cur.Kind is QueryTokenKind.Not or QueryTokenKind.Minus or QueryTokenKind.Plus)
        {
            if (last != null)
            {
                Problem(Cur.Position, $"'{Cur.Raw}' right after '{last.Raw}'", $"read '{last.Raw} {Cur.Raw}' as one operator");
            }

            if (Cur.Kind == QueryTokenKind.Plus)
            {
                required = true;
                _explicit = true;
            }
            else
            {
                negations++;
            }

            last = Cur;
            Advance();
        }

        if (last != null && !StartsPrimary(Cur))
        {
            Problem(Cur.Kind == QueryTokenKind.End ? EndPosition : Cur.Position, $"nothing after '{last.Raw}'",
                $"dropped '{last.Raw}' with nothing after it");
            return null;
        }

        if (negations > 1 && negations % 2 == 0)
        {
            _warnings.Add("two negations cancel out");
        }

        var node = ParseClause(depth);
        if (node == null)
        {
            return null;
        }

        var modifier = negations % 2 == 1 ? Modifier.Prohibited : required ? Modifier.Required : Modifier.None;
        return new Item(node, modifier);
    }

    // clause := [field ':'] primary ('~' n | '^' n)*
    private QueryNode? ParseClause(int depth)
    {
        string? field = null;
        QueryToken? fieldToken = null;
        if (Cur.Kind == QueryTokenKind.Term && Peek.Kind == QueryTokenKind.Colon)
        {
            var name = Cur;
            var lower = name.Text.ToLowerInvariant();
            if (name.Escaped || name.HasWildcard || !QueryFields.IsKnown(lower))
            {
                Problem(name.Position, $"unknown field '{name.Text}' (fields are {QueryFields.AllNames})",
                    $"'{name.Text}:' is not a field ({QueryFields.AllNames}); searched for the word '{name.Text}'");
                Advance();
                Advance();
                return MakeTerm(name);
            }

            Advance();
            Advance();
            CheckDepth(depth + 1, name);
            if (!StartsPrimary(Cur))
            {
                Problem(Cur.Kind == QueryTokenKind.End ? EndPosition : Cur.Position, $"nothing after '{name.Raw}:'",
                    $"dropped '{name.Raw}:' with nothing after it");
                return null;
            }

            field = lower;
            fieldToken = name;
        }

        var primary = ParsePrimary(field == null ? depth : depth + 1, field);
        double? boost = null;
        while (Cur.Kind is QueryTokenKind.Tilde or QueryTokenKind.Caret)
        {
            var t = Cur;
            Advance();
            if (primary == null)
            {
                continue;
            }

            if (t.Kind == QueryTokenKind.Tilde)
            {
                primary = ApplyTilde(primary, t);
            }
            else if (ReadBoost(t) is { } b)
            {
                if (boost != null)
                {
                    Problem(t.Position, "a second boost", $"ignored the second boost '{t.Raw}'");
                }
                else
                {
                    boost = b;
                }
            }
        }

        if (primary == null)
        {
            return null;
        }

        QueryNode node = field != null ? new FieldNode(field, primary, fieldToken!.Position) : primary;
        return boost is { } value ? node with { Boost = value } : node;
    }

    private double? ReadBoost(QueryToken t)
    {
        if (t.Number == null || !double.TryParse(t.Number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var b)
            || b <= 0 || b > 1000)
        {
            Problem(t.Position, $"'{t.Raw}' is not a boost (write ^2 or ^0.5, up to 1000)", $"dropped the '{t.Raw}' at {t.Position}: not a boost");
            return null;
        }

        return b;
    }

    private QueryNode? ApplyTilde(QueryNode node, QueryToken t)
    {
        int? number = null;
        if (t.Number != null)
        {
            if (!double.TryParse(t.Number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
            {
                Problem(t.Position, $"'{t.Raw}' is not a number", $"ignored '{t.Raw}': not a number");
                return node;
            }

            if (d != Math.Floor(d))
            {
                Problem(t.Position, $"'{t.Raw}': the distance must be a whole number", $"read '{t.Raw}' as '~'");
            }
            else
            {
                number = d > int.MaxValue ? int.MaxValue : (int)d;
            }
        }

        switch (node)
        {
            case TermNode term:
                if (number is > 2)
                {
                    Problem(t.Position, "a fuzzy distance must be 0, 1 or 2", $"used '~2' for '{term.Text}~{number}' (the largest distance)");
                    number = 2;
                }

                return number == 0 ? term : new FuzzyNode(term.Text, term.Position, number) { Boost = term.Boost };
            case PhraseNode phrase when phrase.Slop == null:
                if (number == null)
                {
                    Problem(t.Position, "'~' after a phrase needs a number (\"a b\"~5)", $"ignored the '~' after {phrase}: it needs a number");
                    return phrase;
                }

                if (number > _limits.MaxSlop)
                {
                    _warnings.Add($"lowered the proximity ~{number} to ~{_limits.MaxSlop}");
                    number = _limits.MaxSlop;
                }

                return phrase with { Slop = number };
            default:
                Problem(t.Position, $"'~' cannot follow {node}", $"ignored the '{t.Raw}' after {node}");
                return node;
        }
    }

    // primary := term | "phrase" | '(' sequence ')' | range
    private QueryNode? ParsePrimary(int depth, string? field)
    {
        var t = Cur;
        switch (t.Kind)
        {
            case QueryTokenKind.Term:
                Advance();
                return MakeTerm(t);
            case QueryTokenKind.Quoted:
                Advance();
                if (t.Unterminated)
                {
                    Problem(EndPosition, $"missing '\"' (the quote opened at {t.Position} is not closed)", $"closed the quote opened at {t.Position}");
                }

                return new PhraseNode(t.Text, t.Position);
            case QueryTokenKind.LParen:
            {
                CheckDepth(depth + 1, t);
                Advance();
                var inner = ParseSequence(depth + 1, inGroup: true);
                if (Cur.Kind == QueryTokenKind.RParen)
                {
                    Advance();
                }
                else
                {
                    Problem(EndPosition, $"missing ')' (the '(' at {t.Position} is not closed)", $"closed the parenthesis opened at {t.Position}");
                }

                if (inner == null)
                {
                    Problem(t.Position, "nothing inside the parentheses", $"dropped the empty group at {t.Position}");
                }

                return inner;
            }
            case QueryTokenKind.LBracket or QueryTokenKind.LBrace:
                return ParseRange(field);
            default:
                return null;
        }
    }

    private QueryNode? MakeTerm(QueryToken t)
    {
        if (!t.HasWildcard)
        {
            return new TermNode(t.Text, t.Position);
        }

        var pattern = t.Pattern;
        var first = pattern.IndexOfAny(['*', '?']);
        if (TextFold.TrailingTokenLength(pattern[..first]) < _limits.MinPrefixLength)
        {
            Problem(t.Position, $"'{t.Raw}' needs at least {_limits.MinPrefixLength} letters before '*' or '?'",
                $"dropped '{t.Raw}': a wildcard needs at least {_limits.MinPrefixLength} letters before '*' or '?'");
            return null;
        }

        var stem = pattern.TrimEnd('*');
        return stem.IndexOfAny(['*', '?']) < 0
            ? new PrefixNode(stem, t.Position)
            : new WildcardNode(pattern, t.Position);
    }

    private QueryNode? ParseRange(string? field)
    {
        var open = Cur;
        var closeChar = open.Kind == QueryTokenKind.LBracket ? "]" : "}";
        Advance();
        var bounds = new List<QueryToken>();
        while (Cur.Kind is QueryTokenKind.Term or QueryTokenKind.Quoted or QueryTokenKind.Minus or QueryTokenKind.Plus)
        {
            if (Cur.Kind is QueryTokenKind.Term or QueryTokenKind.Quoted)
            {
                bounds.Add(Cur);
            }

            Advance();
        }

        bool upperInclusive;
        if (Cur.Kind is QueryTokenKind.RBracket or QueryTokenKind.RBrace)
        {
            upperInclusive = Cur.Kind == QueryTokenKind.RBracket;
            Advance();
        }
        else
        {
            Problem(Cur.Kind == QueryTokenKind.End ? EndPosition : Cur.Position, $"missing '{closeChar}'",
                $"closed the range opened at {open.Position} with '{closeChar}'");
            upperInclusive = closeChar == "]";
        }

        if (field == null || !QueryFields.TakesRange(field))
        {
            Problem(open.Position, field == null ? "a range needs a field (year: or date:)" : $"{field}: does not take a range (only year: and date: do)",
                $"read the range at {open.Position} as words: ranges need year: or date:");
            var words = bounds.Where(b => !(b.Kind == QueryTokenKind.Term && !b.Escaped && b.Text is "TO" or "*"))
                .Select(b => b.Kind == QueryTokenKind.Quoted ? new PhraseNode(b.Text, b.Position) : MakeTerm(b))
                .OfType<QueryNode>().ToList();
            return words.Count switch
            {
                0 => null,
                1 => words[0],
                _ => new BooleanNode(words.Select(w => new BooleanClause(_defaultOccur, w)).ToList(), words[0].Position),
            };
        }

        var to = bounds.FindIndex(b => b.Kind == QueryTokenKind.Term && !b.Escaped && b.Text == "TO");
        QueryToken? lower, upper;
        if (to < 0)
        {
            if (bounds.Count == 0)
            {
                Problem(open.Position, "empty range", $"dropped the empty range at {open.Position}");
                return null;
            }

            Problem(bounds.Count == 1 ? bounds[0].Position : bounds[1].Position, "missing 'TO' in the range",
                bounds.Count == 1 ? $"read [{bounds[0].Text}] as [{bounds[0].Text} TO {bounds[0].Text}]" : $"read the range at {open.Position} as [{bounds[0].Text} TO {bounds[^1].Text}]");
            lower = bounds[0];
            upper = bounds[^1];
        }
        else
        {
            lower = to > 0 ? bounds[to - 1] : null;
            upper = to + 1 < bounds.Count ? bounds[to + 1] : null;
            if (lower == null)
            {
                Problem(bounds[to].Position, "missing lower bound before 'TO'", $"read the missing lower bound at {open.Position} as '*'");
            }

            if (upper == null)
            {
                Problem(bounds[to].Start + bounds[to].Length + 1, "missing upper bound after 'TO'",
                    $"read the missing upper bound of the range at {open.Position} as '*'");
            }

            if (to > 1 || bounds.Count > to + 2)
            {
                Problem(bounds[to > 1 ? 0 : to + 2].Position, "extra words in the range", $"ignored extra words in the range at {open.Position}");
            }
        }

        return new RangeNode(BoundText(lower), open.Kind == QueryTokenKind.LBracket, BoundText(upper), upperInclusive, open.Position);
    }

    private static string? BoundText(QueryToken? t) =>
        t == null || (t.Kind == QueryTokenKind.Term && !t.Escaped && t.Text == "*") ? null : t.Text;
}
