using PakRussia.Search.Quotes;
using PakRussia.Search.Tests.TestSupport;
using Xunit.Abstractions;

namespace PakRussia.Search.Tests.Quotes;

public class QuoteAlignerTests(ITestOutputHelper output)
{
    // Raw seed files stand in for cleaned document text: they are harder (hard wraps, blank lines between lines).
    private static readonly Lazy<string> Paper = new(() => ReadSeed("003_"));
    private static readonly Lazy<string> Forum = new(() => ReadSeed("000_"));

    private static string ReadSeed(string prefix) =>
        File.ReadAllText(Directory.GetFiles(RepoPaths.Seeds, prefix + "*.txt").Single());

    private static QuoteAlignment AlignInPaper(string quote)
    {
        var alignment = QuoteAligner.Align(quote, Paper.Value);
        Assert.NotNull(alignment);
        return alignment;
    }

    [Fact]
    public void Exact_quote_across_a_hard_line_break_maps_back_to_the_original_span()
    {
        const string quote = "The close cooperation between Pakistan and Russia has also encouraged Central Asian Republics for greater interaction with Pakistan";
        var a = AlignInPaper(quote);

        Assert.True(a.Exact);
        Assert.Equal(1.0, a.Similarity);
        Assert.Empty(a.Differences);
        var span = Paper.Value[a.Start..a.End];
        Assert.Contains('\n', span); // the seed wraps this sentence
        Assert.StartsWith("The close cooperation", span);
        Assert.EndsWith("interaction with Pakistan", span);
        Assert.Equal(FoldedText.Fold(quote), string.Join(' ', span.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant());
    }

    [Theory]
    [InlineData("discourage narco-economy and its trafficking")]   // typed with the hyphen
    [InlineData("discourage narcoeconomy and its trafficking")]    // typed joined
    [InlineData("discourage narco economy and its trafficking")]   // typed split
    [InlineData("Discourage Narco–Economy and its trafficking")]    // en dash, odd case
    public void Line_end_hyphenation_matches_however_the_word_is_typed(string quote)
    {
        var a = AlignInPaper(quote);

        Assert.True(a.Exact, quote);
        var span = Paper.Value[a.Start..a.End];
        Assert.Contains("narco-\n\neconomy", span.Replace("\r", ""));
        Assert.StartsWith("discourage", span);
        Assert.EndsWith("trafficking", span);
    }

    [Fact]
    public void Ascii_typed_diacritics_match()
    {
        var a = AlignInPaper("what bothered Pakistan vis-a-vis Afghanistan and India");

        Assert.True(a.Exact);
        Assert.Equal("what bothered Pakistan vis-à-vis Afghanistan and India", Paper.Value[a.Start..a.End]);
    }

    [Fact]
    public void Straight_quotes_match_curly_ones_across_a_line_break()
    {
        var a = AlignInPaper("Pakistan's natural resource is its advantageous strategic location");

        Assert.True(a.Exact);
        var span = Paper.Value[a.Start..a.End];
        Assert.StartsWith("Pakistan\u2019s natural", span);
        Assert.EndsWith("strategic \n\nlocation", span.Replace("\r", ""));
    }

    [Theory]
    [InlineData("The close cooperation between Pakistan and Russia \u2026 for greater interaction with Pakistan")]
    [InlineData("The close cooperation between Pakistan and Russia ... interaction with Pakistan.")]
    [InlineData("The close cooperation . . . Central Asian Republics \u2026 interaction with Pakistan")]
    public void Ellipsis_stands_for_omitted_words(string quote)
    {
        var a = AlignInPaper(quote);

        Assert.True(a.Exact, quote);
        Assert.Equal(1.0, a.Similarity);
        var span = Paper.Value[a.Start..a.End];
        Assert.StartsWith("The close cooperation", span);
        Assert.EndsWith("interaction with Pakistan", span);
        Assert.Contains("has also encouraged", span); // the omitted words are inside the matched span
    }

    [Fact]
    public void Ellipsis_gap_longer_than_the_limit_is_not_exact()
    {
        // The two halves are far more than 60 words apart in the paper.
        var a = QuoteAligner.Align(
            "Pakistan and Russia are in close collaboration for the last decade \u2026 shared responsibility of regional states",
            Paper.Value,
            threshold: 0.0);

        Assert.True(a is null || !a.Exact);
    }

    [Fact]
    public void Misquote_with_two_changed_words_is_found_with_its_differences()
    {
        var a = AlignInPaper("The close partnership between Pakistan and Russia has also encouraged Central Asian States for greater interaction with Pakistan");

        Assert.False(a.Exact);
        Assert.Equal(16.0 / 18.0, a.Similarity, 6); // 18 words, 2 changed
        Assert.Collection(
            a.Differences,
            d =>
            {
                Assert.Equal(DifferenceKind.Changed, d.Kind);
                Assert.Equal(["cooperation"], d.CorpusWords);
                Assert.Equal(["partnership"], d.QuoteWords);
            },
            d =>
            {
                Assert.Equal(DifferenceKind.Changed, d.Kind);
                Assert.Equal(["Republics"], d.CorpusWords);
                Assert.Equal(["States"], d.QuoteWords);
            });
        Assert.Equal(["cooperation", "Republics"], a.MissingFromQuote);
        Assert.Equal(["partnership", "States"], a.ExtraInQuote);
        Assert.StartsWith("The close cooperation", Paper.Value[a.Start..a.End]);
    }

    [Fact]
    public void Missing_and_extra_words_are_reported_in_order()
    {
        const string text = "Russia controls the northern corridor to the contiguous areas of Afghanistan and Central Asia.";
        var a = QuoteAligner.Align("Russia controls the corridor to the contiguous areas of Afghanistan and all Central Asia", text);

        Assert.NotNull(a);
        Assert.Collection(
            a.Differences,
            d => Assert.Equal((DifferenceKind.Missing, "northern", ""), (d.Kind, string.Join(' ', d.CorpusWords), string.Join(' ', d.QuoteWords))),
            d => Assert.Equal((DifferenceKind.Extra, "", "all"), (d.Kind, string.Join(' ', d.CorpusWords), string.Join(' ', d.QuoteWords))));
        Assert.Equal(13.0 / 15.0, a.Similarity, 6); // 13 matched, 1 missing, 1 extra
        Assert.Equal("Russia controls the northern corridor to the contiguous areas of Afghanistan and Central Asia", text[a.Start..a.End]);
    }

    [Theory]
    [InlineData("Bananas grow quickly in the tropical highlands of Peru every spring")]
    [InlineData("Completely unrelated words about football and cricket scores today")]
    public void Quote_not_in_the_text_returns_null(string quote)
    {
        Assert.Null(QuoteAligner.Align(quote, Paper.Value));
        Assert.Null(QuoteAligner.Align(quote, Forum.Value));
    }

    [Fact]
    public void Forum_quote_is_found_in_the_thread()
    {
        var a = QuoteAligner.Align("Pakistan, being the only nuclear-armed Muslim nation, carries a great deal of weight in the Muslim world", Forum.Value);

        Assert.NotNull(a);
        Assert.True(a.Exact);
        Assert.Equal("Pakistan, being the only nuclear-armed Muslim nation, carries a great deal of weight in the Muslim world", Forum.Value[a.Start..a.End]);
    }

    [Fact]
    public void Quote_partly_outside_the_passage_is_a_near_match_or_nothing()
    {
        const string passage = "Pakistan provides an outlet in the south.";
        var a = QuoteAligner.Align("Russia controls the northern corridor while Pakistan provides an outlet in the south", passage);

        Assert.Null(a); // 7 matched words in 13 columns at best: 0.54 < 0.6
        var loose = QuoteAligner.Align("Russia controls the northern corridor while Pakistan provides an outlet in the south", passage, 0.5);
        Assert.NotNull(loose);
        Assert.Equal(passage.TrimEnd('.'), passage[loose.Start..loose.End]);
    }

    [Fact]
    public void Long_quote_against_the_whole_paper_is_fast()
    {
        // ~100 words copied from the raw file, line breaks and all; aligned against every word of the paper.
        var start = Paper.Value.IndexOf("On the other hand Pakistan became victim", StringComparison.Ordinal);
        var quote = Paper.Value.Substring(start, 700);
        quote = quote[..quote.LastIndexOf(' ')];
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var a = QuoteAligner.Align(quote, Paper.Value);
        watch.Stop();

        Assert.NotNull(a);
        Assert.True(a.Exact);
        Assert.Equal(start, a.Start);
        output.WriteLine($"aligned {quote.Length} characters against the whole paper in {watch.ElapsedMilliseconds} ms (printed, not asserted)");
    }

    [Fact]
    public void Very_long_text_is_narrowed_to_the_densest_windows()
    {
        // Five copies of the paper and a ~250-word quote: beyond the full-matrix budget, so windows are used.
        var text = string.Join("\n\n", Enumerable.Repeat(Paper.Value, 5));
        var start = Paper.Value.IndexOf("The following factors have mainly shaped", StringComparison.Ordinal);
        var quote = Paper.Value.Substring(start, 1800);
        quote = quote[..quote.LastIndexOf(' ')];
        var quoteWords = new FoldedText(quote).Tokens.Count;
        Assert.True((long)quoteWords * new FoldedText(text).Tokens.Count > 4_000_000, "test must exceed the cell budget");

        var a = QuoteAligner.Align(quote, text);

        Assert.NotNull(a);
        Assert.True(a.Exact);
        Assert.Equal(start, a.Start); // the first copy
    }

    [Theory]
    [InlineData("", false, "A quote needs at least 4 words")]
    [InlineData("Pakistan and Russia", false, "A quote needs at least 4 words")]
    [InlineData("— … Pakistan, Russia! …", false, "A quote needs at least 4 words")]
    [InlineData("Pakistan and Russia agree", true, null)]
    public void Validation_checks_length(string quote, bool valid, string? message)
    {
        var v = QuoteAligner.Validate(quote);

        Assert.Equal(valid, v.IsValid);
        Assert.Equal(message, v.Message);
    }

    [Fact]
    public void Validation_rejects_too_many_words_and_characters()
    {
        var words = QuoteAligner.Validate(string.Join(' ', Enumerable.Repeat("ab", 401)));
        Assert.False(words.IsValid);
        Assert.Equal("A quote can have at most 400 words (this one has 401)", words.Message);

        var chars = QuoteAligner.Validate(string.Join(' ', Enumerable.Repeat("Afghanistan", 280)));
        Assert.False(chars.IsValid);
        Assert.StartsWith("A quote can have at most 3,000 characters", chars.Message);

        var ok = QuoteAligner.Validate("Pakistan’s natural resource is its location");
        Assert.True(ok.IsValid);
        Assert.Equal(["pakistan's", "natural", "resource", "is", "its", "location"], ok.Tokens);
    }
}
