using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Querying;

/// <summary>
/// Compiles a query in Lucene's classic syntax into a Lucene <see cref="Query"/> over the passage index: the limits are
/// checked on Lucene's own token list before anything is parsed or expanded; <see cref="PassageQueryParser"/> (Lucene's
/// classic parser, subclassed) builds the query; in lenient mode a query the parser refuses is repaired where the
/// parser stopped (<see cref="ParseProblems"/>) and parsed again, and in strict mode the refusal is a
/// <see cref="QueryParseException"/> with the position and the reason.
/// <para>
/// Lenient mode never throws except <see cref="QueryLimitException"/>; strict mode also throws
/// <see cref="QueryParseException"/>. Both derive from <see cref="QueryException"/> ("bad input").
/// </para>
/// </summary>
public static class QueryCompiler
{
    /// <summary>How many repairs lenient mode tries before it reads the whole query as plain words.</summary>
    private const int MaxRepairs = 64;

    public static CompiledQuery Compile(string query, QueryOptions options, IVocabulary? vocabulary)
    {
        ArgumentNullException.ThrowIfNull(query);
        options ??= new QueryOptions();
        var limits = options.Limits;
        var warnings = new List<string>();
        if (options.PlainText)
        {
            query = PlainWords(query, limits, warnings);
        }

        if (query.Length > limits.MaxLength)
        {
            throw new QueryLimitException(query.Length > 200 ? query[..200] + "…" : query, limits.MaxLength + 1, "length", limits.MaxLength,
                $"the query has {query.Length:N0} characters; at most {limits.MaxLength:N0} are allowed");
        }

        var text = QueryText.Prepare(query, warnings);
        var tokens = text.Tokens(out _); // Lucene's lexer, once: it costs more than the parse of a short query
        CheckShape(text, tokens, limits);
        if (PreRepair(text, tokens, options.Strict, warnings))
        {
            tokens = text.Tokens(out _);
        }

        IReadOnlyList<string> names = [];
        if (options.Aliases is { } aliases && (names = Aliases.AliasGrouping.Quote(text, tokens, aliases)).Count > 0)
        {
            tokens = text.Tokens(out _);
        }

        var fields = options.Fields ?? IndexFields.SearchBoosts;
        var (parsed, reading) = Parse(text, tokens, options, vocabulary, fields, warnings, keepStopWords: false, names);
        if (!reading.HasText && reading.StopWordsDropped.Count > 0)
        {
            var stopWords = reading.StopWordsDropped;
            (parsed, reading) = Parse(text, text.Tokens(out _), options, vocabulary, fields, warnings, keepStopWords: true, names);
            warnings.Add($"the query has only stop words ({string.Join(", ", stopWords)}); searched for them anyway");
        }
        else if (reading.StopWordsDropped.Count > 0)
        {
            warnings.Add($"ignored common words: {string.Join(", ", reading.StopWordsDropped)}");
        }

        warnings.InsertRange(0, reading.Warnings);
        if (parsed is null)
        {
            warnings.Add(text.Shown.Trim().Length == 0 ? "the query is empty" : "nothing searchable is left in the query");
        }

        var defaultAnd = parsed is not null && !options.AnyWord && !options.AllWords && !reading.ExplicitOperators;
        var fallback = defaultAnd ? Fallback(parsed!) : null;
        var (partial, required, minimum) = defaultAnd ? MostWords(parsed!, reading) : (null, [], 0);
        parsed = parsed is null ? null : Flatten(parsed);
        fallback = fallback is null ? null : Flatten(fallback);
        return new CompiledQuery
        {
            Query = parsed,
            Fallback = fallback,
            Partial = partial,
            RequiredWords = required,
            MinimumWords = minimum,
            HasText = reading.HasText,
            Warnings = warnings.Distinct().ToList(),
            Words = reading.Words,
            Aliases = reading.AliasUses,
            Explanation = new QueryExplanation(parsed)
            {
                Aliases = reading.AliasUses.Select(u => u.Searched).Concat(reading.AliasNotes).ToList(),
                Filters = reading.Filters,
                StopWordsDropped = reading.StopWordsDropped,
                Expansions = reading.Expansions,
                MostWords = partial is null ? null
                    : $"at least {minimum} of the {required.Count} words ({string.Join(", ", required.Select(r => r.Typed))}); passages with every word first",
            },
        };
    }

