using PakRussia.Search.Passages;

namespace PakRussia.Search.Tests.Passages;

public sealed class SentenceSplitterTests
{
    private static List<string> Sentences(string text) => SentenceSplitter.Split(text).Select(s => text[s.Start..s.End]).ToList();

    [Theory]
    [InlineData("One thing. Another thing! A third? Yes.", new[] { "One thing.", "Another thing!", "A third?", "Yes." })]
    [InlineData("He said “we agree.” Then left.", new[] { "He said “we agree.”", "Then left." })]
    [InlineData("The U.S. Army left. Russia stayed.", new[] { "The U.S. Army left.", "Russia stayed." })]
    [InlineData("See Andrei P. Tsygankov on this. Fine.", new[] { "See Andrei P. Tsygankov on this.", "Fine." })]
    [InlineData("Regional states i.e. Pakistan, China. Next.", new[] { "Regional states i.e. Pakistan, China.", "Next." })]
    [InlineData("In Central Asia No. 79 it says so. Next.", new[] { "In Central Asia No. 79 it says so.", "Next." })]
    [InlineData("worth 1.5 billion dollars. Next.", new[] { "worth 1.5 billion dollars.", "Next." })]
    [InlineData("no sentence end at all", new[] { "no sentence end at all" })]
    [InlineData("lower case after a dot. does not split", new[] { "lower case after a dot. does not split" })]
    public void Split_FindsSentenceEnds(string text, string[] expected) => Assert.Equal(expected, Sentences(text));
}
