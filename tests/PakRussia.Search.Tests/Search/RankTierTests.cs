using Lucene.Net.Index;
using Lucene.Net.Search;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Search;

/// <summary>
/// Common words and title-only matches on the seeds (issue 15, part 5): a passage whose own text has the word ranks above
/// one that matches only through its title or section; footnotes never lead unless the query asks for kind:footnote.
/// </summary>
public sealed class RankTierTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private List<SearchHit> All(string query) => seeds.Searcher.Search(new SearchRequest { Query = query, PageSize = 100 }).Hits.ToList();

    [Fact]
    public void Afghanistan_BodyTextFirst_ThenFootnotes_ThenTitleOnlyMatches()
    {
        var hits = All("Afghanistan");
        Assert.Equal(93, hits.Count);
        // A footnote's "Making Sense of Russia's Involvement in Afghanistan" scored second before; none is in the top 10 now.
        Assert.DoesNotContain(hits.Take(10), h => h.Kind == "footnote");
        static int Tier(SearchHit h) => h.Matches.Count == 0 ? 0 : h.Kind == "footnote" ? 1 : 2;
        var tiers = hits.Select(Tier).ToList();
        Assert.Equal(tiers.OrderDescending(), tiers);
        Assert.Contains(0, tiers); // some match only through the academic paper's title ("… implications for Afghanistan …")
        Assert.All(hits.Where(h => Tier(h) == 0), h => Assert.Contains("Afghanistan", h.Title));
    }

    [Fact]
    public void AWordMostlyInATitle_ListsThePassagesThatSayItFirst()
    {
        var hits = All("collaboration");
        var inText = hits.Where(h => h.Matches.Count > 0).Select(h => h.PassageId).ToList();
        Assert.Equal(5, inText.Count);
        Assert.Equal(inText, hits.Take(5).Select(h => h.PassageId));
        Assert.All(hits.Skip(5), h => Assert.Empty(h.Matches));
    }

    [Fact]
    public void KindFootnote_AsksForFootnotes()
    {
        var hits = All("Afghanistan kind:footnote");
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal("footnote", h.Kind));
        // Footnotes whose own text has the word first, those that match by title or section after.
        var withText = hits.Select(h => h.Matches.Count > 0).ToList();
        Assert.Equal(withText.OrderByDescending(x => x), withText);
    }

    [Fact]
    public void AnyWord_ScoredInBuckets_KeepsTheTiers()
    {
        // A top-level OR is scored in buckets, passages out of order: the text check must still be right for each.
        var hits = seeds.Searcher.Search(new SearchRequest { Query = "Afghanistan pipeline", Any = true, PageSize = 100 }).Hits.ToList();
        Assert.True(hits.Count > 93, $"{hits.Count} hits: fewer than Afghanistan's alone");
        static int Tier(SearchHit h) => h.Matches.Count == 0 ? 0 : h.Kind == "footnote" ? 1 : 2;
        var tiers = hits.Select(Tier).ToList();
        Assert.Equal(tiers.OrderDescending(), tiers);
        Assert.Contains(0, tiers);
    }

    [Fact]
    public void TextPresence_AnswersPassagesAskedInAnyOrder_AsThePostingsSay()
    {
        using var directory = IndexDirectory.Open(seeds.IndexPath);
        using var reader = DirectoryReader.Open(directory);
        var terms = new[] { new Term(IndexFields.Text, "afghanistan"), new Term(IndexFields.Text, "collabor"), new Term(IndexFields.Text, "nosuchword") };
        foreach (var leaf in reader.Leaves)
        {
            var expected = new HashSet<int>();
            foreach (var term in terms)
            {
                var docs = leaf.AtomicReader.GetTermDocsEnum(term);
                for (var doc = docs?.NextDoc() ?? DocIdSetIterator.NO_MORE_DOCS; doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs!.NextDoc())
                {
                    expected.Add(doc);
                }
            }

            Assert.NotEmpty(expected);
            var readAll = 0;
            (Lucene.Net.Util.FixedBitSet, bool) ReadAll()
            {
                readAll++;
                var set = new Lucene.Net.Util.FixedBitSet(leaf.AtomicReader.MaxDoc);
                foreach (var doc in expected)
                {
                    set.Set(doc);
                }

                return (set, true);
            }

            var all = Enumerable.Range(0, leaf.AtomicReader.MaxDoc).ToList();
            var inOrder = new RankTiers.TextPresence(leaf.AtomicReader, terms, () => throw new InvalidOperationException("asked in order: no full read"));
            Assert.Equal(expected.Order(), all.Where(inOrder.Has));

            // As a top-level OR asks: windows in order (16 passages here), passages in no order within each.
            var windowed = new RankTiers.TextPresence(leaf.AtomicReader, terms, () => throw new InvalidOperationException("windows in order: no full read"), windowBits: 4);
            var bucketOrder = all.GroupBy(d => d >> 4).SelectMany(w => w.OrderBy(d => (d * 7919) % 13)).ToList();
            Assert.NotEqual(all, bucketOrder);
            Assert.Equal(bucketOrder.Where(expected.Contains), bucketOrder.Where(windowed.Has));

            // A window behind the last one: the segment's sets are read in full, once, and answer from then on.
            var presence = new RankTiers.TextPresence(leaf.AtomicReader, terms, ReadAll, windowBits: 4);
            var asked = all.OrderBy(d => (d * 7919) % 1009).ToList();
            Assert.Equal(asked.Where(expected.Contains), asked.Where(presence.Has));
            Assert.Equal(1, readAll);
        }
    }

    [Fact]
    public void ByDate_TiersDoNotApply()
    {
        var hits = seeds.Searcher.Search(new SearchRequest { Query = "Afghanistan", Sort = SearchSort.Date, PageSize = 100 }).Hits;
        var dates = hits.Select(h => h.Date ?? "").ToList();
        Assert.Equal(dates.OrderByDescending(d => d, StringComparer.Ordinal), dates);
    }
}
