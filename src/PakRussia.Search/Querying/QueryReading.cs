using Lucene.Net.QueryParsers.Classic;

namespace PakRussia.Search.Querying;

/// <summary>
/// Everything one reading of a query records on the way: warnings, dropped stop words, expansions, filters, the words
/// typed, and the budget of expansions left. A lenient repair starts a fresh reading, so nothing is counted twice.
/// </summary>
internal sealed class QueryReading
{
    public required QueryText Text { get; init; }
    public required bool Strict { get; init; }
    public required QueryLimits Limits { get; init; }
    public IVocabulary? Vocabulary { get; init; }
    /// <summary>The lexer's tokens of <see cref="QueryText.Parsed"/> (for positions and context).</summary>
    public required IReadOnlyList<Token> Tokens { get; init; }
    /// <summary>Search stop words too (the query has nothing else).</summary>
    public bool KeepStopWords { get; init; }
    /// <summary>The alias list in force, or null.</summary>
    public Aliases.AliasList? Aliases { get; init; }
    /// <summary>Names typed as bare words that <see cref="Aliases.AliasGrouping"/> put in quotes: searched as words, not as a phrase.</summary>
    public IReadOnlyList<string> BareNames { get; init; } = [];
    /// <summary>The aliases searched so far.</summary>
    public List<Aliases.AliasUse> AliasUses { get; } = [];
    /// <summary>Words searched differently because of the list ("us: not where written in capitals").</summary>
    public List<string> AliasNotes { get; } = [];

    public List<string> Warnings { get; } = [];
    public List<string> StopWordsDropped { get; } = [];
    public List<string> Expansions { get; } = [];
    public List<string> Filters { get; } = [];
    public List<string> Words { get; } = [];
    /// <summary>The words as typed that each query the parser built stands for (a word, a phrase, a group).</summary>
    public Dictionary<Lucene.Net.Search.Query, List<string>> WordsOf { get; } = new(ReferenceEqualityComparer.Instance);
    public int Expanded { get; set; }
    public bool ExplicitOperators { get; set; }
    public bool HasText { get; set; }

    /// <summary>
    /// A problem in the query: strict mode throws it with its position and reason; lenient mode records the warning
    /// and carries on with what the caller makes of it.
    /// </summary>
    public void Problem(int position, string reason, string warning)
    {
        if (Strict)
        {
            throw new QueryParseException(Text.Shown, position, reason);
        }

        Warnings.Add(warning);
    }

    /// <summary>The index in <see cref="Tokens"/> of the token that starts at <paramref name="column"/> (0-based, parsed text), or -1.</summary>
    public int IndexOf(int column)
    {
        for (var i = 0; i < Tokens.Count; i++)
        {
            if (Tokens[i].BeginColumn == column && Tokens[i].Kind != RegexpToken.EOF)
            {
                return i;
            }
        }

        return -1;
    }
}
