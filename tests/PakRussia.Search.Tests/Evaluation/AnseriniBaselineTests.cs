using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PakRussia.Search.Evaluation;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Evaluation;

/// <summary>
/// The pieces of the Anserini preset on collections small enough to reason about: its analysis, its bag-of-words
/// query, the tie-break, RM3, and the exact-length similarity measured against Lucene's own BM25.
/// </summary>
public sealed class AnseriniBaselineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private AnseriniBaseline Build(AnseriniOptions? options, params string[] lines)
    {
        var corpus = _folder.File(Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllLines(corpus, lines);
        return AnseriniBaseline.Build(corpus, options);
    }

    [Fact]
    public void Queries_are_analysed_as_Lucenes_EnglishAnalyzer_does_and_counted()
    {
        using var baseline = Build(null, """{"_id":"d1","title":"t","text":"x"}""");

        // Possessive dropped, lower-cased, "the"/"and" are Lucene English stop words, Porter stems; "zebra" counted twice.
        Assert.Equal([("zebra", 2), ("run", 1), ("stripe", 1)],
            baseline.QueryTerms("The Zebra's running and the zebras' stripes"));
        Assert.Empty(baseline.QueryTerms("the and of"));
    }

    [Fact]
    public void Title_and_text_are_one_field_and_equal_scores_go_to_the_smaller_docid()
    {
        using var baseline = Build(null,
            """{"_id":"b","title":"Quokka","text":"An island animal."}""",
            """{"_id":"a","title":"Island animal","text":"The quokka."}""",
            """{"_id":"c","title":"Other","text":"Nothing here at all."}""");

        var ranked = baseline.Rank("quokka", 10);

        // Same terms, same length: a tie, broken by docid ascending, and kept apart by a millionth as Anserini writes it.
        Assert.Equal(["a", "b"], ranked.Select(d => d.DocId));
        Assert.Equal(ranked[0].Score - 1e-6, ranked[1].Score, 6);
        Assert.Equal(["a", "b"], RelevanceMetrics.SortLikeTrecEval(ranked).Select(d => d.DocId));
        Assert.Empty(baseline.Rank("the of", 10));
    }

    [Fact]
    public void Rm3_brings_in_a_document_that_shares_only_the_feedback_terms()
    {
        string[] corpus =
        [
            """{"_id":"d1","title":"Zebra","text":"zebra stripes savanna herd"}""",
            """{"_id":"d2","title":"Stripes","text":"stripes savanna herd grazing"}""",
            .. Enumerable.Range(3, 20).Select(i => $$"""{"_id":"f{{i}}","title":"filler","text":"unrelated words number{{i}}"}"""),
        ];
        using var plain = Build(null, corpus);
        using var rm3 = Build(new AnseriniOptions { Rm3 = new Rm3Options { FeedbackDocuments = 1 } }, corpus);

        Assert.Equal(["d1"], plain.Rank("zebra", 10).Select(d => d.DocId));
        Assert.Equal(["d1", "d2"], rm3.Rank("zebra", 10).Select(d => d.DocId));
    }

    [Fact]
    public void The_sequential_dependence_query_puts_neighbouring_query_words_first()
    {
        const string Filler = "alpha beta gamma delta epsilon zeta theta kappa lambda sigma";
        string[] corpus =
        [
            $$"""{"_id":"m","title":"island","text":"{{Filler}} quokka"}""",
            $$"""{"_id":"z","title":"quokka island","text":"{{Filler}}"}""",
            """{"_id":"o","title":"other","text":"nothing here"}""",
        ];
        using var words = Build(null, corpus);
        using var sdm = Build(new AnseriniOptions { Sdm = new SdmOptions() }, corpus);

        // Same words, same length: the bag of words ties them (docid order); the pair "quokka island" is near only in z.
        Assert.Equal(["m", "z"], words.Rank("quokka island", 10).Select(d => d.DocId));
        Assert.Equal(["z", "m"], sdm.Rank("quokka island", 10).Select(d => d.DocId));
        Assert.Equal(words.Rank("quokka", 10), sdm.Rank("quokka", 10));
    }

    [Fact]
    public void Score_ties_are_rounded_to_four_decimals_and_separated_by_millionths()
    {
        var adjusted = AnseriniScoreTies.Adjust([("x", 2.00004f), ("y", 2.00001f), ("z", 1.5f), ("w", 1.5f), ("v", 1.5f)]);

        Assert.Equal(["x", "y", "z", "w", "v"], adjusted.Select(d => d.DocId));
        Assert.Equal([2.0f, 2.0f - 1e-6f, 1.5f, 1.5f - 1e-6f, 1.5f - 2e-6f], adjusted.Select(d => (float)d.Score));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(23, 23)]
    [InlineData(24, 24)]
    [InlineData(39, 39)] // 24 + 15: four bits, kept
    [InlineData(40, 40)] // 24 + 16 = 24 + 10000b: five bits, the last one zero
    [InlineData(41, 40)] // 24 + 10001b: the fifth bit is cut
    [InlineData(100, 96)] // 24 + 1001100b → 24 + 1001000b
    public void Lucene_9_keeps_a_length_to_four_leading_bits_beyond_24(int length, int kept) =>
        Assert.Equal(kept, LuceneNorms.Lucene9(length));

    [Fact]
    public void The_exact_length_similarity_scores_as_Lucenes_BM25_with_Lucene_48_lengths_and_differently_with_exact_ones()
    {
        var words = new[] { "alpha", "beta", "gamma", "delta", "epsilon" };
        var texts = Enumerable.Range(0, 40).Select(i =>
            string.Join(' ', Enumerable.Range(0, 3 + (i * 7 % 60)).Select(j => words[(i + j * j) % words.Length]))).ToArray();
        var lucene = Scores(new BM25Similarity(0.9f, 0.4f), texts);
        var emulated = Scores(new LengthExactBM25Similarity(0.9f, 0.4f, DocumentLengths.Lucene48), texts);
        var exact = Scores(new LengthExactBM25Similarity(0.9f, 0.4f, DocumentLengths.Exact), texts);

        Assert.Equal(lucene.Count, emulated.Count);
        foreach (var (doc, score) in lucene)
        {
            Assert.Equal(score, emulated[doc]);
        }

        Assert.Contains(lucene, p => Math.Abs(p.Value - exact[p.Key]) > 1e-3);
    }

    /// <summary>Every document's score for "alpha gamma" under <paramref name="similarity"/> (index and search).</summary>
    private static Dictionary<int, float> Scores(Similarity similarity, string[] texts)
    {
        using var directory = new RAMDirectory();
        using var analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { Similarity = similarity }))
        {
            foreach (var text in texts)
            {
                writer.AddDocument(new Document { new TextField("contents", text, Field.Store.NO) });
            }
        }

        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = similarity };
        var query = new BooleanQuery
        {
            { new TermQuery(new Term("contents", "alpha")), Occur.SHOULD },
            { new TermQuery(new Term("contents", "gamma")) { Boost = 2 }, Occur.SHOULD },
        };
        return searcher.Search(query, texts.Length).ScoreDocs.ToDictionary(d => d.Doc, d => d.Score);
    }
}
