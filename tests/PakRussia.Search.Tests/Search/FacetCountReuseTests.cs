using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.Reliability;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Search;

/// <summary>
/// Facet counts of an index with more documents than the collector's smallest kept count array (1,024): its count
/// arrays are reused from search to search, so every search must start from zeros. Each count is checked against one
/// made straight from Lucene (a plain collector over the passages' doc values), after other searches used the arrays.
/// The same corpus is also built into several segments, whose values are numbered across segments (Lucene's ordinal
/// map): the counts, and which 50 documents are shown, must not depend on how the index is split.
/// </summary>
public sealed class FacetCountReuseTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _onePath;
    private readonly string _severalPath;

    // Words of the synthetic corpus with their stems, and a sentence-like query (one word fewer is asked for until
    // enough passages are listed: passes whose counts are thrown away in between).
    private static readonly (string Query, string? Stem)[] Queries =
    [
        ("pipeline", "pipelin"), ("moscow", "moscow"), ("pipeline moscow qqqqzz xxxxzz yyyyzz", null), ("pipeline", "pipelin"),
        ("energy", "energi"), ("moscow", "moscow"),
    ];

    public FacetCountReuseTests()
    {
        _onePath = _folder.File("many-documents");
        SyntheticCorpus.BuildIndex(_onePath, severalSegments: false);
        _severalPath = _folder.File("many-segments");
        SyntheticCorpus.BuildIndex(_severalPath, severalSegments: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Counts_AreExact_SearchAfterSearch(bool severalSegments)
    {
        var path = severalSegments ? _severalPath : _onePath;
        Assert.Equal(severalSegments, Segments(path) > 1);
        using var searcher = new Searcher(path) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        foreach (var (query, stem) in Queries)
        {
            var response = searcher.Search(new SearchRequest { Query = query });
            if (stem is null)
            {
                Assert.True(response.Total > 0);
                continue;
            }

            var counted = CountedByLucene(path, stem);
            Assert.Equal(counted.ByDocument.Values.Sum(), response.Total);
            Assert.True(counted.ByDocument.Count > 1_024, $"only {counted.ByDocument.Count} documents match '{query}'");
            Assert.Equal(counted.BySource.OrderBy(p => p.Key).Select(p => (p.Key, (long)p.Value)),
                response.Facets.SourceType.OrderBy(f => f.Value).Select(f => (f.Value, f.Count)));
            Assert.Equal(counted.ByYear.OrderBy(p => p.Key).Select(p => (p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), (long)p.Value)),
                response.Facets.Year.Select(f => (f.Value, f.Count)));
            Assert.Equal(PassageCollector.MaxFacetValues, response.Facets.Document.Count);
            Assert.All(response.Facets.Document, f => Assert.Equal(counted.ByDocument[f.Value], f.Count));
            // The shown documents are the most frequent ones, ties by id: exactly the first 50 of that order.
            var expected = counted.ByDocument.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(PassageCollector.MaxFacetValues).Select(p => p.Key);
            Assert.Equal(expected, response.Facets.Document.Select(f => f.Value));
            Assert.All(response.Facets.Document, f => Assert.StartsWith("gen-", f.Value));
            Assert.All(response.Facets.Document, f => Assert.False(string.IsNullOrEmpty(f.Label)));
        }
    }

    [Fact]
    public void OneSegmentAndSeveral_GiveTheSameFacets_WithAndWithoutSelections()
    {
        Assert.Equal(1, Segments(_onePath));
        Assert.True(Segments(_severalPath) > 2, $"{Segments(_severalPath)} segments");
        using var one = new Searcher(_onePath) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        using var several = new Searcher(_severalPath) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        var requests = new[]
        {
            new SearchRequest { Query = "energy" },
            new SearchRequest { Query = "trade OR talks" },
            new SearchRequest { Query = "energy", Sources = ["news"] },
            new SearchRequest { Query = "security", Years = [2003, 2010] },
            new SearchRequest { Query = "security", Docs = ["gen-0007", "gen-1204"] },
        };
        foreach (var request in requests)
        {
            var a = one.Search(request);
            var b = several.Search(request);
            Assert.Equal(a.Total, b.Total);
            Assert.Equal(Flat(a.Facets.SourceType), Flat(b.Facets.SourceType));
            Assert.Equal(Flat(a.Facets.Year), Flat(b.Facets.Year));
            Assert.Equal(Flat(a.Facets.Document), Flat(b.Facets.Document));
            Assert.Equal(Flat(a.Facets.Author), Flat(b.Facets.Author));
        }

        // Multi-select: selecting news leaves the source facet's own counts as without it, and narrows the others.
        var all = several.Search(new SearchRequest { Query = "energy" });
        var news = several.Search(new SearchRequest { Query = "energy", Sources = ["news"] });
        Assert.Equal(Flat(all.Facets.SourceType), Flat(news.Facets.SourceType));
        Assert.Equal(news.Facets.SourceType.Single(f => f.Value == "news").Count, news.Total);
        Assert.Equal(news.Total, news.Facets.Year.Sum(f => f.Count));
        Assert.True(news.Total < all.Total);
    }

    private static IEnumerable<(string, long, string?)> Flat(IEnumerable<FacetValue> values) => values.Select(v => (v.Value, v.Count, v.Label));

    private static int Segments(string path)
    {
        using var directory = FSDirectory.Open(path);
        using var reader = DirectoryReader.Open(directory);
        return reader.Leaves.Count;
    }

    private sealed record Counted(Dictionary<string, int> BySource, Dictionary<int, int> ByYear, Dictionary<string, int> ByDocument);

    /// <summary>Matching searchable passages per source, year and document, counted by a plain Lucene collector.</summary>
    private static Counted CountedByLucene(string path, string stem)
    {
        using var directory = FSDirectory.Open(path);
        using var reader = DirectoryReader.Open(directory);
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.Text, stem)), Occur.MUST },
            { new TermQuery(new Term(IndexFields.Searchable, "1")), Occur.MUST },
        };
        var counter = new Counter();
        new IndexSearcher(reader).Search(query, counter);
        return new Counted(counter.BySource, counter.ByYear, counter.ByDocument);
    }

    private sealed class Counter : ICollector
    {
        private SortedDocValues? _source, _document;
        private NumericDocValues? _year;
        private readonly BytesRef _scratch = new();
        public Dictionary<string, int> BySource { get; } = [];
        public Dictionary<int, int> ByYear { get; } = [];
        public Dictionary<string, int> ByDocument { get; } = [];
        public bool AcceptsDocsOutOfOrder => true;
        public void SetScorer(Scorer scorer) { }

        public void SetNextReader(AtomicReaderContext context)
        {
            _source = context.AtomicReader.GetSortedDocValues(IndexFields.Source);
            _document = context.AtomicReader.GetSortedDocValues(IndexFields.DocId);
            _year = context.AtomicReader.GetNumericDocValues(IndexFields.Year);
        }

        public void Collect(int doc)
        {
            _source!.Get(doc, _scratch);
            var source = _scratch.Utf8ToString();
            BySource[source] = BySource.GetValueOrDefault(source) + 1;
            _document!.Get(doc, _scratch);
            var document = _scratch.Utf8ToString();
            ByDocument[document] = ByDocument.GetValueOrDefault(document) + 1;
            var year = (int)(_year?.Get(doc) ?? 0);
            if (year > 0)
            {
                ByYear[year] = ByYear.GetValueOrDefault(year) + 1;
            }
        }
    }

    public void Dispose() => _folder.Dispose();
}
