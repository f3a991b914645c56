using PakRussia.Search.Querying;

namespace PakRussia.Search.Tests.Querying;

public class DidYouMeanTests
{
    private static readonly IVocabulary Vocabulary = TestVocabulary.Of(
    [
        ("pakistan", 512), ("pakistani", 240), ("russia", 455), ("russian", 310), ("afghanistan", 298), ("afghan", 150),
        ("kremlin", 81), ("moscow", 204), ("islamabad", 160), ("taliban", 122), ("soviet", 140), ("treaty", 45),
        ("gas", 70), ("pipeline", 66), ("defence", 90), ("defense", 30), ("cooperation", 110), ("rusia", 1),
        ("putin", 75), ("musharraf", 33), ("sharif", 58), ("forum", 12), ("india", 230),
    ]);

    [Theory]
    [InlineData("Afganistan", "afghanistan")]
    [InlineData("Kremlim", "kremlin")]
    [InlineData("Pakistn Rusia", "pakistan russia")]
    [InlineData("\"Pakistn Rusia\" AND title:Kremlim", "\"pakistan russia\" AND title:kremlin")]
    [InlineData("(Musharaf OR Sharif) -Indai", "(musharraf OR Sharif) -india")]
    [InlineData("Rusia~ pipline^2", "russia~ pipeline^2")]
    [InlineData("the role of rusia in afganistan", "the role of russia in afghanistan")]
    [InlineData("source:forom Putn", "source:forom putin")]
    [InlineData("Moscw year:[2014 TO 2017]", "moscow year:[2014 TO 2017]")]
    public void SuggestsCloseFrequentWordsKeepingTheStructure(string query, string expected) =>
        Assert.Equal(expected, DidYouMean.Suggest(query, Vocabulary));

    [Theory]
    [InlineData("pakistan russia")]
    [InlineData("Pakistan AND \"Russian gas\"")]
    [InlineData("zzzzzzzz")]
    [InlineData("source:forom")]
    [InlineData("afgh* ta?iban")]
    [InlineData("")]
    [InlineData("of the")]
    [InlineData("OPS-306")]
    public void ReturnsNullWhenNothingChanges(string query) => Assert.Null(DidYouMean.Suggest(query, Vocabulary));

    [Fact]
    public void RareWordNextToAFrequentNeighbourIsCorrected()
    {
        // "rusia" occurs once; "russia" is far more frequent
        Assert.Equal("russia", DidYouMean.Correct("rusia", Vocabulary));
        // "defense" (30) is not rare: left alone even though "defence" is more frequent
        Assert.Null(DidYouMean.Correct("defense", Vocabulary));
    }
}
