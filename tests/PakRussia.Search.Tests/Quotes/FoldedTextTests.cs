using PakRussia.Search.Quotes;

namespace PakRussia.Search.Tests.Quotes;

public class FoldedTextTests
{
    [Theory]
    [InlineData("Vis-à-Vis", "vis-a-vis")]
    [InlineData("Pakistan\u2019s \u201Cmeat shield\u201D", "pakistan's \"meat shield\"")]
    [InlineData("Pak\u2013Russia \u2014 ties \u2010 now", "pak-russia - ties - now")]
    [InlineData("  two\r\n\r\n  lines\t here ", "two lines here")]
    [InlineData("nar\u00ADco econ\u200Bomy", "narco economy")]
    [InlineData("wait\u2026 what", "wait... what")]
    [InlineData("\uFB01nal Ça Ñandú Łódź Straße", "final ca nandu lodz strasse")]
    [InlineData("vis-a\u0300-vis", "vis-a-vis")] // decomposed accent
    [InlineData("Ｐａｋｉｓｔａｎ", "pakistan")]
    public void Folds_what_a_typed_quote_cannot_get_right(string input, string expected)
    {
        Assert.Equal(expected, FoldedText.Fold(input));
    }

    [Fact]
    public void Every_folded_character_maps_back_to_its_source()
    {
        const string source = "A  Caf\u00E9\u2019s \u201Cvis-\u00E0-vis\u201D";
        var f = new FoldedText(source);

        Assert.Equal("a cafe's \"vis-a-vis\"", f.Folded);
        for (var i = 0; i < f.Folded.Length; i++)
        {
            Assert.InRange(f.SourceStart(i), 0, source.Length - 1);
            Assert.True(f.SourceEnd(i) > f.SourceStart(i));
        }

        var k = f.Folded.IndexOf("cafe's", StringComparison.Ordinal);
        var (s, e) = f.MapToSource(k, k + "cafe's".Length);
        Assert.Equal("Caf\u00E9\u2019s", source[s..e]);
    }

    [Fact]
    public void Tokens_keep_source_offsets_and_mark_hyphen_joins_and_ellipses()
    {
        const string source = "discourage narco-\n\neconomy \u2026 and Pakistan\u2019s vis-\u00E0-vis - India";
        var f = new FoldedText(source);

        Assert.Equal(["discourage", "narco", "economy", "and", "pakistan's", "vis", "a", "vis", "india"], f.Tokens.Select(t => t.Text));
        Assert.Equal(["discourage", "narco", "economy", "and", "Pakistan\u2019s", "vis", "\u00E0", "vis", "India"], f.Tokens.Select(f.Surface));
        Assert.Equal([false, false, true, false, false, false, true, true, false], f.Tokens.Select(t => t.JoinedToPrevious));
        Assert.Equal([false, false, false, true, false, false, false, false, false], f.Tokens.Select(t => t.AfterEllipsis));
    }

    [Fact]
    public void Soft_hyphen_at_a_line_end_joins_the_word()
    {
        var f = new FoldedText("narco\u00AD\neconomy grows");

        Assert.Equal(["narcoeconomy", "grows"], f.Tokens.Select(t => t.Text));
        Assert.Equal("narco\u00AD\neconomy", f.Surface(f.Tokens[0]));
    }

    [Fact]
    public void A_decomposed_accent_stays_inside_its_word()
    {
        var f = new FoldedText("vis-a\u0300-vis");

        Assert.Equal(["vis", "a", "vis"], f.Tokens.Select(t => t.Text));
        Assert.Equal("a\u0300", f.Surface(f.Tokens[1]));
    }

    [Fact]
    public void Apostrophes_outside_words_are_not_part_of_them()
    {
        var f = new FoldedText("magazine \u2018HILAL\u2019. Russians\u2019 view");

        Assert.Equal(["magazine", "hilal", "russians", "view"], f.Tokens.Select(t => t.Text));
    }
}
