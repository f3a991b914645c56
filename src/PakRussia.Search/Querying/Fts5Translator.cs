using System.Globalization;
using PakRussia.Search.Querying.Nodes;

namespace PakRussia.Search.Querying;

/// <summary>What <see cref="Fts5Translator"/> produced; see <see cref="CompiledQuery"/> for the meaning of each part.</summary>
public sealed record Translation
{
    public string? Match { get; init; }
    public string? Fallback { get; init; }
    public string? ExcludeOnly { get; init; }
    public IReadOnlyList<MetadataFilter> Filters { get; init; } = [];
    public ColumnWeights? Weights { get; init; }
    public IReadOnlyList<string> Words { get; init; } = [];
    public IReadOnlyList<string> StopWordsDropped { get; init; } = [];
    public IReadOnlyList<string> Expansions { get; init; } = [];
}

/// <summary>
/// Turns a parse tree into an FTS5 MATCH expression plus SQL metadata filters. Every word is emitted as a quoted
/// FTS5 string, so no user text can reach FTS5 as syntax.
/// <para>Rules:</para>
/// <list type="bullet">
/// <item>Must clauses are joined with AND, MustNot clauses with <c>NOT</c> (FTS5's binary NOT). Should clauses are
/// joined with OR; next to Must clauses they are optional (Lucene), emitted as <c>M OR (M AND S)</c> so they
/// rank without changing which rows match.</item>
/// <item>A query with only negations yields <see cref="Translation.ExcludeOnly"/>: all passages except those.</item>
/// <item>Metadata fields become <see cref="MetadataFilter"/>s, which the searcher ANDs with everything. That is only
/// faithful when every clause above the field is a Must (or the field is directly negated: <c>-source:forum</c>).
/// Anywhere else (under OR, or negated together with words) strict mode throws and lenient mode applies the filter
/// as a plain AND filter with a warning. Same-field filters ORed together (<c>source:forum OR source:news</c>)
/// merge into one filter with several values.</item>
/// <item>A wildcard or fuzzy term with no expansion matches nothing: it sinks an AND and vanishes from an OR.</item>
/// </list>
/// </summary>
public sealed class Fts5Translator
{
    /// <summary>
    /// The expression used when the query can match nothing (a wildcard with no expansion under AND):
    /// the empty phrase, which FTS5 accepts and which matches no row.
    /// </summary>
    public const string MatchNothing = "\"\"";

    private enum Kind { Empty, Nothing, Positive, Negative }

    /// <summary>A translated piece: Positive = rows matching Expr; Negative = all rows except Expr; Empty = no constraint.</summary>
    private readonly record struct Frag(Kind Kind, string Expr = "", bool Atomic = false)
    {
        public string Wrapped => Atomic ? Expr : "(" + Expr + ")";
    }

    private readonly record struct Ctx(bool Conjunctive, string? Column, bool Negated);

    private static readonly Frag EmptyFrag = new(Kind.Empty);
    private static readonly Frag NothingFrag = new(Kind.Nothing);

    private readonly string _query;
    private readonly bool _strict;
    private readonly QueryLimits _limits;
    private readonly IVocabulary? _vocabulary;
    private readonly List<string> _warnings;
    private readonly List<MetadataFilter> _filters = [];
    private readonly Dictionary<string, double> _weights = [];
    private readonly List<string> _words = [];
    private readonly List<string> _stopWords = [];
    private readonly List<string> _expansions = [];
    private int _expanded;
    private bool _dropStopWords = true;
    private QueryNode? _root;
    private List<Frag>? _rootMusts;
    private List<Frag>? _rootNots;

    public Fts5Translator(string query, bool strict, QueryLimits? limits, IVocabulary? vocabulary, List<string> warnings)
    {
        _query = query;
        _strict = strict;
        _limits = limits ?? QueryLimits.Default;
        _vocabulary = vocabulary;
        _warnings = warnings;
    }

