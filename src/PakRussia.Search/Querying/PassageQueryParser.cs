using System.Globalization;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;

namespace PakRussia.Search.Querying;

/// <summary>
/// Lucene's classic query parser, subclassed for our index. Lucene does the parsing (operators, precedence, groups,
/// phrases, slop, boosts, ranges, escapes); the overrides decide what each piece means here:
/// <list type="bullet">
/// <item>a bare word or phrase is required on <see cref="IndexFields.All"/> (text, title and section as one field), with
/// the title and section as optional clauses that only add score (<see cref="IndexFields.ScoredAlso"/>); <c>text:</c>,
/// <c>title:</c> and <c>section:</c> search one, and weights given with a search search the fields apart; stop words are dropped
/// outside phrases and kept inside them; a word the analyzer splits (<c>Pak-Russia</c>) is searched as a phrase;</item>
/// <item><c>source: author: doc: kind: year: date:</c> become <see cref="MetadataFilterQuery"/> filters, year and date
/// ranges numeric ranges;</item>
/// <item>prefix, wildcard and fuzzy terms are expanded over the index's surface words (<see cref="IVocabulary"/>), at
/// most <see cref="QueryLimits.MaxExpansionsPerTerm"/> words each and <see cref="QueryLimits.MaxTotalExpansions"/> in all,
/// and each word is searched as a bare word is;</item>
/// <item>a group of only exclusions means "every passage except" (Lucene's would match nothing).</item>
/// </list>
/// Problems go through <see cref="QueryReading.Problem"/>: errors in strict mode, repairs with a warning otherwise.
/// </summary>
internal sealed partial class PassageQueryParser : QueryParser
{
    /// <summary>Stands for a bare <c>~</c> (Lucene gives the default for it): 2 edits, or 1 for words of at most 4 letters.</summary>
    private const float DefaultFuzzy = 0.5f;

    private readonly QueryReading _reading;
    private readonly IReadOnlyDictionary<string, float> _fields;
    /// <summary>The words each query built so far stands for, so an excluded clause's words are not counted as typed.</summary>

    public PassageQueryParser(QueryReading reading, IReadOnlyDictionary<string, float> fields, bool anyWord)
        : base(PassageAnalyzer.Version, null, PassageAnalyzer.QueryWords)
    {
        _reading = reading;
        _fields = fields;
        DefaultOperator = anyWord ? OR_OPERATOR : AND_OPERATOR;
        AutoGeneratePhraseQueries = true;
        AllowLeadingWildcard = true; // checked here, with our message
        FuzzyMinSim = DefaultFuzzy;
        FuzzyPrefixLength = 1;
        LowercaseExpandedTerms = false; // folded here, as the index folds
        _replay = ReplayedTokens.For(reading.Text.Parsed, reading.Tokens);
    }

    /// <summary>The query's tokens as <see cref="QueryCompiler"/> lexed them, for the parser to read instead of lexing again.</summary>
    private readonly ReplayedTokens? _replay;

    public override Query Parse(string query)
    {
        if (_replay is not null && query == _replay.Source)
        {
            ReInit(_replay);
        }
        else if (TokenSource is ReplayedTokens)
        {
            ReInit(new QueryParserTokenManager(new FastCharStream(new StringReader(query))));
        }

        return base.Parse(query);
    }

    // ---- words and phrases ----

    protected override Query? GetFieldQuery(string field, string queryText, bool quoted) =>
        Dispatch(field, queryText,
            search: f => Words(f, queryText, quoted, slop: 0),
            filter: f => Filter(f, queryText));

    protected override Query? GetFieldQuery(string field, string queryText, int slop)
    {
        if (slop > _reading.Limits.MaxSlop)
        {
            _reading.Warnings.Add($"lowered the proximity ~{slop} to ~{_reading.Limits.MaxSlop}");
            slop = _reading.Limits.MaxSlop;
        }

        return Dispatch(field, queryText,
            search: f => Words(f, queryText, quoted: true, slop),
            filter: f =>
            {
                if (slop > 0)
                {
                    _reading.Problem(Position(), $"{f}: takes exact values, not a proximity", $"ignored the proximity on {f}:\"{queryText}\": filters take exact values");
                }

                return Filter(f, queryText);
            });
    }