    /// <summary>Compiles with default (lenient, AND) options.</summary>
    public static CompiledQuery Compile(string query, IVocabulary? vocabulary = null) => Compile(query, new QueryOptions(), vocabulary);

    /// <summary>
    /// Parses <paramref name="text"/>, repairing it where the parser stops (lenient) or throwing the first problem
    /// (strict). Returns null for a query with nothing searchable left.
    /// </summary>
    private static (Query? Query, QueryReading Reading) Parse(QueryText text, List<Lucene.Net.QueryParsers.Classic.Token> lexed, QueryOptions options,
        IVocabulary? vocabulary, IReadOnlyDictionary<string, float> fields, List<string> warnings, bool keepStopWords, IReadOnlyList<string> names)
    {
        for (var attempt = 0; ; attempt++)
        {
            var tokens = attempt == 0 ? lexed : text.Tokens(out _);
            var reading = new QueryReading
            {
                Text = text,
                Strict = options.Strict,
                Limits = options.Limits,
                Vocabulary = vocabulary,
                Tokens = tokens,
                KeepStopWords = keepStopWords,
                Aliases = options.Aliases,
                BareNames = names,
            };
            if (text.Parsed.Trim().Length == 0)
            {
                return (null, reading); // Lucene's parser refuses an empty query; it is simply empty
            }

            var parser = new PassageQueryParser(reading, fields, options.AnyWord);
            try
            {
                return (Meaningful(parser.Parse(text.Parsed)), reading);
            }
            catch (ParseException wrapper)
            {
                var cause = wrapper.InnerException ?? wrapper;
                if (cause is BooleanQuery.TooManyClausesException)
                {
                    throw new QueryLimitException(text.Shown, 0, "clauses", options.Limits.MaxClauses,
                        $"the query expands to more than {BooleanQuery.MaxClauseCount:N0} clauses");
                }

                var failure = new ParseProblems.Failure(cause, tokens);
                if (options.Strict)
                {
                    var (position, reason) = ParseProblems.Describe(text, failure);
                    throw new QueryParseException(text.Shown, position, reason);
                }

                var repaired = attempt < MaxRepairs ? ParseProblems.Repair(text, failure) : null;
                if (repaired is null)
                {
                    return PlainWordsOf(text, options, vocabulary, fields, warnings, keepStopWords);
                }

                if (repaired.Length > 0 && !keepStopWords)
                {
                    warnings.Add(repaired);
                }
            }
        }
    }

    /// <summary>The last resort of lenient mode: every character of the query taken literally.</summary>
    private static (Query?, QueryReading) PlainWordsOf(QueryText text, QueryOptions options, IVocabulary? vocabulary,
        IReadOnlyDictionary<string, float> fields, List<string> warnings, bool keepStopWords)
    {
        var literal = QueryText.Prepare(QueryParserBase.Escape(text.Shown).Replace("\\/", "/", StringComparison.Ordinal), []);
        var reading = new QueryReading
        {
            Text = literal,
            Strict = false,
            Limits = options.Limits,
            Vocabulary = vocabulary,
            Tokens = literal.Tokens(out _),
            KeepStopWords = keepStopWords,
            Aliases = options.Aliases,
        };
        if (!keepStopWords)
        {
            warnings.Add("could not read the query's syntax; searched its words");
        }

        try
        {
            return (Meaningful(new PassageQueryParser(reading, fields, options.AnyWord).Parse(literal.Parsed)), reading);
        }
        catch (ParseException)
        {
            return (null, reading);
        }
    }

    /// <summary>Null for what the parser returns when nothing was left (an empty group).</summary>
    private static Query? Meaningful(Query? query) => query is null or BooleanQuery { Clauses.Count: 0 } ? null : query;