    /// <summary>Translates <paramref name="root"/>; <paramref name="allowFallback"/> enables the OR-of-words fallback.</summary>
    public Translation Translate(QueryNode? root, bool allowFallback)
    {
        _root = root;
        DecideStopWords(root);
        var frag = root == null ? EmptyFrag : Translate(root, new Ctx(true, null, false));

        string? match = null, exclude = null, fallback = null;
        switch (frag.Kind)
        {
            case Kind.Positive:
                match = frag.Expr;
                break;
            case Kind.Negative:
                exclude = frag.Expr;
                break;
            case Kind.Nothing:
                match = MatchNothing;
                _warnings.Add("nothing can match this query: a part of it that must match has no words in the index");
                break;
        }

        if (allowFallback && _rootMusts is { } musts)
        {
            var positives = musts.Where(m => m.Kind == Kind.Positive).ToList();
            if (positives.Count >= 2 || (positives.Count == 1 && frag.Kind == Kind.Nothing))
            {
                var any = And([OrOf(positives), .. _rootNots ?? []]);
                if (any.Kind == Kind.Positive && any.Expr != match)
                {
                    fallback = any.Expr;
                }
            }
        }

        return new Translation
        {
            Match = match,
            Fallback = fallback,
            ExcludeOnly = exclude,
            Filters = _filters,
            Weights = _weights.Count == 0 ? null : new ColumnWeights(
                _weights.GetValueOrDefault("text", 1), _weights.GetValueOrDefault("title", 1), _weights.GetValueOrDefault("section", 1)),
            Words = _words,
            StopWordsDropped = _stopWords,
            Expansions = _expansions,
        };
    }

    /// <summary>A filter in words, for the explanation: <c>year in [2014, 2017]</c>, <c>source not in (forum)</c>.</summary>
    public static string Describe(MetadataFilter filter) => filter switch
    {
        ValueFilter v => $"{Name(v.Field)} {(v.Negated ? "not in" : "in")} ({string.Join(", ", v.Values)})",
        RangeFilter r => $"{Name(r.Field)} in {(r.LowerInclusive ? "[" : "(")}{r.Lower ?? "*"}, {r.Upper ?? "*"}{(r.UpperInclusive ? "]" : ")")}",
        _ => filter.ToString(),
    };

    private static string Name(MetadataField f) => f.ToString().ToLowerInvariant();

    private void Problem(int position, string reason, string warning)
    {
        if (_strict)
        {
            throw new QueryParseException(_query, position, reason);
        }

        _warnings.Add(warning);
    }

    /// <summary>Stop words are dropped unless the query's words are all stop words.</summary>
    private void DecideStopWords(QueryNode? root)
    {
        var stop = new List<string>();
        var other = false;
        Walk(root);
        if (!other && stop.Count > 0)
        {
            _dropStopWords = false;
            _warnings.Add($"the query has only stop words ({string.Join(", ", stop)}); searched for them anyway");
        }

        void Walk(QueryNode? node)
        {
            switch (node)
            {
                case TermNode t when StopWords.IsStopWord(t.Text):
                    stop.Add(t.Text);
                    break;
                case TermNode t when TextFold.HasToken(t.Text):
                    other = true;
                    break;
                case PhraseNode or PrefixNode or WildcardNode or FuzzyNode:
                    other = true;
                    break;
                case FieldNode { Kind: FieldKind.Column } f:
                    Walk(f.Child);
                    break;
                case BooleanNode b:
                    foreach (var c in b.Clauses)
                    {
                        Walk(c.Node);
                    }

                    break;
            }
        }
    }

    private Frag Translate(QueryNode node, Ctx ctx)
    {
        if (node.Boost != null && node is not FieldNode)
        {
            _warnings.Add($"ignored the boost in {node}: FTS5 cannot weight single words or groups (boost a field: title:(x)^3)");
        }

        switch (node)
        {
            case TermNode t:
                return TranslateTerm(t.Text, ctx);
            case PhraseNode p:
                return TranslatePhrase(p, ctx);
            case PrefixNode p:
                return TranslatePrefix(p.Prefix, p.ToString(), ctx);
            case WildcardNode w:
                return TranslateWildcard(w, ctx);
            case FuzzyNode f:
                return TranslateFuzzy(f, ctx);
            case FieldNode { Kind: FieldKind.Metadata } f:
                AddMetadataFilter(f, ctx, negated: false);
                return EmptyFrag;
            case FieldNode f:
                if (f.Boost is { } boost)
                {
                    _weights[f.Field] = boost;
                }

                if (ctx.Column != null && ctx.Column != f.Field)
                {
                    _warnings.Add($"{f.Field}: inside {ctx.Column}: searches {f.Field} only");
                }

                if (HasField(f.Child))
                {
                    // fields inside: the innermost field wins, so put the column filter on each word
                    return Translate(f.Child, ctx with { Column = f.Field });
                }

                // one column filter over the whole translated group: title : ("a" OR "b")
                var inner = Translate(f.Child, ctx with { Column = null });
                return inner.Kind is Kind.Positive or Kind.Negative
                    ? inner with { Expr = f.Field + " : " + inner.Wrapped, Atomic = false }
                    : inner;
            case BooleanNode b:
                return TranslateBoolean(b, ctx);
            default:
                _warnings.Add($"ignored {node}: a range needs year: or date:");
                return EmptyFrag;
        }
    }

