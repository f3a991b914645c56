using Lucene.Net.QueryParsers.Classic;

namespace PakRussia.Search.Querying.Aliases;

/// <summary>
/// Lucene's classic parser splits a query on spaces before any analysis, so a name of several words typed bare
/// (<c>Soviet Union collapse</c>) reaches the parser word by word and no alias of it could be found. Before parsing,
/// bare words in a row that spell a name of the alias list are put in quotes (<c>"Soviet Union" collapse</c>), in the
/// text the parser reads only: positions in messages still point at the query as typed. The parser knows these quotes
/// are ours: it searches the words as typed (soviet AND union, not the phrase) or the aliases (USSR).
/// </summary>
internal static class AliasGrouping
{
    /// <summary>
    /// Quotes the multi-word names among bare words and returns the names quoted (empty: nothing changed). The parser
    /// searches such a name as its words, as typed (not as a phrase), or as any of its aliases.
    /// </summary>
    public static IReadOnlyList<string> Quote(QueryText text, List<Token> tokens, AliasList aliases)
    {
        if (aliases.Entries.Count == 0)
        {
            return [];
        }

        var groups = new List<(int Start, int End)>();
        var run = new List<int>();
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (i < tokens.Count && IsBare(tokens, i) && (run.Count == 0 || run[^1] == i - 1))
            {
                run.Add(i);
                continue;
            }

            if (run.Count >= 2)
            {
                groups.AddRange(NamesIn(tokens, run, aliases));
            }

            run.Clear();
            if (i < tokens.Count && IsBare(tokens, i))
            {
                run.Add(i);
            }
        }

        var names = new List<string>();
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var (start, end) = groups[g];
            names.Add(text.Parsed[start..end]);
            text.Insert(end, "\"");
            text.Insert(start, "\"");
        }

        return names;
    }

    /// <summary>A plain word: not a field name or value, no proximity, boost or fuzzy mark after it.</summary>
    private static bool IsBare(List<Token> tokens, int i)
    {
        var token = tokens[i];
        if (token.Kind != RegexpToken.TERM || token.Image.Contains('\\'))
        {
            return false;
        }

        var next = i + 1 < tokens.Count ? tokens[i + 1].Kind : RegexpToken.EOF;
        var previous = i > 0 ? tokens[i - 1].Kind : RegexpToken.EOF;
        return next is not (RegexpToken.COLON or RegexpToken.FUZZY_SLOP or RegexpToken.CARAT) && previous != RegexpToken.COLON
            && !IsOperator(token.Image);
    }

    private static bool IsOperator(string image) => image is "AND" or "OR" or "NOT" or "&&" or "||";

    /// <summary>The stretches (in parsed-text columns) of the run that spell a name of two or more query words.</summary>
    private static IEnumerable<(int Start, int End)> NamesIn(List<Token> tokens, List<int> run, AliasList aliases)
    {
        var words = new List<AliasWord>();
        var tokenOf = new List<int>();
        foreach (var index in run)
        {
            foreach (var word in AliasWords.Split(tokens[index].Image))
            {
                words.Add(word);
                tokenOf.Add(index);
            }
        }

        for (var w = 0; w < words.Count;)
        {
            if (aliases.LongestAt(words, w) is { } found)
            {
                var last = w + found.Variant.Words.Count - 1;
                var (first, final) = (tokenOf[w], tokenOf[last]);
                var startsToken = w == 0 || tokenOf[w - 1] != first;
                var endsToken = last == words.Count - 1 || tokenOf[last + 1] != final;
                if (final > first && startsToken && endsToken)
                {
                    yield return (tokens[first].BeginColumn, tokens[final].BeginColumn + tokens[final].Image.Length);
                    w = last + 1;
                    continue;
                }
            }

            w++;
        }
    }
}
