namespace PakRussia.Search.Querying;

/// <summary>
/// Compiles a query in Lucene's classic syntax into an FTS5 MATCH expression plus SQL metadata filters:
/// <see cref="QueryParser"/> builds the tree, <see cref="Fts5Translator"/> turns it into FTS5.
/// <para>Contract for the searcher:</para>
/// <list type="bullet">
/// <item><c>Match</c> non-null: rows matching it (and all <c>Filters</c>). If it finds nothing and
/// <c>Fallback</c> is non-null, run <c>Fallback</c> instead.</item>
/// <item><c>Match</c> null, <c>ExcludeOnly</c> non-null: all passages except those matching <c>ExcludeOnly</c>
/// (and all <c>Filters</c>).</item>
/// <item>Both null, <c>Filters</c> non-empty: all passages passing the filters.</item>
/// <item>Both null, no filters: an empty query (a warning says so).</item>
/// </list>
/// Lenient mode never throws except <see cref="QueryLimitException"/>; strict mode also throws
/// <see cref="QueryParseException"/>. Both derive from <see cref="QueryException"/> ("bad input").
/// </summary>
public static class QueryCompiler
{
    public static CompiledQuery Compile(string query, QueryOptions options, IVocabulary? vocabulary)
    {
        options ??= new QueryOptions();
        var plainWarnings = new List<string>();
        if (options.PlainText)
        {
            query = PlainWords(query, options.Limits, plainWarnings);
        }

        var parsed = QueryParser.Parse(query, options.Strict, options.Limits, options.AnyWord);
        var warnings = plainWarnings.Concat(parsed.Warnings).ToList();
        var translation = new Fts5Translator(parsed.Query, options.Strict, options.Limits, vocabulary, warnings)
            .Translate(parsed.Root, allowFallback: !options.AnyWord && !parsed.HasExplicitOperators);

        if (translation.Match == null && translation.ExcludeOnly == null && translation.Filters.Count == 0)
        {
            warnings.Add(parsed.Root == null ? "the query is empty" : "nothing searchable is left in the query");
        }

        if (translation.StopWordsDropped.Count > 0)
        {
            warnings.Add($"ignored common words: {string.Join(", ", translation.StopWordsDropped)}");
        }

        return new CompiledQuery
        {
            Match = translation.Match,
            Fallback = translation.Fallback,
            ExcludeOnly = translation.ExcludeOnly,
            Filters = translation.Filters,
            Weights = translation.Weights,
            Warnings = warnings.Distinct().ToList(),
            Words = translation.Words,
            Explanation = new QueryExplanation
            {
                Tree = parsed.Root?.Print() ?? "(empty)",
                Match = translation.Match ?? (translation.ExcludeOnly != null ? "all passages NOT " + translation.ExcludeOnly : null),
                Filters = translation.Filters.Select(Fts5Translator.Describe).ToList(),
                StopWordsDropped = translation.StopWordsDropped,
                Expansions = translation.Expansions,
            },
        };
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
            .Select(w => w is "AND" or "OR" or "NOT" ? w.ToLowerInvariant() : w)
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

    /// <summary>Compiles with default (lenient, AND) options.</summary>
    public static CompiledQuery Compile(string query, IVocabulary? vocabulary = null) => Compile(query, new QueryOptions(), vocabulary);
}
