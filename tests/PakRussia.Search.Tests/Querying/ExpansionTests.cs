using PakRussia.Search.Querying;

namespace PakRussia.Search.Tests.Querying;

/// <summary>Wildcard and fuzzy expansion, edit distance and the in-memory vocabulary.</summary>
public class ExpansionTests
{
    private static readonly InMemoryVocabulary Vocabulary = new(
    [
        ("kremlin", 80), ("kremlins", 3), ("kremlinology", 2), ("taliban", 120), ("talibans", 4), ("tabiban", 1),
        ("pakistan", 500), ("pakistani", 200), ("pakistanis", 90), ("afghanistan", 300), ("afghan", 150),
        ("moscow", 200), ("moscows", 1), ("iran", 60), ("iraq", 40), ("oran", 2), ("Ḱrémlin", 5),
    ]);

    [Theory]
    [InlineData("kremlin", "kremlim", 1)]
    [InlineData("kremlin", "kremiln", 1)] // swap counts as one edit (Damerau)
    [InlineData("afghanistan", "afganistan", 1)]
    [InlineData("pakistan", "pkaistn", 2)]
    [InlineData("moscow", "moscow", 0)]
    [InlineData("abc", "xyzzy", 3)] // beyond max=2 → max+1
    public void EditDistance(string a, string b, int expected) => Assert.Equal(expected, TermExpander.EditDistance(a, b, 2));

    [Theory]
    [InlineData("ta?iban", "taliban", true)]
    [InlineData("ta?iban", "tabiban", true)]
    [InlineData("ta?iban", "talibans", false)]
    [InlineData("pak*stan", "pakistan", true)]
    [InlineData("pak*stan", "pakstan", true)]
    [InlineData("pak*s", "pakistanis", true)]
    [InlineData("pak*s", "pakistani", false)]
    [InlineData("a*b*c", "axxbyyc", true)]
    public void Glob(string pattern, string text, bool expected) => Assert.Equal(expected, TermExpander.Glob(pattern, text));

    [Fact]
    public void WildcardExpandsMostFrequentFirst()
    {
        var q = QueryCompiler.Compile("ta?iban*", new QueryOptions(), Vocabulary);
        Assert.Equal("\"taliban\" OR \"talibans\" OR \"tabiban\"", q.Match);
    }

    [Fact]
    public void FuzzyExpandsClosestThenMostFrequent()
    {
        var q = QueryCompiler.Compile("kremlim~", new QueryOptions(), Vocabulary);
        Assert.Equal("\"kremlin\" OR \"kremlins\"", q.Match);
        Assert.Equal("\"moscow\" OR \"moscows\"", QueryCompiler.Compile("moscow~1", new QueryOptions(), Vocabulary).Match);
    }

    [Fact]
    public void ShortWordsDefaultToOneEdit()
    {
        // irak~ has 4 letters: one edit → iraq (1 edit), iran (1 edit); oran is 2 edits away
        var q = QueryCompiler.Compile("irak~", new QueryOptions(), Vocabulary);
        Assert.Equal("\"iran\" OR \"iraq\"", q.Match);
        // oran is within 2 edits but starts with another letter: fuzzy terms keep their first letter (prefixLength 1)
        Assert.Equal("\"iran\" OR \"iraq\"", QueryCompiler.Compile("irak~2", new QueryOptions(), Vocabulary).Match);
    }

    [Fact]
    public void WithoutVocabularyWildcardsFallBackToPrefixAndFuzzyToTheWord()
    {
        var q = QueryCompiler.Compile("pak*stan kremlim~", new QueryOptions(), null);
        Assert.Equal("\"pak\" * AND \"kremlim\"", q.Match);
        Assert.Contains(q.Warnings, w => w.Contains("no vocabulary to expand 'pak*stan'"));
        Assert.Contains(q.Warnings, w => w.Contains("no vocabulary to expand 'kremlim~'"));
    }

    [Fact]
    public void InMemoryVocabularyFoldsAndMerges()
    {
        Assert.Equal(85, Vocabulary.DocumentCount("KREMLIN"));
        Assert.Equal(0, Vocabulary.DocumentCount("kreml"));
        Assert.Equal(["kremlin", "kremlins", "kremlinology"], Vocabulary.TermsWithPrefix("Krem", 10).Select(t => t.Term));
        Assert.Equal(["kremlin"], Vocabulary.TermsWithPrefix("krem", 1).Select(t => t.Term));
        Assert.Equal(["pakistani"], Vocabulary.Candidates(9, 9, "pak").Select(t => t.Term));
        Assert.Empty(Vocabulary.Candidates(1, 100, "zz"));
        Assert.Equal(Vocabulary.Count, Vocabulary.Candidates(0, int.MaxValue, "").Count());
    }

    [Fact]
    public void FromTextsCountsPassagesNotOccurrences()
    {
        var v = InMemoryVocabulary.FromTexts(["Russia, Russia and Pakistan", "Pakistan’s role"]);
        Assert.Equal(1, v.DocumentCount("russia"));
        Assert.Equal(2, v.DocumentCount("pakistan"));
        Assert.Equal(1, v.DocumentCount("s"));
    }
}