    private static bool HasField(QueryNode node) => node switch
    {
        FieldNode => true,
        BooleanNode b => b.Clauses.Any(c => HasField(c.Node)),
        _ => false,
    };

    private Frag TranslateBoolean(BooleanNode b, Ctx ctx)
    {
        if (ctx.Conjunctive && TryMergeFilters(b))
        {
            return EmptyFrag;
        }

        var musts = new List<Frag>();
        var shoulds = new List<Frag>();
        var nots = new List<Frag>();
        var hasMust = false;
        foreach (var clause in b.Clauses)
        {
            switch (clause.Occur)
            {
                case Occur.Must:
                {
                    var f = Translate(clause.Node, ctx);
                    musts.Add(f);
                    hasMust |= f.Kind is Kind.Positive or Kind.Nothing;
                    break;
                }
                case Occur.Should:
                {
                    var f = Translate(clause.Node, ctx with { Conjunctive = false });
                    if (f.Kind == Kind.Negative)
                    {
                        _warnings.Add($"read the negation {clause.Node} inside OR as an exclusion: FTS5 cannot OR a negation");
                        nots.Add(f);
                    }
                    else
                    {
                        shoulds.Add(f);
                    }

                    break;
                }
                default:
                    if (clause.Node is FieldNode { Kind: FieldKind.Metadata } field && ctx.Conjunctive)
                    {
                        AddMetadataFilter(field, ctx, negated: true);
                    }
                    else
                    {
                        nots.Add(Negate(Translate(clause.Node, ctx with { Conjunctive = false, Negated = !ctx.Negated })));
                    }

                    break;
            }
        }

        if (ReferenceEquals(b, _root))
        {
            _rootMusts = musts;
            _rootNots = nots;
        }

        var positives = shoulds.Where(s => s.Kind == Kind.Positive).ToList();
        var should = positives.Count > 0 ? OrOf(positives) : shoulds.Any(s => s.Kind == Kind.Nothing) ? NothingFrag : EmptyFrag;
        if (!hasMust)
        {
            return And([should, .. musts, .. nots]);
        }

        var core = And([.. musts, .. nots]);
        if (should.Kind != Kind.Positive || core.Kind != Kind.Positive)
        {
            return core;
        }

        // Lucene: next to required clauses the others are optional. Same rows as `core`, but FTS5 sees them for ranking.
        return new Frag(Kind.Positive, $"{core.Wrapped} OR ({core.Wrapped} AND {should.Wrapped})");
    }

    private static Frag Negate(Frag f) => f.Kind switch
    {
        Kind.Positive => f with { Kind = Kind.Negative },
        Kind.Negative => f with { Kind = Kind.Positive },
        _ => EmptyFrag,
    };

    private static Frag OrOf(List<Frag> positives) => positives.Count == 1
        ? positives[0]
        : new Frag(Kind.Positive, string.Join(" OR ", positives.Select(p => p.Wrapped)));

    private static Frag And(IEnumerable<Frag> parts)
    {
        var pos = new List<Frag>();
        var neg = new List<Frag>();
        foreach (var p in parts)
        {
            switch (p.Kind)
            {
                case Kind.Nothing:
                    return NothingFrag;
                case Kind.Positive:
                    pos.Add(p);
                    break;
                case Kind.Negative:
                    neg.Add(p with { Kind = Kind.Positive });
                    break;
            }
        }

        if (pos.Count == 0)
        {
            return neg.Count == 0 ? EmptyFrag : OrOf(neg) with { Kind = Kind.Negative };
        }

        var and = pos.Count == 1 ? pos[0] : new Frag(Kind.Positive, string.Join(" AND ", pos.Select(p => p.Wrapped)));
        return neg.Count == 0 ? and : new Frag(Kind.Positive, and.Wrapped + " NOT " + OrOf(neg).Wrapped);
    }