    /// <summary>
    /// Length was checked by the caller; here nesting depth and clause count are checked on Lucene's token list (one
    /// pass, no recursion), so a query of 100,000 nested parentheses is refused at once in both modes.
    /// </summary>
    private static void CheckShape(QueryText text, List<Lucene.Net.QueryParsers.Classic.Token> tokens, QueryLimits limits)
    {
        var depth = 0;
        var opened = new Stack<int>();
        var clauses = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case RegexpToken.LPAREN:
                    // A field before a group counts as a level of its own: title:( is two.
                    var levels = i >= 2 && tokens[i - 1].Kind == RegexpToken.COLON ? 2 : 1;
                    opened.Push(levels);
                    depth += levels;
                    if (depth > limits.MaxDepth)
                    {
                        throw new QueryLimitException(text.Shown, text.ToShown(token.BeginColumn), "depth", limits.MaxDepth,
                            $"the query nests more than {limits.MaxDepth} levels of parentheses and fields");
                    }

                    break;
                case RegexpToken.RPAREN:
                    depth -= opened.Count > 0 ? opened.Pop() : 0;
                    break;
                case RegexpToken.TERM when i + 1 < tokens.Count && tokens[i + 1].Kind == RegexpToken.COLON:
                    break; // a field name, not a clause
                case RegexpToken.TERM or RegexpToken.QUOTED or RegexpToken.PREFIXTERM or RegexpToken.WILDTERM or RegexpToken.REGEXPTERM
                    or RegexpToken.STAR or RegexpToken.RANGEIN_START or RegexpToken.RANGEEX_START:
                    if (++clauses > limits.MaxClauses)
                    {
                        throw new QueryLimitException(text.Shown, text.ToShown(token.BeginColumn), "clauses", limits.MaxClauses,
                            $"the query has more than {limits.MaxClauses} words, phrases and values");
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Problems Lucene's parser would accept but our syntax does not: a boost of zero or less (the clause would count
    /// for nothing), and '~' after a wildcard (Lucene silently ignores it). Strict: an error; lenient: dropped.
    /// </summary>
    private static bool PreRepair(QueryText text, List<Lucene.Net.QueryParsers.Classic.Token> tokens, bool strict, List<string> warnings)
    {
        var changed = false;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var (token, next) = (tokens[i], tokens[i + 1]);
            if (token.Kind == RegexpToken.CARAT && next.Kind == RegexpToken.NUMBER
                && (!float.TryParse(next.Image, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var boost) || boost <= 0))
            {
                if (strict)
                {
                    throw new QueryParseException(text.Shown, text.ToShown(token.BeginColumn), $"'^{next.Image}' is not a boost: it must be more than 0");
                }

                text.Blank(token.BeginColumn, ParseProblems.End(next));
                changed = true;
                warnings.Add($"dropped the '^{next.Image}' at {text.ToShown(token.BeginColumn)}: not a boost");
            }
            else if (token.Kind is RegexpToken.PREFIXTERM or RegexpToken.WILDTERM && next.Kind == RegexpToken.FUZZY_SLOP)
            {
                if (strict)
                {
                    throw new QueryParseException(text.Shown, text.ToShown(next.BeginColumn), "'~' cannot follow a wildcard");
                }

                text.Blank(next.BeginColumn, ParseProblems.End(next));
                changed = true;
                warnings.Add($"dropped the '~' at {text.ToShown(next.BeginColumn)}: it cannot follow a wildcard");
            }
        }

        return changed;
    }

    /// <summary>
    /// An OR of ORs as one OR: <c>(text:a title:a^2) (text:b title:b^2)</c> becomes <c>text:a title:a^2 text:b title:b^2</c>.
    /// The same passages match with the same scores (BM25 sums the clauses, a group's boost multiplies its clauses'), and
    /// Lucene scores one flat disjunction in buckets, several times faster than nested ones.
    /// </summary>
    internal static Query Flatten(Query query)
    {
        if (query is not BooleanQuery boolean || boolean.MinimumNumberShouldMatch > 0 || boolean.Clauses.Any(c => c.Occur == Occur.MUST))
        {
            return query;
        }

        var flat = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost };
        var changed = false;
        foreach (var clause in boolean.Clauses)
        {
            if (clause.Occur == Occur.SHOULD && Flatten(clause.Query) is BooleanQuery inner && inner.MinimumNumberShouldMatch == 0
                && inner.Clauses.All(c => c.Occur == Occur.SHOULD) && inner.Clauses.Count > 0)
            {
                foreach (var part in inner.Clauses)
                {
                    var copy = inner.Boost == 1f ? part.Query : (Query)part.Query.Clone();
                    copy.Boost *= inner.Boost;
                    flat.Add(copy, Occur.SHOULD);
                }

                changed = true;
            }
            else
            {
                flat.Add(clause.Query, clause.Occur);
            }
        }

        return changed && flat.Clauses.Count <= BooleanQuery.MaxClauseCount ? flat : query;
    }

