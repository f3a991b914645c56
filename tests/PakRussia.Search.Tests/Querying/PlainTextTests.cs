using PakRussia.Search.Evaluation;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Tests.Querying;

/// <summary>Free text (a claim, a pasted sentence) is searched as its words, with no query syntax.</summary>
public sealed class PlainTextTests
{
    [Fact]
    public void Only_letters_and_digits_survive_and_operators_become_words()
    {
        Assert.Equal("IL 6 levels a test rise 5 and more", QueryCompiler.PlainWords("IL-6 levels (a \"test\"): rise 5% AND more"));
        Assert.Equal("title x 2 or not y", QueryCompiler.PlainWords("title:x^2 OR NOT -y*"));
        Assert.Equal("", QueryCompiler.PlainWords("()\"-:~"));
    }

    [Fact]
    public void Long_text_is_cut_to_the_clause_limit_with_a_warning()
    {
        var warnings = new List<string>();
        var words = QueryCompiler.PlainWords(string.Join(' ', Enumerable.Range(0, 100).Select(i => "w" + i)), QueryLimits.Default, warnings);
        Assert.Equal(QueryLimits.Default.MaxClauses, words.Split(' ').Length);
        Assert.Single(warnings);
    }

    [Theory]
    [InlineData("0-dimensional biomaterials show \"inductive\" properties (in vivo).")]
    [InlineData("AND OR NOT ( [ { :")]
    [InlineData("title:(unclosed")]
    public void Claims_compile_strictly_without_syntax_errors(string claim)
    {
        var compiled = QueryCompiler.Compile(claim, new QueryOptions { PlainText = true, AnyWord = true, Strict = true }, null);
        Assert.Empty(compiled.Explanation!.Filters);
        Assert.NotNull(compiled.Query);
    }

    [Fact]
    public void Best_plus_share_adds_a_share_of_the_other_passages()
    {
        var ranked = PassageAggregation.BestPlusShare([("a", 3.0), ("a", 2.0), ("b", 3.5), ("c", 1.0), ("c", 1.0)], 0.5);
        Assert.Equal([("a", 4.0), ("b", 3.5), ("c", 1.5)], ranked.Select(d => (d.DocId, d.Score)));
        Assert.Equal(PassageAggregation.BestPassagePerDocument([("a", 3.0), ("b", 1.0)]), PassageAggregation.BestPlusShare([("a", 3.0), ("b", 1.0)], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PassageAggregation.BestPlusShare([], 1.5));
    }
}