    /// <summary>Sends a field's value to the search fields, a metadata filter, or (an unknown field) the bare words.</summary>
    private Query? Dispatch(string? field, string text, Func<string?, Query?> search, Func<string, Query?> filter)
    {
        var name = field?.ToLowerInvariant();
        if (name is null || QueryFields.IsColumn(name))
        {
            return search(name);
        }

        if (QueryFields.Metadata.ContainsKey(name))
        {
            return filter(name);
        }

        _reading.Problem(FieldPosition(field!), $"unknown field '{field}' (fields: {QueryFields.AllNames})",
            $"'{field}:' is not a field (fields: {QueryFields.AllNames}); searched the word {field} too");
        return And(Words(null, field!, quoted: false, slop: 0), search(null));
    }

    /// <summary>The text's words over <paramref name="field"/> (or every search field with its boost): a term, or a phrase.</summary>
    private Query? Words(string? field, string text, bool quoted, int slop, bool typed = true)
    {
        if (typed && _reading.Aliases is { Entries.Count: > 0 } aliases)
        {
            var bare = quoted && slop == 0 && _reading.BareNames.Contains(text);
            if (WithAliases(aliases, field, text, quoted && !bare, slop, bare) is { } aliased)
            {
                return aliased;
            }
        }

        var keepStopWords = quoted || _reading.KeepStopWords;
        var analyzer = keepStopWords ? PassageAnalyzer.Index : PassageAnalyzer.QueryWords;
        var fields = field is null ? _fields : new Dictionary<string, float> { [field] = 1f };
        var clauses = new List<Query>();
        Query? analyzed = null;
        foreach (var (name, boost) in fields)
        {
            // The text is analyzed once (every search field has the same chain); the other fields get the same query.
            var query = analyzed is null ? NewFieldQuery(analyzer, name, text, quoted) : QueryFields.OnField(analyzed, name) ?? NewFieldQuery(analyzer, name, text, quoted);
            if (query is null)
            {
                break; // nothing left after analysis: the same for every field
            }

            analyzed ??= query;
            if (slop > 0 && query is PhraseQuery phrase)
            {
                phrase.Slop = slop;
            }

            if (boost != 1f)
            {
                query.Boost = boost;
            }

            clauses.Add(query);
        }

        if (!keepStopWords && typed)
        {
            NoteStopWords(text);
        }

        if (clauses.Count == 0)
        {
            if (!HasLettersOrDigits(text) && text.Trim() is not ("+" or "-" or "!"))
            {
                _reading.Warnings.Add(text.Trim().Length == 0
                    ? (quoted ? "dropped an empty phrase" : "dropped an empty word")
                    : $"dropped '{(quoted ? "\"" + text + "\"" : text)}': it has no letters or digits to search for");
            }

            return null;
        }

        _reading.HasText = true;
        var result = clauses.Count == 1 ? clauses[0] : Any(clauses);
        if (fields.Count == 1 && fields.ContainsKey(IndexFields.All))
        {
            result = ScoredAlsoOnTitleAndSection(result);
        }

        if (typed)
        {
            NoteTyped(text, result);
        }

