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
/// </summary>
public sealed class FacetCountReuseTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _path;

    public FacetCountReuseTests()
    {
        _path = _folder.File("many-documents");
        IndexBuilder.BuildFrom(SyntheticCorpus.Documents(documents: 1_500, paragraphs: 2), _path, "synthetic");
    }

    [Fact]
    public void Counts_AreExact_SearchAfterSearch()
    {
        using var searcher = new Searcher(_path) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        foreach (var (query, stem) in new[] { ("pipeline", "pipelin"), ("moscow", "moscow"), ("pipeline", "pipelin"), ("energy", "energi"), ("moscow", "moscow") })
        {
            var response = searcher.Search(new SearchRequest { Query = query });
            var (bySource, byDocument) = CountedByLucene(stem);
            Assert.Equal(byDocument.Values.Sum(), response.Total);
            Assert.True(byDocument.Count > 1_024, $"only {byDocument.Count} documents match '{query}'");
            Assert.Equal(bySource.OrderBy(p => p.Key).Select(p => (p.Key, (long)p.Value)),
                response.Facets.SourceType.OrderBy(f => f.Value).Select(f => (f.Value, f.Count)));
            Assert.Equal(PassageCollector.MaxFacetValues, response.Facets.Document.Count);
            Assert.All(response.Facets.Document, f => Assert.Equal(byDocument[f.Value], f.Count));
            // The shown documents are the most frequent ones: none left out counts more than the last shown.
            Assert.True(byDocument.Values.OrderDescending().ElementAt(PassageCollector.MaxFacetValues - 1) == response.Facets.Document.Min(f => f.Count));
        }
    }

    /// <summary>Matching searchable passages per source and per document, counted by a plain Lucene collector.</summary>
    private (Dictionary<string, int> BySource, Dictionary<string, int> ByDocument) CountedByLucene(string stem)
    {
        using var directory = FSDirectory.Open(_path);
        using var reader = DirectoryReader.Open(directory);
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.Text, stem)), Occur.MUST },
            { new TermQuery(new Term(IndexFields.Searchable, "1")), Occur.MUST },
        };
        var counter = new Counter();
        new IndexSearcher(reader).Search(query, counter);
        return (counter.BySource, counter.ByDocument);
    }

    private sealed class Counter : ICollector
    {
        private SortedDocValues? _source, _document;
        private readonly BytesRef _scratch = new();
        public Dictionary<string, int> BySource { get; } = [];
        public Dictionary<string, int> ByDocument { get; } = [];
        public bool AcceptsDocsOutOfOrder => true;
        public void SetScorer(Scorer scorer) { }

        public void SetNextReader(AtomicReaderContext context)
        {
            _source = context.AtomicReader.GetSortedDocValues(IndexFields.Source);
            _document = context.AtomicReader.GetSortedDocValues(IndexFields.DocId);
        }

        public void Collect(int doc)
        {
            _source!.Get(doc, _scratch);
            var source = _scratch.Utf8ToString();
            BySource[source] = BySource.GetValueOrDefault(source) + 1;
            _document!.Get(doc, _scratch);
            var document = _scratch.Utf8ToString();
            ByDocument[document] = ByDocument.GetValueOrDefault(document) + 1;
        }
    }

    public void Dispose() => _folder.Dispose();
}
