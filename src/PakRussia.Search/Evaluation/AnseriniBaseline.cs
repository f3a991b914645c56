using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Search.Spans;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PakRussia.Search.Corpus;

namespace PakRussia.Search.Evaluation;

/// <summary>
/// Anserini's BEIR "flat" BM25 run done with Lucene itself, none of our own analysis or scoring: a Lucene index (in
/// memory) of the JSON Lines records with one field, <c>contents</c> = title + "\n" + text (as Anserini's
/// BeirFlatCollection joins them), analysed by Lucene's <see cref="EnglishAnalyzer"/> (StandardTokenizer, English
/// possessive filter, lower case, Lucene's English stop set, Porter stemmer; no keyword exclusions), scored by
/// <see cref="BM25Similarity"/> at index and search time. A topic is analysed the same way and becomes Anserini's
/// bag-of-words query: a SHOULD <see cref="TermQuery"/> per distinct term, boosted by how often the term occurs
/// (the same score as one clause per occurrence). Hits are sorted by score, ties by docid ascending, and the scores
/// then rounded and separated as Anserini writes them (<see cref="AnseriniScoreTies"/>).
/// </summary>
/// <remarks>
/// <para>Left out of the regression's command: <c>-removeQuery</c> (drop a hit whose docid is the topic's id) changes
/// nothing on SciFact, where no topic id is a corpus docid, and on Cranfield, whose topic and document ids are
/// unrelated numbers, it would drop real documents.</para>
/// <para>Records are read as every JSON Lines import reads them (<see cref="JsonlRecordReader"/>): a record without
/// text is skipped (Anserini would index its title alone; SciFact has none such, Cranfield two).</para>
/// <para>Safe to share between threads once built (Lucene's searcher, reader and analyzer are).</para>
/// </remarks>
public sealed class AnseriniBaseline : IDisposable
{
    /// <summary>The one searchable field.</summary>
    public const string ContentsField = "contents";

    /// <summary>The record's own id, stored and sortable (the tie-break).</summary>
    public const string IdField = "id";

    private static readonly Sort ScoreThenDocId = new(SortField.FIELD_SCORE, new SortField(IdField, SortFieldType.STRING));

    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Analyzer _analyzer;
    private readonly string[] _docIds;

    private AnseriniBaseline(AnseriniOptions options, RAMDirectory directory, Analyzer analyzer, Similarity similarity, IReadOnlyList<string> problems)
    {
        Options = options;
        _directory = directory;
        _analyzer = analyzer;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = similarity };
        _docIds = new string[_reader.MaxDoc];
        for (var doc = 0; doc < _reader.MaxDoc; doc++)
        {
            _docIds[doc] = _reader.Document(doc).Get(IdField);
        }

