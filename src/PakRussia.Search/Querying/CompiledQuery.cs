using Lucene.Net.Search;

namespace PakRussia.Search.Querying;

/// <summary>
/// A user's query as the searcher runs it: a Lucene <see cref="Query"/> over the passage fields, parsed by Lucene's
/// classic query parser (<see cref="PassageQueryParser"/>) with our fields, filters and limits. Produced by
/// <see cref="QueryCompiler"/>; consumed by the searcher, which restricts it to searchable passages.
/// </summary>
public sealed record CompiledQuery
{
    /// <summary>What passages must match: words, phrases and filters; null when nothing searchable is left.</summary>
    public Query? Query { get; init; }

    /// <summary>
    /// The same query with its required words made optional, to fall back to when the default operator is AND and
    /// <see cref="Query"/> finds nothing; null when there is no sensible fallback (one word, explicit operators, --any).
    /// </summary>
    public Query? Fallback { get; init; }

    /// <summary>
    /// A sentence-like query (three or more required words, the default AND, no operators typed): the same query with
    /// its words made optional and at least <see cref="MinimumWords"/> of them required, so passages with most of the
    /// words match too; the searcher ranks those with every word (<see cref="Query"/>) first. Null otherwise.
    /// </summary>
    public Query? Partial { get; init; }

    /// <summary>The required words' clauses and how they were typed (to say which a passage lacks); empty without <see cref="Partial"/>.</summary>
    public IReadOnlyList<RequiredWord> RequiredWords { get; init; } = [];

    /// <summary>How many of <see cref="RequiredWords"/> a passage must have under <see cref="Partial"/>.</summary>
    public int MinimumWords { get; init; }

    /// <summary>True when the query has words to rank and mark (not only filters or exclusions).</summary>
    public bool HasText { get; init; }

    /// <summary>What the lenient parser repaired or ignored, in words a user understands.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The positive words of the query as typed (for "did you mean").</summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>How the query was read: the Lucene query, filters, dropped stop words, expansions.</summary>
    public QueryExplanation? Explanation { get; init; }

    /// <summary>Every alias the query was also searched as (none with aliases off).</summary>
    public IReadOnlyList<Aliases.AliasUse> Aliases { get; init; } = [];
}

/// <summary>One required word (or phrase, or group) of a query: its Lucene clause and the text typed for it.</summary>
public sealed record RequiredWord(Query Clause, string Typed);

/// <summary>How a query was read, for <c>--explain</c> (the query is printed only when asked for).</summary>
public sealed record QueryExplanation
{
    private readonly Lazy<string> _tree;
    private readonly Lazy<string?> _match;

    public QueryExplanation(Query? query)
    {
        _tree = new Lazy<string>(() => query is null ? "(empty)" : QueryPrinter.Print(query));
        _match = new Lazy<string?>(() => query?.ToString());
    }

    /// <summary>The Lucene query tree printed one clause per line, indented.</summary>
    public string Tree => _tree.Value;
    /// <summary>The Lucene query in its own syntax (<c>+(+all:russia title:russia^0.5 section:russia^0.5)</c>).</summary>
    public string? Match => _match.Value;
    /// <summary>The metadata filters in words: <c>source is forum</c>, <c>year in [2014, 2017]</c>.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];
    public IReadOnlyList<string> StopWordsDropped { get; init; } = [];
    /// <summary>Wildcard, fuzzy and prefix expansions: "kremlim~ → kremlin, kremlins".</summary>
    public IReadOnlyList<string> Expansions { get; init; } = [];
    /// <summary>For a sentence-like query: how many of its words a passage needs ("at least 3 of the 4 words: …").</summary>
    public string? MostWords { get; init; }
    /// <summary>Aliases searched too: "Soviet Union also searched as USSR (aliases.txt line 3)".</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>By relevance: how the first passages are rescored for the words near each other (set by the searcher).</summary>
    public string? Proximity { get; init; }
}

/// <summary>Options for compiling a query.</summary>
public sealed record QueryOptions
{
    /// <summary>Strict: a malformed query throws <c>QueryParseException</c>. Lenient (default): repair and warn.</summary>
    public bool Strict { get; init; }
    /// <summary>True: bare words combine with OR (--any). False: AND, with an OR fallback.</summary>
    public bool AnyWord { get; init; }
    /// <summary>True (--all): every word is required, with no passages of most of the words and no OR fallback.</summary>
    public bool AllWords { get; init; }
    /// <summary>
    /// True: the query is free text (a claim, a pasted sentence), not query syntax: only its words are searched
    /// (see <see cref="QueryCompiler.PlainWords"/>); quotes, parentheses, '-', ':' and the like mean nothing.
    /// </summary>
    public bool PlainText { get; init; }
    /// <summary>Bounds on length, clauses, nesting and expansions; <see cref="QueryLimits.Default"/> unless set.</summary>
    public QueryLimits Limits { get; init; } = QueryLimits.Default;
    /// <summary>The fields a bare word searches and their boosts, each by its own BM25; unless set, the all field (<see cref="Indexing.IndexFields.SearchBoosts"/>).</summary>
    public IReadOnlyDictionary<string, float>? Fields { get; init; }
    /// <summary>The alias list names are also searched by; null or empty: exactly what was typed.</summary>
    public Aliases.AliasList? Aliases { get; init; }
}

/// <summary>
/// The index's surface words (lower-case, accents folded, not stemmed) with the number of passages holding each:
/// completions, "did you mean", and the expansion of wildcard, prefix and fuzzy terms.
/// </summary>
public interface IVocabulary
{
    /// <summary>Words starting with <paramref name="prefix"/>, most passages first, at most <paramref name="limit"/>; <paramref name="total"/> counts them all.</summary>
    IReadOnlyList<VocabularyTerm> WithPrefix(string prefix, int limit, out int total);

    /// <summary>Words matching a pattern with <c>?</c> (one character) and <c>*</c> (any run), most passages first.</summary>
    IReadOnlyList<VocabularyTerm> Wildcard(string pattern, int limit, out int total);

    /// <summary>
    /// Words within <paramref name="maxEdits"/> edits (insertions, deletions, substitutions, swaps of neighbours) of
    /// <paramref name="word"/> that share its first letter, closest first, then most passages.
    /// </summary>
    IReadOnlyList<(VocabularyTerm Term, int Distance)> Fuzzy(string word, int maxEdits, int limit, out int total);

    /// <summary>Number of passages containing the word (0 when absent).</summary>
    long DocumentCount(string word);
}

/// <summary>A vocabulary entry.</summary>
public readonly record struct VocabularyTerm(string Term, long DocumentCount);