        return result;
    }

    /// <summary>
    /// A bare word or phrase on <see cref="IndexFields.All"/>, required, with the same on the title and the section as
    /// optional clauses (<see cref="IndexFields.ScoredAlso"/>): they never change what matches (the title and section
    /// are in the all field), and Lucene reads their postings only for the passages the required clause matched.
    /// </summary>
    private static Query ScoredAlsoOnTitleAndSection(Query all)
    {
        var scored = new BooleanQuery(disableCoord: true) { { all, Occur.MUST } };
        foreach (var field in IndexFields.ScoredAlso)
        {
            if (QueryFields.OnField(all, field) is { } also)
            {
                also.Boost = IndexFields.ScoredAlsoBoost;
                scored.Add(also, Occur.SHOULD);
            }
        }

        return scored.Clauses.Count == 1 ? all : scored;
    }

    private void NoteStopWords(string text)
    {
        foreach (var word in StopWordsIn(text))
        {
            if (!_reading.StopWordsDropped.Contains(word))
            {
                _reading.StopWordsDropped.Add(word);
            }
        }
    }

    private void NoteTyped(string text, Query result)
    {
        _reading.Words.Add(text);
        _reading.WordsOf[result] = [text];
    }

    /// <summary>The stop words among the text's words (a plain word is checked as it is; anything else is analyzed).</summary>
    private static IEnumerable<string> StopWordsIn(string text)
    {
        if (text.Length <= 12 && text.All(char.IsAsciiLetter))
        {
            var lower = text.ToLowerInvariant();
            return StopWords.English.Contains(lower) ? [lower] : [];
        }

        return PassageAnalyzer.Surface.Terms(text).Where(StopWords.English.Contains);
    }

    /// <summary>Whether the analyzer can find a word in the text at all (letters or digits, as StandardTokenizer sees them).</summary>
    private static bool HasLettersOrDigits(string text) =>
        text.Any(char.IsLetterOrDigit) && PassageAnalyzer.Surface.Terms(text).Count > 0;

    // ---- metadata filters ----

    private Query? Filter(string field, string value)
    {
        value = value.Trim();
        if (value.Length == 0)
        {
            _reading.Warnings.Add($"ignored an empty {field}: value");
            return null;
        }

        var kind = QueryFields.Metadata[field];
        switch (kind)
        {
            case MetadataField.Year:
                if (!IsYear(value))
                {
                    _reading.Problem(Position(), $"'{value}' is not a year (1 to 4 digits)", $"ignored {field}:{value}: not a year");
                    return null;
                }

                var year = int.Parse(value, CultureInfo.InvariantCulture);
                return Filtered(NumericRangeQuery.NewInt32Range(IndexFields.Year, year, year, true, true), kind, $"year is {year}");
            case MetadataField.Date:
                if (DateRange.Parse(value) is not { } span || !IsDate(value))
                {
                    _reading.Problem(Position(), $"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", $"ignored {field}:{value}: not a valid date");
                    return null;
                }

                return Filtered(DateOverlap(span.First, true, span.Last, true), kind, $"date in {value}");
            case MetadataField.Author:
                var words = NewFieldQuery(PassageAnalyzer.Surface, IndexFields.AuthorText, value, quoted: true);
                if (words is null)
                {
                    _reading.Warnings.Add($"ignored author:{value}: it has no letters or digits");
                    return null;
                }

                return Filtered(words, kind, $"author has \"{value}\"");
            default:
                var indexField = kind switch
                {
                    MetadataField.Source => IndexFields.Source,
                    MetadataField.Doc => IndexFields.DocId,
                    _ => IndexFields.Kind,
                };
                var lower = value.ToLowerInvariant();
                return Filtered(new TermQuery(new Term(indexField, lower)), kind, $"{field} is {lower}");
        }
    }

    private MetadataFilterQuery Filtered(Query inner, MetadataField field, string description)
    {
        _reading.Filters.Add(description);
        return new MetadataFilterQuery(inner, field, description);
    }

    /// <summary>
    /// Passages whose document's date span (first to last day its precision allows) overlaps the range: a document
    /// dated only "2017" matches a range that touches 2017. Bounds are yyyy-MM-dd; null is open.
    /// </summary>
    private static Query DateOverlap(string? lowerFirst, bool lowerInclusive, string? upperLast, bool upperInclusive)
    {
        var both = new BooleanQuery(true);
        var low = lowerFirst is null ? (int?)null : IndexSchema.DateNumber(lowerFirst);
        var high = upperLast is null ? (int?)null : IndexSchema.DateNumber(upperLast);
        both.Add(NumericRangeQuery.NewInt32Range(IndexFields.DateLast, low, null, lowerInclusive, true), Occur.MUST);
        both.Add(NumericRangeQuery.NewInt32Range(IndexFields.DateFirst, null, high, true, upperInclusive), Occur.MUST);
        return both;
    }

    // ---- ranges ----

    protected override Query? GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive)
    {
        var name = field?.ToLowerInvariant();
        var shown = $"{(startInclusive ? '[' : '{')}{part1 ?? "*"} TO {part2 ?? "*"}{(endInclusive ? ']' : '}')}";
        var bounds = string.Join(' ', new[] { part1, part2 }.Where(p => p is not null));
        if (name is null || !QueryFields.TakesRange(name))
        {
            if (name is null)
            {
                _reading.Problem(RangePosition(), "a range needs a field (year: or date:)", $"searched the range {shown} as words: a range needs year: or date:");
            }
            else if (QueryFields.IsKnown(name))
            {
                _reading.Problem(RangePosition(), $"{name}: does not take a range", $"searched {name}:{shown} as words: only year: and date: take ranges");
            }
            else
            {
                _reading.Problem(FieldPosition(field!), $"unknown field '{field}' (fields: {QueryFields.AllNames})",
                    $"'{field}:' is not a field (fields: {QueryFields.AllNames}); searched the range {shown} as words");
                name = null;
            }

            return bounds.Length == 0 ? null : name is not null && QueryFields.IsColumn(name)
                ? Words(name, bounds, quoted: false, slop: 0)
                : name is null ? Words(null, bounds, false, 0) : Filter(name, bounds);
        }

        var valid = name == "year" ? (Func<string, bool>)IsYear : IsDate;
        foreach (var bound in new[] { part1, part2 })
        {
            if (bound is not null && !valid(bound))
            {
                _reading.Problem(RangePosition(), name == "year" ? $"'{bound}' is not a year (1 to 4 digits)" : $"'{bound}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                    $"ignored {name}:{shown}: '{bound}' is not a {(name == "year" ? "year" : "valid date")}");
                return null;
            }
        }

        if (part1 is not null && part2 is not null && Compare(name, part1, part2) > 0)
        {
            _reading.Problem(RangePosition(), $"the range {name}:{shown} is reversed", $"swapped the reversed range {name}:{shown}");
            (part1, part2, startInclusive, endInclusive) = (part2, part1, endInclusive, startInclusive);
        }

        var description = $"{name} in {(startInclusive ? "[" : "(")}{part1 ?? "*"}, {part2 ?? "*"}{(endInclusive ? "]" : ")")}";
        if (name == "year")
        {
            int? low = part1 is null ? null : int.Parse(part1, CultureInfo.InvariantCulture);
            int? high = part2 is null ? null : int.Parse(part2, CultureInfo.InvariantCulture);
            return Filtered(NumericRangeQuery.NewInt32Range(IndexFields.Year, low, high, startInclusive, endInclusive), MetadataField.Year, description);
        }

        // An exclusive end leaves out its bound's whole span: {2014 TO …] starts after 2014-12-31.
        var lower = part1 is null ? null : DateRange.Parse(part1);
        var upper = part2 is null ? null : DateRange.Parse(part2);
        var query = DateOverlap(
            lower is null ? null : startInclusive ? lower.Value.First : lower.Value.Last, startInclusive,
            upper is null ? null : endInclusive ? upper.Value.Last : upper.Value.First, endInclusive);
        return Filtered(query, MetadataField.Date, description);
    }

    private static int Compare(string field, string a, string b)
    {
        if (field == "year")
        {
            return int.Parse(a, CultureInfo.InvariantCulture).CompareTo(int.Parse(b, CultureInfo.InvariantCulture));
        }

        var n = Math.Min(a.Length, b.Length);
        return string.CompareOrdinal(a[..n], b[..n]);
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

    // ---- prefix, wildcard, fuzzy: expanded over the index's words ----

    protected override Query? GetPrefixQuery(string field, string termStr)
    {
        var shown = termStr + "*";
        if (ExactValueInstead(field, shown, termStr) is { } exact)
        {
            return exact.Query;
        }

        if (!LongEnough(termStr, shown))
        {
            return null;
        }

        var prefix = Fold(termStr);
        return Expand(field, shown, vocabulary => (vocabulary.WithPrefix(prefix, Budget, out var total).Select(t => (t, 0)).ToList(), total),
            fallback: () => Unranked(field, prefix), ranking: "most frequent");
    }

    protected override Query? GetWildcardQuery(string field, string termStr)
    {
        if (field == "*" && termStr == "*")
        {
            return new MatchAllDocsQuery();
        }

        var literal = termStr[..termStr.IndexOfAny(['*', '?'])];
        if (ExactValueInstead(field, termStr, termStr.Replace("*", "", StringComparison.Ordinal).Replace("?", "", StringComparison.Ordinal)) is { } exact)
        {
            return exact.Query;
        }

        if (!LongEnough(literal, termStr))
        {
            return null;
        }

        var pattern = Fold(termStr);
        return Expand(field, termStr, vocabulary => (vocabulary.Wildcard(pattern, Budget, out var total).Select(t => (t, 0)).ToList(), total),
            fallback: () => Unranked(field, Fold(literal)), ranking: "most frequent");
    }

    protected override Query? GetFuzzyQuery(string field, string termStr, float minSimilarity)
    {
        var shown = termStr + "~" + (minSimilarity is DefaultFuzzy or < 1f ? "" : ((int)minSimilarity).ToString(CultureInfo.InvariantCulture));
        int edits;
        if (minSimilarity == 0f)
        {
            edits = 0;
        }
        else if (minSimilarity is DefaultFuzzy or < 1f)
        {
            edits = termStr.Length <= 4 ? 1 : 2;
        }
        else if (minSimilarity > 2f)
        {
            _reading.Problem(Position(), "fuzzy distance must be 0, 1 or 2", $"lowered the fuzzy distance in {shown} to 2");
            edits = 2;
        }
        else
        {
            edits = (int)minSimilarity;
        }

        if (ExactValueInstead(field, shown, termStr) is { } exact)
        {
            return exact.Query;
        }

        if (edits == 0)
        {
            return GetFieldQuery(field, termStr, quoted: false);
        }

        var word = Fold(termStr);
        var expanded = Expand(field, shown, vocabulary => (vocabulary.Fuzzy(word, edits, Budget, out var total).ToList(), total),
            fallback: () => Words(field?.ToLowerInvariant(), termStr, quoted: false, slop: 0, typed: false), ranking: "closest");
        if (expanded is not null)
        {
            _reading.Words.Add(termStr);
            _reading.WordsOf[expanded] = [termStr];
        }

        return expanded;
    }

    protected override Query? GetRegexpQuery(string field, string termStr)
    {
        // '/' is escaped before parsing (QueryText), so this is only reached through Lucene internals; search the words.
        _reading.Problem(Position(), "regular expressions are not supported", $"searched /{termStr}/ as words");
        return GetFieldQuery(field, termStr, quoted: false);
    }

    private int Budget => Math.Min(_reading.Limits.MaxExpansionsPerTerm, _reading.Limits.MaxTotalExpansions - _reading.Expanded);

    /// <summary>A prefix, wildcard or fuzzy term on a metadata field: used as the exact value it spells.</summary>
    private (Query? Query, bool Used)? ExactValueInstead(string? field, string shown, string value)
    {
        var name = field?.ToLowerInvariant();
        if (name is null || !QueryFields.Metadata.ContainsKey(name))
        {
            return null;
        }

        _reading.Problem(Position(), $"{name}: takes exact values, not {shown}", $"used '{value}' for {name}:{shown}: filters take exact values");
        return (Filter(name, value), true);
    }

    private bool LongEnough(string literal, string shown)
    {
        if (literal.Count(char.IsLetterOrDigit) >= _reading.Limits.MinPrefixLength)
        {
            return true;
        }

        _reading.Problem(Position(), $"'{shown}' needs at least {_reading.Limits.MinPrefixLength} letters before '*' or '?'",
            $"dropped '{shown}': a wildcard needs at least {_reading.Limits.MinPrefixLength} letters before '*' or '?'");
        return false;
    }

    private Query? Expand(string? field, string shown, Func<IVocabulary, (List<(VocabularyTerm Term, int Distance)> Found, int Total)> candidates,
        Func<Query?> fallback, string ranking)
    {
        if (_reading.Vocabulary is not { } vocabulary)
        {
            _reading.Warnings.Add($"no vocabulary to expand '{shown}'; searched it without expanding");
            return fallback();
        }

        if (Budget <= 0)
        {
            _reading.Warnings.Add($"the query already expanded {_reading.Limits.MaxTotalExpansions} words; searched '{shown}' without ranking its words");
            return fallback();
        }

        var (found, total) = candidates(vocabulary);
        if (found.Count == 0)
        {
            _reading.Warnings.Add($"'{shown}' matches no word in the index, so that part of the query matches nothing");
            _reading.Expansions.Add($"{shown} → (nothing)");
            return MatchNothing(); // sinks an AND, vanishes from an OR
        }

        if (total > found.Count)
        {
            _reading.Warnings.Add($"'{shown}' matches {total} words; kept the {found.Count} {ranking}");
        }

        _reading.Expanded += found.Count;
        _reading.Expansions.Add($"{shown} → {string.Join(", ", found.Select(f => f.Term.Term))}");
        var name = field?.ToLowerInvariant();
        var words = new List<(string Word, Query Query)>();
        foreach (var (term, _) in found)
        {
            if (Words(name, term.Term, quoted: false, slop: 0, typed: false) is { } query)
            {
                words.Add((term.Term, query));
            }
        }

        var alternatives = new List<Query>();
        var seen = new HashSet<Query>();
        foreach (var query in WholeWordsWhereCovered(words))
        {
            if (seen.Add(query))
            {
                alternatives.Add(query);
            }
        }

        return alternatives.Count switch
        {
            0 => MatchNothing(),
            1 => alternatives[0],
            _ => Any(alternatives),
        };
    }

    /// <summary>
    /// An expanded word of letters and digits ("part1", found for <c>part~1</c>) is searched as the index splits it: the
    /// phrase "(part1 part) 1", so that "Part 1" written apart matches too. That phrase reads the positions of two common
    /// terms, about 2 ms each at 638k passages, and a fuzzy or prefix term can expand to ten such words. Where one of the
    /// phrase's positions holds only the whole word and terms that other alternatives of the same expansion search alone
    /// ("part", the word itself), every passage the phrase matches is matched by those alternatives or by the whole word,
    /// so the whole word's term replaces the phrase: the expansion matches the same passages (only the phrase's extra
    /// score for "part 1" is gone). Any other phrase is kept.
    /// </summary>
    private static IEnumerable<Query> WholeWordsWhereCovered(List<(string Word, Query Query)> words)
    {
        static Query Core(Query query) => query is BooleanQuery { Clauses: [{ Occur: Occur.MUST } required, ..] } ? required.Query : query;

        var alone = words.Select(w => Core(w.Query)).OfType<TermQuery>().Select(t => t.Term).ToHashSet();
        foreach (var (word, query) in words)
        {
            if (Core(query) is MultiPhraseQuery phrase && phrase.GetTermArrays() is { Count: > 1 } positions
                && positions.SelectMany(p => p).FirstOrDefault(t => t.Text == word) is { } whole
                && positions.Any(p => p.Contains(whole) && p.All(t => t.Equals(whole) || alone.Contains(t))))
            {
                var single = new TermQuery(whole) { Boost = phrase.Boost };
                yield return ReferenceEquals(query, phrase) ? single : ScoredAlsoOnTitleAndSection(single);
                continue;
            }

            yield return query;
        }
    }

    /// <summary>A query that matches nothing (an expansion that found no word), told apart from an empty query.</summary>
    internal static Query MatchNothing() => new TermQuery(new Term(IndexFields.Type, NothingTerm));

    internal const string NothingTerm = "(nothing)";

    /// <summary>Past the expansion budget: every word with the prefix, without ranking them (constant score).</summary>
    private Query Unranked(string? field, string prefix)
    {
        _reading.HasText = true;
        var fields = field is null ? _fields.Keys : [field.ToLowerInvariant()];
        var any = new BooleanQuery(true);
        foreach (var name in fields)
        {
            any.Add(new PrefixQuery(new Term(name, prefix)) { MultiTermRewriteMethod = MultiTermQuery.CONSTANT_SCORE_FILTER_REWRITE }, Occur.SHOULD);
        }

        return any.Clauses.Count == 1 ? any.Clauses[0].Query : any;
    }

    /// <summary>Lower case and accents folded, as the index's words are (wildcard characters are kept).</summary>
    internal static string Fold(string text)
    {
        var lower = text.ToLowerInvariant().ToCharArray();
        var output = new char[lower.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(lower, 0, output, 0, lower.Length);
        return new string(output, 0, length);
    }

    // ---- booleans ----

    protected override void AddClause(IList<BooleanClause> clauses, int conj, int mods, Query q)
    {
        if (conj != CONJ_NONE || mods == MOD_REQ)
        {
            _reading.ExplicitOperators = true;
        }

        if (mods == MOD_NOT && q is not null && _reading.WordsOf.TryGetValue(q, out var excluded))
        {
            foreach (var word in excluded)
            {
                _reading.Words.Remove(word);
            }
        }

        base.AddClause(clauses, conj, mods, q);
    }

    protected override Query? GetBooleanQuery(IList<BooleanClause> clauses, bool disableCoord)
    {
        var query = base.GetBooleanQuery(clauses, disableCoord);
        if (query is not null)
        {
            _reading.WordsOf[query] = clauses.SelectMany(c => _reading.WordsOf.GetValueOrDefault(c.Query) ?? []).ToList();
        }

        // Lucene matches nothing for a group of only exclusions; we mean "every passage except these".
        if (query is BooleanQuery { Clauses.Count: > 0 } boolean && boolean.Clauses.All(c => c.Occur == Occur.MUST_NOT))
        {
            boolean.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        return query;
    }

    private static BooleanQuery Any(IEnumerable<Query> queries)
    {
        var any = new BooleanQuery(true);
        foreach (var query in queries)
        {
            any.Add(query, Occur.SHOULD);
        }

        return any;
    }

    private Query? And(Query? a, Query? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        var both = new BooleanQuery();
        var occur = DefaultOperator == AND_OPERATOR ? Occur.MUST : Occur.SHOULD;
        both.Add(a, occur);
        both.Add(b, occur);
        return both;
    }

    // ---- positions (1-based, in the query as shown) ----

    /// <summary>Where the token the parser consumed last starts.</summary>
    private int Position() => _reading.Text.ToShown(Token?.BeginColumn ?? 0);

    /// <summary>Where the range being read starts (its '[' or '{').</summary>
    private int RangePosition()
    {
        var at = _reading.IndexOf(Token?.BeginColumn ?? -1);
        for (var i = at; i >= 0; i--)
        {
            if (_reading.Tokens[i].Kind is RegexpToken.RANGEIN_START or RegexpToken.RANGEEX_START)
            {
                return _reading.Text.ToShown(_reading.Tokens[i].BeginColumn);
            }
        }

        return Position();
    }

    /// <summary>Where the field name <paramref name="field"/> before the current token starts.</summary>
    private int FieldPosition(string field)
    {
        var at = _reading.IndexOf(Token?.BeginColumn ?? -1);
        for (var i = at < 0 ? _reading.Tokens.Count - 1 : at; i > 0; i--)
        {
            var token = _reading.Tokens[i];
            if (token.Kind == RegexpToken.COLON && _reading.Tokens[i - 1] is { Kind: RegexpToken.TERM } name
                && string.Equals(DiscardEscapes(name.Image), field, StringComparison.OrdinalIgnoreCase))
            {
                return _reading.Text.ToShown(name.BeginColumn);
            }
        }

        return Position();
    }

    private static string DiscardEscapes(string image) => image.Replace("\\", "", StringComparison.Ordinal);
}