    private static Frag Leaf(string fts, bool atomic, Ctx ctx) => ctx.Column == null
        ? new Frag(Kind.Positive, fts, atomic)
        : new Frag(Kind.Positive, ctx.Column + " : " + (atomic ? fts : "(" + fts + ")"));

    private Frag TranslateTerm(string text, Ctx ctx)
    {
        if (!TextFold.HasToken(text))
        {
            _warnings.Add(text.Length == 0 ? "dropped an empty word" : $"dropped '{text}': it has no letters or digits to search for");
            return EmptyFrag;
        }

        if (_dropStopWords && StopWords.IsStopWord(text))
        {
            _stopWords.Add(text);
            return EmptyFrag;
        }

        if (!ctx.Negated)
        {
            _words.Add(text);
        }

        return Leaf(TextFold.Quote(text), true, ctx);
    }

    private Frag TranslatePhrase(PhraseNode p, Ctx ctx)
    {
        if (!TextFold.HasToken(p.Text))
        {
            _warnings.Add(p.Text.Trim().Length == 0 ? "dropped an empty phrase" : $"dropped {p}: it has no letters or digits to search for");
            return EmptyFrag;
        }

        if (!ctx.Negated)
        {
            _words.Add(p.Text);
        }

        var tokens = TextFold.Tokens(p.Text);
        if (p.Slop is { } slop and > 0 && tokens.Count > 1)
        {
            return Leaf($"NEAR({string.Join(" ", tokens.Select(TextFold.Quote))}, {slop})", true, ctx);
        }

        return Leaf(TextFold.Quote(p.Text), true, ctx);
    }

    private Frag TranslatePrefix(string prefix, string shown, Ctx ctx)
    {
        if (!TextFold.HasToken(prefix))
        {
            _warnings.Add($"dropped '{shown}': it has no letters or digits to search for");
            return EmptyFrag;
        }

        if (_vocabulary != null)
        {
            var sample = _vocabulary.TermsWithPrefix(TextFold.Fold(prefix), 5).Select(t => t.Term).ToList();
            _expansions.Add($"{shown} → FTS5 prefix search" + (sample.Count > 0 ? $" (e.g. {string.Join(", ", sample)})" : " (no word in the index starts so)"));
        }

        return Leaf(TextFold.Quote(prefix) + " *", true, ctx);
    }

    private int Budget => Math.Min(_limits.MaxExpansionsPerTerm, _limits.MaxTotalExpansions - _expanded);

    private Frag Expanded(string shown, IReadOnlyList<string> terms, Ctx ctx)
    {
        _expanded += terms.Count;
        _expansions.Add($"{shown} → {string.Join(", ", terms)}");
        return Leaf(string.Join(" OR ", terms.Select(TextFold.Quote)), terms.Count == 1, ctx);
    }

    private Frag TranslateWildcard(WildcardNode w, Ctx ctx)
    {
        var pattern = TextFold.Fold(w.Pattern);
        var literal = pattern[..pattern.IndexOfAny(['*', '?'])];
        if (_vocabulary == null || Budget <= 0)
        {
            _warnings.Add(_vocabulary == null
                ? $"no vocabulary to expand '{w}'; searched for words starting with '{literal}'"
                : $"the query already expanded {_limits.MaxTotalExpansions} words; searched '{w}' as words starting with '{literal}'");
            return TranslatePrefix(literal, w.ToString(), ctx);
        }

        var terms = TermExpander.Wildcard(pattern, _vocabulary, Budget, out var total);
        if (terms.Count == 0)
        {
            _warnings.Add($"'{w}' matches no word in the index, so that part of the query matches nothing");
            _expansions.Add($"{w} → (nothing)");
            return NothingFrag;
        }

        if (total > terms.Count)
        {
            _warnings.Add($"'{w}' matches {total} words; kept the {terms.Count} most frequent");
        }

        return Expanded(w.ToString(), terms.Select(t => t.Term).ToList(), ctx);
    }

