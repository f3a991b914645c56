using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PakRussia.Search.Concordance;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Concordance;

/// <summary>
/// The index-time fields the corpus tools read instead of the stored text (schema 6): each searchable passage's words by
/// position (<see cref="IndexFields.Surface"/> and <see cref="IndexFields.SurfaceSequence"/> doc values) and its word count (<see cref="IndexFields.TextWords"/>),
/// both written from one analysis (<see cref="SurfaceTokens"/>). Checked on the seed index, opened with Lucene alone,
/// against the stored text analyzed afresh.
/// </summary>
public sealed class PassageWordsTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private static List<(int Doc, string Text, long Words)> Searchable(DirectoryReader reader)
    {
        var result = new List<(int, string, long)>();
        foreach (var leaf in reader.Leaves)
        {
            var counts = leaf.AtomicReader.GetNumericDocValues(IndexFields.TextWords);
            var searchable = leaf.AtomicReader.GetTermDocsEnum(new Term(IndexFields.Searchable, "1"));
            Assert.NotNull(counts);
            Assert.NotNull(searchable);
            while (searchable.NextDoc() != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS)
            {
                var doc = leaf.DocBase + searchable.DocID;
                result.Add((doc, reader.Document(doc).Get(IndexFields.StoredText), counts.Get(searchable.DocID)));
            }
        }

        return result;
    }

    private DirectoryReader Open() => DirectoryReader.Open(FSDirectory.Open(seeds.IndexPath));

    [Fact]
    public void Every_passage_has_the_words_the_text_analyzed_again_has_at_each_position()
    {
        using var reader = Open();
        var passages = Searchable(reader);
        var words = new SurfaceWordsReader(reader);
        Assert.True(passages.Count > 100, $"only {passages.Count} searchable passages");
        foreach (var (doc, text, _) in passages)
        {
            var stored = words.Read(doc);
            var analyzed = new KwicTokens(text);
            var last = PassageAnalyzer.SurfacePositions.Terms(text).Count + 2;
            for (var position = -1; position <= last; position++)
                Assert.True(analyzed.WordAt(position) == stored.WordAt(position),
                    $"doc {doc} position {position}: text has '{analyzed.WordAt(position)}', doc values '{stored.WordAt(position)}'");
        }
    }

    [Fact]
    public void A_word_of_letters_and_digits_keeps_the_positions_of_the_text_field()
    {
        // The explainer's "2018: Pakistan bought Russian Mi-35M attack helicopters.": the index splits 35M into 35 and
        // m, the word 35m standing at the first part's position, so m takes the next position and "attack" the one after.
        using var reader = Open();
        var (doc, text, words) = Searchable(reader).Single(p => p.Text.Contains("Pakistan bought Russian Mi-35M attack helicopters", StringComparison.Ordinal));
        var passage = new SurfaceWordsReader(reader).Read(doc);
        var mi = Enumerable.Range(0, 5000).First(p => passage.WordAt(p) == "mi");
        Assert.Equal(["russian", "mi", "35m", "m", "attack", "helicopters"], Enumerable.Range(mi - 1, 6).Select(passage.WordAt));

        // The count is the tokenizer's words: "Mi-35M" is two (Mi, 35M), not three.
        Assert.Equal(PassageAnalyzer.Surface.Terms(text).Count, words);
        Assert.True(words < PassageAnalyzer.SurfacePositions.Terms(text).Count);
    }

    [Fact]
    public void Every_passage_word_count_is_the_tokenizers_and_the_years_add_up_to_the_hand_counts()
    {
        using var reader = Open();
        var passages = Searchable(reader);
        foreach (var (doc, text, words) in passages)
            Assert.True(PassageAnalyzer.Surface.Terms(text).Count == words, $"doc {doc}: {words} stored for {PassageAnalyzer.Surface.Terms(text).Count} words");

        // forum-better-ally: 1,504 words, counted outside our code (see TrendTests).
        var forum = passages.Where(p => reader.Document(p.Doc).Get(IndexFields.DocId) == "forum-better-ally").Sum(p => p.Words);
        Assert.Equal(1504, forum);
    }

    [Fact]
    public void The_words_field_holds_the_surface_words_of_the_text_and_nothing_else()
    {
        using var reader = Open();
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, text, _) in Searchable(reader))
            expected.UnionWith(PassageAnalyzer.Surface.Terms(text));
        var actual = new SortedSet<string>(StringComparer.Ordinal);
        var terms = MultiFields.GetTerms(reader, IndexFields.Words).GetEnumerator();
        while (terms.MoveNext())
            actual.Add(terms.Term.Utf8ToString());
        Assert.Equal(expected, actual);
    }
}
