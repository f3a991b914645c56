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
        var parsed = QueryParser.Parse(query, options.Strict, options.Limits, options.AnyWord);
        var warnings = parsed.Warnings.ToList();
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

    /// <summary>Compiles with default (lenient, AND) options.</summary>
    public static CompiledQuery Compile(string query, IVocabulary? vocabulary = null) => Compile(query, new QueryOptions(), vocabulary);
}