    private Frag TranslateFuzzy(FuzzyNode f, Ctx ctx)
    {
        var word = TextFold.Fold(f.Text);
        if (!TextFold.HasToken(word))
        {
            _warnings.Add($"dropped '{f}': it has no letters or digits to search for");
            return EmptyFrag;
        }

        if (_vocabulary == null || Budget <= 0)
        {
            _warnings.Add(_vocabulary == null
                ? $"no vocabulary to expand '{f}'; searched for '{f.Text}' itself"
                : $"the query already expanded {_limits.MaxTotalExpansions} words; searched for '{f.Text}' itself");
            return TranslateTerm(f.Text, ctx);
        }

        if (!ctx.Negated)
        {
            _words.Add(f.Text);
        }

        var terms = TermExpander.Fuzzy(word, f.EffectiveEdits, _vocabulary, Budget, out var total);
        if (terms.Count == 0)
        {
            _warnings.Add($"'{f}' matches no word in the index, so that part of the query matches nothing");
            _expansions.Add($"{f} → (nothing)");
            return NothingFrag;
        }

        if (total > terms.Count)
        {
            _warnings.Add($"'{f}' matches {total} words; kept the {terms.Count} closest");
        }

        return Expanded(f.ToString(), terms.Select(t => t.Term.Term).ToList(), ctx);
    }

    // ---- metadata filters ----

    private bool TryMergeFilters(BooleanNode b)
    {
        if (b.Clauses.Count < 2 || b.Clauses[0].Node is not FieldNode { Kind: FieldKind.Metadata } first)
        {
            return false;
        }

        foreach (var c in b.Clauses)
        {
            if (c.Occur != Occur.Should || c.Node is not FieldNode { Kind: FieldKind.Metadata } f || f.Field != first.Field
                || f.Boost != null || !IsValueLeaf(f.Child))
            {
                return false;
            }
        }

        AddValues(first.Field, b.Clauses.Select(c => ((FieldNode)c.Node).Child).ToList(), negated: false);
        return true;
    }

    private static bool IsValueLeaf(QueryNode n) => n is TermNode or PhraseNode or PrefixNode or WildcardNode or FuzzyNode;

    private void AddMetadataFilter(FieldNode f, Ctx ctx, bool negated)
    {
        if (f.Boost != null)
        {
            _warnings.Add($"ignored the boost on {f}: filters do not rank");
        }

        if (!ctx.Conjunctive)
        {
            Problem(f.Position, $"the filter {f.Field}: can only be combined with AND (not with OR, nor negated together with words)",
                $"applied the filter {f} to all results: filters cannot be combined with OR or negated together with words");
            negated = false;
        }

        ExtractFilters(f.Field, f.Child, negated, f);
    }

    private void ExtractFilters(string field, QueryNode child, bool negated, FieldNode owner)
    {
        switch (child)
        {
            case RangeNode r:
                AddRange(field, r, negated);
                return;
            case BooleanNode b when b.Clauses.All(c => c.Occur == Occur.Should && IsValueLeaf(c.Node)):
                AddValues(field, b.Clauses.Select(c => c.Node).ToList(), negated);
                return;
            case BooleanNode b when !negated:
                foreach (var c in b.Clauses)
                {
                    if (c.Occur == Occur.Should)
                    {
                        Problem(c.Node.Position, $"{field}:({c.Node}) mixes OR with AND", $"ignored the optional value {c.Node} in {owner}");
                        continue;
                    }

                    ExtractFilters(field, c.Node, c.Occur == Occur.MustNot, owner);
                }

                return;
            case BooleanNode:
                Problem(owner.Position, $"cannot negate {owner} as a whole", $"ignored the filter -{owner}: it cannot be negated as a whole");
                return;
            case FieldNode inner:
                Problem(inner.Position, $"field {inner.Field}: inside {field}:", $"read {inner} inside {field}: as {inner.Field}: alone");
                if (inner.Kind == FieldKind.Metadata)
                {
                    ExtractFilters(inner.Field, inner.Child, negated, inner);
                }

                return;
            default:
                AddValues(field, [child], negated);
                return;
        }
    }

