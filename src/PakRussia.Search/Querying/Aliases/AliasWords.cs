using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using PakRussia.Search.Indexing.Analysis;

namespace PakRussia.Search.Querying.Aliases;

/// <summary>One word of a query or an alias, as written and as compared (lower case, accents folded).</summary>
public readonly record struct AliasWord(string Written, string Folded, int Start, int End);

/// <summary>Splits text into words exactly where the index's tokenizer does (StandardTokenizer), keeping each word as written.</summary>
public static class AliasWords
{
    public static IReadOnlyList<AliasWord> Split(string text)
    {
        var words = new List<AliasWord>();
        using var tokenizer = new StandardTokenizer(PassageAnalyzer.Version, new StringReader(text));
        var term = tokenizer.AddAttribute<ICharTermAttribute>();
        var offset = tokenizer.AddAttribute<IOffsetAttribute>();
        tokenizer.Reset();
        while (tokenizer.IncrementToken())
        {
            var written = term.ToString();
            words.Add(new AliasWord(written, Fold(written), offset.StartOffset, offset.EndOffset));
        }

        tokenizer.End();
        return words;
    }

    /// <summary>Lower case, accents folded, a final possessive dropped: "Pakistan’s" and "PAKISTAN" compare as "pakistan".</summary>
    public static string Fold(string word)
    {
        var folded = PassageQueryParser.Fold(word.Replace('\u2019', '\''));
        return folded.EndsWith("'s", StringComparison.Ordinal) ? folded[..^2] : folded;
    }
}
