using Lucene.Net.Search;
using PakRussia.Search.Querying;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Search;

/// <summary>
/// The best k passages are the first k of a deeper ranking, whatever k: the collector keeps a bounded heap and turns
/// passages away once they cannot beat its worst (by tier, score, then document and ordinal), and a wrong shortcut
/// there shows as a top 1, 2 or 5 that is not the start of the top 200. Ties are common on the seeds (short passages,
/// one-word queries), so the tie-break by key is exercised too.
/// </summary>
public sealed class TopPrefixTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    [Theory]
    [InlineData("Russia", false, false)]
    [InlineData("Afghanistan", false, false)]
    [InlineData("Pakistan Russia", false, true)]
    [InlineData("gas Russia", true, false)]
    [InlineData("Afghanistan pipeline", true, false)]
    [InlineData("Soviet Union Afghanistan war", true, false)]
    [InlineData("trade between Pakistan and Russia", false, false)]
    [InlineData("collaboration", false, false)]
    public void TheBestFew_AreTheStartOfADeeperRanking(string query, bool any, bool all)
    {
        SearchRequest Request() => new() { Query = query, Any = any, All = all, Facets = false };
        var deep = seeds.Searcher.Top(Request(), 200);
        Assert.True(deep.Hits.Count >= 10, $"{query}: {deep.Hits.Count} hits");
        foreach (var k in new[] { 1, 2, 5, 10 })
        {
            var top = seeds.Searcher.Top(Request(), k);
            Assert.Equal(deep.Hits.Take(k).Select(h => (h.PassageId, h.Score)), top.Hits.Select(h => (h.PassageId, h.Score)));
            Assert.Equal(deep.Total, top.Total);
        }
    }

    /// <summary>
    /// The collector fed directly, passages in three orders (as a conjunction, backwards, shuffled as a bucketed OR
    /// may hand them), with scores of five levels so most passages tie: the best k must be the first k of the ranking
    /// it keeps when it keeps everything. Passages with a higher tier but a lower score than the worst kept must still
    /// get in, and a tie must go to the smaller key even when it comes later.
    /// </summary>
    [Theory]
    [InlineData("Afghanistan", "afghanistan")]
    [InlineData("Russia Pakistan", "russia pakistan")]
    public void TheCollector_KeepsTheSameBestFew_WhateverTheOrderPassagesComeIn(string query, string stems)
    {
        using var generations = new IndexGenerations(seeds.IndexPath);
        using var lease = generations.Acquire();
        var generation = lease.Generation;
        var compiled = QueryCompiler.Compile(query, new QueryOptions { AnyWord = true }, generation.Vocabulary);
        var leaves = generation.IndexReader.Leaves;
        // Passages without the words in their own text (the lowest tier) score highest: they fill the heap first.
        var inText = new HashSet<int>();
        foreach (var leaf in leaves)
        {
            foreach (var stem in stems.Split(' '))
            {
                var docs = leaf.AtomicReader.GetTermDocsEnum(new Lucene.Net.Index.Term(PakRussia.Search.Indexing.IndexFields.Text, stem));
                for (var doc = docs?.NextDoc() ?? DocIdSetIterator.NO_MORE_DOCS; doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs!.NextDoc())
                {
                    inText.Add(leaf.DocBase + doc);
                }
            }
        }

        Assert.NotEmpty(inText);
        float Score(int doc) => inText.Contains(doc) ? doc * 7919 % 5 : 5 + doc % 3;

        List<int> Collect(int k, Func<int, IEnumerable<int>> order)
        {
            var collector = new RankedCollector(k, generation, RankTiers.For(generation, compiled));
            foreach (var leaf in leaves)
            {
                var scorer = new FixedScorer();
                collector.SetNextReader(leaf);
                collector.SetScorer(scorer);
                foreach (var doc in order(leaf.AtomicReader.MaxDoc))
                {
                    scorer.Score = Score(leaf.DocBase + doc);
                    collector.Collect(doc);
                }
            }

            return collector.Top(0, k).Select(h => h.Doc).ToList();
        }

        var total = leaves.Sum(l => l.AtomicReader.MaxDoc);
        var everything = Collect(total, n => Enumerable.Range(0, n));
        var random = new Random(7);
        foreach (var k in new[] { 1, 3, 10 })
        {
            Assert.Equal(everything.Take(k), Collect(k, n => Enumerable.Range(0, n)));
            Assert.Equal(everything.Take(k), Collect(k, n => Enumerable.Range(0, n).Reverse()));
            Assert.Equal(everything.Take(k), Collect(k, n => Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToList()));
        }
    }

    private sealed class FixedScorer() : Scorer(null)
    {
        public float Score { get; set; }

        public override float GetScore() => Score;

        public override int Freq => 1;

        public override int DocID => -1;

        public override int NextDoc() => NO_MORE_DOCS;

        public override int Advance(int target) => NO_MORE_DOCS;

        public override long GetCost() => 0;
    }
}
