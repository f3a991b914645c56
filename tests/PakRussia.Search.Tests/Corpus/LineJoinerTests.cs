using System.Text;
using PakRussia.Search.Corpus;

namespace PakRussia.Search.Tests.Corpus;

public sealed class LineJoinerTests
{
    [Theory]
    [InlineData("the case with Beijing-", "Moscow relations", "the case with Beijing-Moscow relations")]
    [InlineData("In the global context, Russo-", "American rivalry", "In the global context, Russo-American rivalry")]
    [InlineData("discourage narco-", "economy and", "discourage narco-economy and")]
    [InlineData("because the socio-", "economic development", "because the socio-economic development")]
    [InlineData("a regional coun-", "try in the north", "a regional country in the north")]
    [InlineData("the inter-", "national community", "the international community")]
    [InlineData("an evidence-", "based policy", "an evidence-based policy")]
    [InlineData("between 1990-", "2001 the", "between 1990-2001 the")]
    [InlineData("ends here. ", "Next line", "ends here. Next line")]
    public void Append_HyphenAtLineEnd_FollowsTheCompoundRule(string line, string next, string expected)
    {
        var text = new StringBuilder(line.TrimEnd());
        LineJoiner.Append(text, line, next);
        Assert.Equal(expected, text.ToString());
    }

    [Theory]
    [InlineData("from https://example.org/a-", "b/c accessed", "from https://example.org/a-b/c accessed")]
    [InlineData("https://example.org/eng_j", "anuary.pdf accessed", "https://example.org/eng_january.pdf accessed")]
    [InlineData("retrieved from ", "https://example.org/x", "retrieved from https://example.org/x")]
    public void Append_LineEndingInsideAUrl_JoinsWithoutASpace(string line, string next, string expected)
    {
        var text = new StringBuilder(line.TrimEnd());
        LineJoiner.Append(text, line, next);
        Assert.Equal(expected, text.ToString());
    }
}
