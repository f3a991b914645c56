using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Querying;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Querying;

/// <summary>
/// A small in-memory Lucene index built with the real document layout (<see cref="PassageDocuments"/>) and the real
/// analyzers: compiled queries run against it, so a test proves a query is not only well formed but finds the rows.
/// </summary>
public sealed class QueryTestIndex : IDisposable
{
    public static readonly string[][] Rows =
    [
        ["Pakistan and Russia signed a defence cooperation agreement in Moscow.", "Pakistan–Russia ties", "Defence"],
        ["The Kremlin welcomed Pakistan’s role in the Afghan peace process.", "Kremlin and Islamabad", "Afghanistan"],
        ["Taliban delegations visited Moscow and Islamabad in 2017.", "Talks with the Taliban", "Afghanistan"],
        ["Russian gas pipeline plans: the North–South pipeline from Karachi to Lahore.", "Energy", "Pipelines"],
        ["Soviet troops left Afghanistan in 1989; Pakistan had backed the mujahideen.", "History", "Cold War"],
        ["Joint military exercise Druzhba with Russian and Pakistani special forces.", "Druzhba exercises", "Military"],
    ];

    private static readonly Lazy<QueryTestIndex> Instance = new(() => new QueryTestIndex());

    /// <summary>One shared index (read-only) for the tests of the query layer.</summary>
    public static QueryTestIndex Shared => Instance.Value;

    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    private QueryTestIndex()
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(PassageAnalyzer.Version, IndexAnalyzer.Writer)))
        {
            for (var i = 0; i < Rows.Length; i++)
            {
                var document = TestDocuments.Make($"row-{i + 1}", i % 2 == 0 ? "news" : "forum", (2014 + i).ToString(), Rows[i][0]) with { };
                document = document with
                {
                    Metadata = document.Metadata with { Title = Rows[i][1] },
                    Passages = [document.Passages[0] with { Section = Rows[i][2] }],
                };
                writer.AddDocuments(PassageDocuments.Block(document, source: null, order: i));
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader);
        Vocabulary = new IndexVocabulary(_reader);
    }

    /// <summary>The surface words of the rows' text.</summary>
    public IVocabulary Vocabulary { get; }

    /// <summary>The rows (1-based) the query matches among the searchable passages; throws if Lucene cannot run it.</summary>
    public List<int> Run(Query query)
    {
        var filter = new QueryWrapperFilter(new TermQuery(new Term(IndexFields.Searchable, "1")));
        var hits = _searcher.Search(query, filter, 100).ScoreDocs;
        return hits.Select(h => int.Parse(_searcher.Doc(h.Doc).Get(IndexFields.DocId)["row-".Length..])).Order().ToList();
    }

    /// <summary>Runs the query and its fallback.</summary>
    public void RunAll(CompiledQuery compiled)
    {
        foreach (var query in new[] { compiled.Query, compiled.Fallback })
        {
            if (query is not null)
            {
                Run(query);
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}

/// <summary>A vocabulary with chosen passage counts: an in-memory index with each word in that many passages.</summary>
public static class TestVocabulary
{
    public static IVocabulary Of(params (string Word, long Count)[] words)
    {
        var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(PassageAnalyzer.Version, PassageAnalyzer.Surface)))
        {
            foreach (var (word, count) in words)
            {
                for (var i = 0; i < count; i++)
                {
                    writer.AddDocument(new Document { new TextField(IndexFields.Words, word, Field.Store.NO) });
                }
            }

            writer.Commit();
        }

        return new IndexVocabulary(DirectoryReader.Open(directory));
    }
}