    private void AddValues(string field, IReadOnlyList<QueryNode> leaves, bool negated)
    {
        var values = new List<string>();
        foreach (var leaf in leaves)
        {
            var value = leaf switch
            {
                TermNode t => t.Text,
                PhraseNode p => p.Text,
                PrefixNode p => p.Prefix,
                WildcardNode w => w.Pattern.Replace("*", "").Replace("?", ""),
                FuzzyNode f => f.Text,
                _ => "",
            };
            if (leaf is not (TermNode or PhraseNode { Slop: null }))
            {
                Problem(leaf.Position, $"{field}: takes exact values, not {leaf}", $"used '{value}' for {field}:{leaf}: filters take exact values");
            }

            value = value.Trim();
            if (value.Length == 0)
            {
                _warnings.Add($"ignored an empty {field}: value");
                continue;
            }

            if (!ValidBound(field, value, leaf.Position))
            {
                continue;
            }

            values.Add(value);
        }

        if (values.Count > 0)
        {
            _filters.Add(new ValueFilter(QueryFields.Metadata[field], values, negated));
        }
    }

    private bool ValidBound(string field, string value, int position)
    {
        var ok = field switch
        {
            "year" => IsYear(value),
            "date" => IsDate(value),
            _ => true,
        };
        if (!ok)
        {
            Problem(position, field == "year" ? $"'{value}' is not a year (1 to 4 digits)" : $"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                $"ignored {field}:{value}: not a {(field == "year" ? "year" : "valid date")}");
        }

        return ok;
    }

    /// <summary>1 to 4 ASCII digits.</summary>
    public static bool IsYear(string s) => s.Length is >= 1 and <= 4 && s.All(char.IsAsciiDigit);

    /// <summary>YYYY, YYYY-MM or YYYY-MM-DD naming a real month and day.</summary>
    public static bool IsDate(string s)
    {
        var parts = s.Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || !parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        var year = int.Parse(parts[0], CultureInfo.InvariantCulture);
        if (year < 1 || parts.Skip(1).Any(p => p.Length != 2))
        {
            return false;
        }

        var month = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1;
        if (month is < 1 or > 12)
        {
            return false;
        }

        var day = parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 1;
        return day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private void AddRange(string field, RangeNode r, bool negated)
    {
        if ((r.Lower != null && !ValidBound(field, r.Lower, r.Position)) || (r.Upper != null && !ValidBound(field, r.Upper, r.Position)))
        {
            return;
        }

        string? lo = r.Lower, hi = r.Upper;
        bool loIn = r.LowerInclusive, hiIn = r.UpperInclusive;
        if (lo != null && hi != null && Compare(field, lo, hi) > 0)
        {
            Problem(r.Position, $"the range {field}:{r} is reversed", $"swapped the reversed range {field}:{r}");
            (lo, hi, loIn, hiIn) = (hi, lo, hiIn, loIn);
        }

        var mf = QueryFields.Metadata[field];
        if (!negated)
        {
            _filters.Add(Range(mf, lo, loIn, hi, hiIn));
        }
        else if (lo == null && hi == null)
        {
            Problem(r.Position, $"-{field}:{r} excludes everything", $"ignored -{field}:{r}: it would exclude everything");
        }
        else if (lo == null)
        {
            _filters.Add(Range(mf, hi, !hiIn, null, false));
        }
        else if (hi == null)
        {
            _filters.Add(Range(mf, null, false, lo, !loIn));
        }
        else
        {
            Problem(r.Position, $"cannot exclude the closed range {field}:{r} (filters cannot express 'before or after')",
                $"ignored -{field}:{r}: a closed range cannot be excluded");
        }
    }

    /// <summary>An open end is never inclusive, so the searcher can ignore the flag of a null bound.</summary>
    private static RangeFilter Range(MetadataField field, string? lo, bool loIn, string? hi, bool hiIn) =>
        new(field, lo, lo != null && loIn, hi, hi != null && hiIn);

    private static int Compare(string field, string a, string b)
    {
        if (field == "year")
        {
            return int.Parse(a, CultureInfo.InvariantCulture).CompareTo(int.Parse(b, CultureInfo.InvariantCulture));
        }

        var n = Math.Min(a.Length, b.Length);
        return string.CompareOrdinal(a[..n], b[..n]);
    }
}
