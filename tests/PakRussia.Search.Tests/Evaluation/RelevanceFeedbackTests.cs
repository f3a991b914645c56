using PakRussia.Search.Evaluation;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Evaluation;

/// <summary>
/// Pseudo-relevance feedback (RM3) in <see cref="DocumentRanker"/>, on a ten-document index built through the engine.
/// "quokka" matches only d1 ("The quokka lives on Rottnest Island where the quokka eats leaves.", title "Quokka
/// habits": 13 tokens, quokka 3 of them). d2 mentions Rottnest but not the quokka. "the" and "on" are in nearly every
/// document and "island" in 7 of the 10, so with a 50 % document-share cut they can never be expansion terms.
/// </summary>
public sealed class RelevanceFeedbackTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly EvaluationIndex _index;

    private static readonly DocumentRankOptions Feedback = new()
    {
        FeedbackDocuments = 1,
        FeedbackTerms = 20,
        OriginalQueryWeight = 0.5,
        FeedbackMaxDocumentShare = 0.5,
    };

    public RelevanceFeedbackTests()
    {
        var corpus = _folder.File("corpus.jsonl");
        File.WriteAllLines(corpus,
        [
            """{"_id":"d1","title":"Quokka habits","text":"The quokka lives on Rottnest Island where the quokka eats leaves."}""",
            """{"_id":"d2","title":"Ferry day","text":"Visitors to Rottnest photograph marsupials near the ferry."}""",
            """{"_id":"d3","title":"Island ferries","text":"The ferry runs on time to the island."}""",
            """{"_id":"d4","title":"Island birds","text":"The gulls nest on the island cliffs."}""",
            """{"_id":"d5","title":"Island weather","text":"The wind on the island is strong."}""",
            """{"_id":"d6","title":"Island fishing","text":"The boats fish on the island coast."}""",
            """{"_id":"d7","title":"Island maps","text":"The map shows roads on the island."}""",
            """{"_id":"d8","title":"Island schools","text":"The school on the island is small."}""",
            """{"_id":"d9","title":"Desert life","text":"The camels cross the dunes on foot."}""",
            """{"_id":"d10","title":"Polar life","text":"The penguins huddle on the ice."}""",
        ]);
        _index = CorpusEvaluation.BuildIndex(corpus, _folder.File("feedback"));
    }

    public void Dispose() => _folder.Dispose();

    private string[] Ids(IEnumerable<RankedDocument> ranking) => ranking.Select(d => _index.OriginalIds[d.DocId]).ToArray();

    [Fact]
    public void Expansion_terms_are_the_feedback_documents_words_minus_the_common_ones()
    {
        var terms = new DocumentRanker(_index.IndexPath, Feedback).ExpansionTerms("quokka").ToDictionary(t => t.Term, t => t.Weight);

        // Kept: quokka ×3 and six words once each (lives, rottnest, where, eats, leaves, habits): 9 tokens.
        Assert.Equal(7, terms.Count);
        Assert.Equal(3.0 / 9, terms["quokka"], 12);
        Assert.Equal(1.0 / 9, terms["rottnest"], 12);
        Assert.Equal(1.0, terms.Values.Sum(), 12);
        Assert.DoesNotContain("the", terms.Keys);
        Assert.DoesNotContain("on", terms.Keys);
        Assert.DoesNotContain("island", terms.Keys);
    }

    [Fact]
    public void Feedback_terms_are_capped_at_the_heaviest()
    {
        var terms = new DocumentRanker(_index.IndexPath, Feedback with { FeedbackTerms = 1 }).ExpansionTerms("quokka");

        Assert.Equal([("quokka", 1.0)], terms);
    }

    [Fact]
    public void Feedback_finds_a_document_without_the_query_word()
    {
        var plain = new DocumentRanker(_index.IndexPath, Feedback with { FeedbackDocuments = 0 });
        var expanded = new DocumentRanker(_index.IndexPath, Feedback);

        Assert.Equal(["d1"], Ids(plain.Rank("quokka", 10)));
        Assert.Empty(plain.ExpansionTerms("quokka"));
        // d2 shares only "rottnest" with the feedback document; d1 keeps first place.
        Assert.Equal(["d1", "d2"], Ids(expanded.Rank("quokka", 10)));
        Assert.Equal(["d1"], Ids(expanded.Rank("quokka", 1)));
    }

    [Fact]
    public void Each_feedback_document_counts_by_its_first_pass_score()
    {
        // "rottnest" matches d1 (13 tokens, quokka 3 of them) and d2 (10 tokens, photograph 1 of them), with different
        // scores s1 and s2. Relevance model: quokka ∝ s1 × 3/13, photograph ∝ s2 × 1/10.
        var first = new DocumentRanker(_index.IndexPath, Feedback with { FeedbackDocuments = 0 }).Rank("rottnest", 10)
            .ToDictionary(d => _index.OriginalIds[d.DocId], d => d.Score);
        Assert.Equal(["d1", "d2"], first.Keys.Order());
        Assert.NotEqual(first["d1"], first["d2"], 3);

        var terms = new DocumentRanker(_index.IndexPath, Feedback with { FeedbackDocuments = 2 }).ExpansionTerms("rottnest")
            .ToDictionary(t => t.Term, t => t.Weight);

        Assert.Equal(first["d1"] * 3 / 13 / (first["d2"] * 1 / 10), terms["quokka"] / terms["photograph"], 9);
    }

    [Fact]
    public void An_original_query_weight_of_one_turns_feedback_off()
    {
        var ranker = new DocumentRanker(_index.IndexPath, Feedback with { OriginalQueryWeight = 1 });

        Assert.Empty(ranker.ExpansionTerms("quokka"));
        Assert.Equal(["d1"], Ids(ranker.Rank("quokka", 10)));
    }

    [Fact]
    public void Relevance_model_weighs_each_document_by_its_score_share()
    {
        // A (weight 3): x 2, y 2. B (weight 1): y 1, z 3. Documents count 3/4 and 1/4; terms by their share of the document:
        // x = 3/4 × 2/4 = 0.375; y = 3/4 × 2/4 + 1/4 × 1/4 = 0.4375; z = 1/4 × 3/4 = 0.1875.
        var documents = new List<(double, Dictionary<string, double>)>
        {
            (3, new() { ["x"] = 2, ["y"] = 2 }),
            (1, new() { ["y"] = 1, ["z"] = 3 }),
        };

        var top2 = DocumentRanker.RelevanceModel(documents, _ => true, 2);
        Assert.Equal(["y", "x"], top2.Select(t => t.Term));
        Assert.Equal(0.4375 / 0.8125, top2[0].Weight, 12);
        Assert.Equal(0.375 / 0.8125, top2[1].Weight, 12);

        // A term left out makes room for the next heaviest; weights are normalised over the kept terms.
        var withoutY = DocumentRanker.RelevanceModel(documents, t => t != "y", 2);
        Assert.Equal(["x", "z"], withoutY.Select(t => t.Term));
        Assert.Equal(2.0 / 3, withoutY[0].Weight, 12);
        Assert.Equal(1.0 / 3, withoutY[1].Weight, 12);

        Assert.Empty(DocumentRanker.RelevanceModel(documents, _ => false, 2));
        Assert.Empty(DocumentRanker.RelevanceModel([], _ => true, 2));
    }
}