    /// <summary>
    /// The OR-of-words version of a query whose top level requires several words (the default operator AND): the
    /// required words become optional (at least one must match), filters and exclusions stay as they were.
    /// </summary>
    private static Query? Fallback(Query query)
    {
        if (query is not BooleanQuery boolean)
        {
            return null;
        }

        var words = boolean.Clauses.Where(c => c.Occur == Occur.MUST && c.Query is not (MetadataFilterQuery or MatchAllDocsQuery)).ToList();
        if (words.Count < 2)
        {
            return null;
        }

        var any = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost };
        foreach (var clause in boolean.Clauses)
        {
            any.Add(clause.Query, words.Contains(clause) ? Occur.SHOULD : clause.Occur);
        }

        if (any.Clauses.Any(c => c.Occur == Occur.MUST))
        {
            any.MinimumNumberShouldMatch = 1;
        }

        return any;
    }

    /// <summary>
    /// How many of <paramref name="words"/> required words a passage needs to be listed: all of one or two, all but one of
    /// three to five, three quarters (rounded up) beyond.
    /// </summary>
    public static int MinimumWordsFor(int words) => words switch
    {
        <= 2 => words,
        <= 5 => words - 1,
        _ => (int)Math.Ceiling(words * 0.75),
    };

    /// <summary>
    /// For a sentence-like query (three or more required words at the top level): the query with its words optional and
    /// <see cref="MinimumWordsFor"/> of them required, filters and exclusions kept; with each word's clause and typed text.
    /// </summary>
    private static (Query? Partial, IReadOnlyList<RequiredWord> Required, int Minimum) MostWords(Query query, QueryReading reading)
    {
        if (query is not BooleanQuery boolean)
        {
            return (null, [], 0);
        }

        var words = boolean.Clauses.Where(c => c.Occur == Occur.MUST && c.Query is not (MetadataFilterQuery or MatchAllDocsQuery)).ToList();
        var minimum = MinimumWordsFor(words.Count);
        if (words.Count < 3 || minimum >= words.Count)
        {
            return (null, [], 0);
        }

        var partial = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost, MinimumNumberShouldMatch = minimum };
        foreach (var clause in boolean.Clauses)
        {
            partial.Add(clause.Query, words.Contains(clause) ? Occur.SHOULD : clause.Occur);
        }

        var required = words.Select(c => new RequiredWord(c.Query,
            reading.WordsOf.TryGetValue(c.Query, out var typed) && typed.Count > 0 ? string.Join(" ", typed) : c.Query.ToString())).ToList();
        return (partial, required, minimum);
    }

    /// <summary>
    /// The words of <paramref name="text"/> with no query syntax left: every character that is not a letter, digit or
    /// combining mark becomes a space, and AND/OR/NOT are lower-cased so they read as words, not operators. Beyond
    /// <see cref="QueryLimits.MaxClauses"/> words or <see cref="QueryLimits.MaxLength"/> characters the rest is cut, with a
    /// warning (free text is not the user's query syntax, so it should not fail on length).
    /// </summary>
    public static string PlainWords(string text, QueryLimits? limits = null, ICollection<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= QueryLimits.Default;
        var chars = text.Select(c => char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark ? c : ' ').ToArray();
        var words = new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w is "AND" or "OR" or "NOT" or "TO" ? w.ToLowerInvariant() : w)
            .ToList();
        var kept = new List<string>();
        var length = 0;
        foreach (var word in words)
        {
            if (kept.Count == limits.MaxClauses || length + word.Length + 1 > limits.MaxLength)
            {
                warnings?.Add($"the text is long: only its first {kept.Count} words were searched");
                break;
            }

            kept.Add(word);
            length += word.Length + 1;
        }

        return string.Join(' ', kept);
    }
}