        Problems = problems;
    }

    public AnseriniOptions Options { get; }

    /// <summary>Documents indexed.</summary>
    public int DocumentCount => _reader.NumDocs;

    /// <summary>Lines of the corpus that were skipped, with why ("{file}:{line}: {reason}").</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Indexes <paramref name="corpusPath"/>, reporting the number of records indexed so far every 1,000.</summary>
    public static AnseriniBaseline Build(string corpusPath, AnseriniOptions? options = null, IProgress<int>? progress = null)
    {
        options ??= new AnseriniOptions();
        var similarity = CreateSimilarity(options);
        var analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);
        var directory = new RAMDirectory();
        var problems = new List<string>();
        try
        {
            var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)
            {
                OpenMode = OpenMode.CREATE,
                Similarity = similarity,
                RAMBufferSizeMB = 256,
            };
            var contentsType = new FieldType(TextField.TYPE_NOT_STORED) { StoreTermVectors = true };
            contentsType.Freeze();
            using (var writer = new IndexWriter(directory, config))
            {
                var count = 0;
                foreach (var record in JsonlRecordReader.Read(corpusPath, problems))
                {
                    writer.AddDocument(new Document
                    {
                        new StringField(IdField, record.Id, Field.Store.YES),
                        new SortedDocValuesField(IdField, new BytesRef(record.Id)),
                        new Field(ContentsField, record.Title + "\n" + record.Text, contentsType),
                    });
                    if (++count % 1000 == 0)
                    {
                        progress?.Report(count);
                    }
                }

                writer.Commit();
            }

            return new AnseriniBaseline(options, directory, analyzer, similarity, problems);
        }
        catch
        {
            analyzer.Dispose();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Lucene's own <see cref="BM25Similarity"/> for <see cref="DocumentLengths.Lucene48"/>; otherwise the same BM25
    /// with exact lengths kept and scored as the option says (<see cref="LengthExactBM25Similarity"/>).
    /// </summary>
    public static Similarity CreateSimilarity(AnseriniOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Lengths == DocumentLengths.Lucene48
            ? new BM25Similarity((float)options.K1, (float)options.B)
            : new LengthExactBM25Similarity((float)options.K1, (float)options.B, options.Lengths);
    }

    /// <summary>
    /// The top <paramref name="depth"/> documents for <paramref name="text"/>, best first, by their records' ids
    /// (with RM3 on, the ranking of the expanded query). Empty when the text has no searchable word.
    /// </summary>
    public IReadOnlyList<RankedDocument> Rank(string text, int depth)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        var tokens = Tokens(text);
        if (tokens.Count == 0)
        {
            return [];
        }

        var terms = Count(tokens);
        var words = BagOfWords(terms.Select(t => (t.Term, (float)t.Count)));
        var hits = Search(Options.Sdm is { } sdm && tokens.Count > 1 ? SequentialDependence(words, tokens, sdm) : words, depth);
        if (Options.Rm3 is { } rm3)
        {
            // As Anserini: the feedback query is a bag of words (with SDM on, only the first pass uses the windows).
            hits = Search(BagOfWords(Rm3Feedback.Expand(_reader, ContentsField, terms, hits, rm3)), depth);
        }

        return AnseriniScoreTies.Adjust(hits.Select(h => (_docIds[h.Doc], h.Score)).ToList());
    }

    /// <summary>The analysed words of <paramref name="text"/> with their counts, in order of first occurrence.</summary>
    public IReadOnlyList<(string Term, int Count)> QueryTerms(string text) => Count(Tokens(text));

    /// <summary>The analysed words of <paramref name="text"/>, in order, repeats kept.</summary>
    private List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        using var stream = _analyzer.GetTokenStream(ContentsField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

    private static List<(string Term, int Count)> Count(List<string> tokens) =>
        tokens.GroupBy(t => t, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList();

    /// <summary>
    /// SHOULD term clauses with these boosts. A query of more distinct terms than <see cref="BooleanQuery.MaxClauseCount"/>
    /// keeps the first that many.
    /// </summary>
    private static BooleanQuery BagOfWords(IEnumerable<(string Term, float Boost)> terms)
    {
        var query = new BooleanQuery();
        foreach (var (term, boost) in terms.Take(BooleanQuery.MaxClauseCount))
        {
            query.Add(new TermQuery(new Term(ContentsField, term)) { Boost = boost }, Occur.SHOULD);
        }

        return query;
    }

    /// <summary>Anserini's SDM query: the bag of words, ordered pairs (slop 1) and unordered pairs (window 8), weighted.</summary>
    private static BooleanQuery SequentialDependence(BooleanQuery words, List<string> tokens, SdmOptions sdm)
    {
        var ordered = new BooleanQuery();
        var unordered = new BooleanQuery();
        foreach (var i in Enumerable.Range(0, Math.Min(tokens.Count - 1, BooleanQuery.MaxClauseCount)))
        {
            SpanQuery[] pair = [new SpanTermQuery(new Term(ContentsField, tokens[i])), new SpanTermQuery(new Term(ContentsField, tokens[i + 1]))];
            ordered.Add(new SpanNearQuery(pair, 1, true), Occur.SHOULD);
            unordered.Add(new SpanNearQuery(pair, 8, false), Occur.SHOULD);
        }

        words.Boost = (float)sdm.TermWeight;
        ordered.Boost = (float)sdm.OrderedWeight;
        unordered.Boost = (float)sdm.UnorderedWeight;
        return new BooleanQuery { { words, Occur.SHOULD }, { ordered, Occur.SHOULD }, { unordered, Occur.SHOULD } };
    }

    /// <summary>The best <paramref name="depth"/> hits of <paramref name="query"/>, by score then docid.</summary>
    private ScoreDoc[] Search(Query query, int depth) =>
        _searcher.Search(query, null, Math.Min(depth, Math.Max(1, _reader.MaxDoc)), ScoreThenDocId, doDocScores: true, doMaxScore: false).ScoreDocs;

    public void Dispose()
    {
        _reader.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }
}
