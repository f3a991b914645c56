using PakRussia.Search.Querying;

namespace PakRussia.Search.Tests.Querying;

/// <summary>
/// Wildcard, prefix and fuzzy expansion over the index's own words (Lucene's term dictionary, wildcard automaton and
/// Levenshtein automata through <see cref="IndexVocabulary"/>), and how the expanded words are searched.
/// </summary>
public class ExpansionTests
{
    private static readonly IVocabulary Vocabulary = TestVocabulary.Of(
    [
        ("kremlin", 80), ("kremlins", 3), ("kremlinology", 2), ("taliban", 120), ("talibans", 4), ("tabiban", 1),
        ("pakistan", 500), ("pakistani", 200), ("pakistanis", 90), ("afghanistan", 300), ("afghan", 150),
        ("moscow", 200), ("moscows", 1), ("iran", 60), ("iraq", 40), ("oran", 2), ("Ḱrémlin", 5),
    ]);

    private static readonly Dictionary<string, float> TextOnly = new() { ["text"] = 1f };

    private static string? Compiled(string query) => QueryCompiler.Compile(query, new QueryOptions { Fields = TextOnly }, Vocabulary).Query?.ToString();

    [Fact]
    public void FuzzyFindsWordsWithinTheEdits_ClosestThenMostFrequent()
    {
        var found = Vocabulary.Fuzzy("kremlim", 2, 10, out var total);
        Assert.Equal(["kremlin", "kremlins"], found.Select(f => f.Term.Term));
        Assert.Equal([1, 2], found.Select(f => f.Distance));
        Assert.Equal(2, total);
        // a swap of neighbours is one edit (Damerau)
        Assert.Equal(1, Assert.Single(Vocabulary.Fuzzy("kremiln", 1, 10, out _)).Distance);
        Assert.Equal(0, Vocabulary.Fuzzy("moscow", 1, 10, out _)[0].Distance);
    }

    [Fact]
    public void FuzzyKeepsTheFirstLetter()
    {
        // oran is within 2 edits of irak but starts with another letter (prefix length 1, as Lucene's FuzzyQuery can)
        Assert.DoesNotContain("oran", Vocabulary.Fuzzy("irak", 2, 10, out _).Select(f => f.Term.Term));
    }

    [Fact]
    public void WildcardAndPrefixFindWordsMostFrequentFirst()
    {
        Assert.Equal(["taliban", "tabiban"], Vocabulary.Wildcard("ta?iban", 10, out _).Select(t => t.Term));
        Assert.Equal(["pakistan", "pakistani", "pakistanis"], Vocabulary.Wildcard("pak*s*", 10, out _).Select(t => t.Term));
        Assert.Equal(["pakistanis"], Vocabulary.Wildcard("pak*s", 10, out _).Select(t => t.Term));
        var prefix = Vocabulary.WithPrefix("krem", 2, out var total);
        Assert.Equal(["kremlin", "kremlins"], prefix.Select(t => t.Term));
        Assert.Equal(3, total);
    }

    [Fact]
    public void WordsAreFoldedAndCountedInPassages()
    {
        Assert.Equal(85, Vocabulary.DocumentCount("kremlin")); // Ḱrémlin folds to kremlin
        Assert.Equal(0, Vocabulary.DocumentCount("kreml"));
    }

    [Fact]
    public void ExpandedWordsAreSearchedAsWords_StemsOnce()
    {
        // kremlin and kremlins share the stem: one clause
        Assert.Equal("text:kremlin", Compiled("kremlim~"));
        Assert.Equal("text:moscow", Compiled("moscow~1"));
        Assert.Equal("text:taliban text:tabiban", Compiled("ta?iban*"));
        Assert.Equal("text:iran text:iraq", Compiled("irak~"));
    }

    [Fact]
    public void WithoutVocabularyWildcardsMatchUnrankedAndFuzzyTheWordItself()
    {
        var q = QueryCompiler.Compile("pak*stan kremlim~", new QueryOptions { Fields = TextOnly }, null);
        Assert.Equal("+text:pak* +text:kremlim", q.Query?.ToString());
        Assert.Contains(q.Warnings, w => w.Contains("no vocabulary to expand 'pak*stan'"));
        Assert.Contains(q.Warnings, w => w.Contains("no vocabulary to expand 'kremlim~'"));
    }
}
