using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using PakRussia.Search.Indexing;
using PakRussia.Search.Querying;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Search;

/// <summary>
/// An OR of bare words runs with each word's title and section clauses spread into the top query (Searcher.FlatOr): the
/// same passages with the same scores as the query as compiled, on the seed index.
/// </summary>
public sealed class FlatOrTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    [Theory]
    [InlineData("pipeline gas")]
    [InlineData("Afghanistan \"warm waters\" Kremlin^3")]
    public void AnyWords_FlattenedMatchAndScoreAsCompiled(string text)
    {
        var compiled = QueryCompiler.Compile(text, new QueryOptions { AnyWord = true }, null).Query!;
        var flat = Searcher.FlatOr(compiled);
        Assert.NotSame(compiled, flat);
        Assert.All(((BooleanQuery)flat).Clauses, c => Assert.Equal(Occur.SHOULD, c.Occur));
        Assert.All(((BooleanQuery)flat).Clauses, c => Assert.IsNotType<BooleanQuery>(c.Query));

        using var directory = IndexDirectory.Open(seeds.IndexPath);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var expected = searcher.Search(compiled, reader.MaxDoc).ScoreDocs;
        var actual = searcher.Search(flat, reader.MaxDoc).ScoreDocs;
        Assert.True(expected.Length > 5, $"{expected.Length} matches");
        Assert.Equal(expected.Select(d => d.Doc).Order(), actual.Select(d => d.Doc).Order());
        var scores = expected.ToDictionary(d => d.Doc, d => d.Score);
        Assert.All(actual, d => Assert.Equal(scores[d.Doc], d.Score, 4));
    }

    [Fact]
    public void AllWords_AndSentences_RunAsCompiled()
    {
        var and = QueryCompiler.Compile("pipeline gas", new QueryOptions(), null).Query!;
        Assert.Same(and, Searcher.FlatOr(and));
        var single = QueryCompiler.Compile("pipeline", new QueryOptions { AnyWord = true }, null).Query!;
        Assert.Same(single, Searcher.FlatOr(single)); // one word: its own clause already scores it in order
    }
}
