using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Search;

/// <summary>How <see cref="DocumentRanker"/> scores a document.</summary>
public sealed record DocumentRankOptions
{
    // Defaults: the best of the settings measured on BEIR SciFact (the README's Quality section has the table).

    /// <summary>BM25 term-frequency saturation. Default 1.2 (Anserini uses 0.9; 1.2 measured better here).</summary>
    public double K1 { get; init; } = 1.2;

    /// <summary>BM25 length normalisation. Default 0.9 (Anserini uses 0.4; more normalisation measured better here).</summary>
    public double B { get; init; } = 0.9;

    /// <summary>A title occurrence counts as this many body occurrences (BM25F). Default 3.</summary>
    public double TitleWeight { get; init; } = 3.0;

    /// <summary>
    /// Weight of the proximity bonus: for each pair of query words next to each other in the query, documents where
    /// they occur within <see cref="ProximityWindow"/> words of each other (either order, same passage) score extra.
    /// 0 turns it off. Default 0.5.
    /// </summary>
    public double ProximityWeight { get; init; } = 0.5;

    /// <summary>Largest distance in words (stop words included) at which a pair counts as near. Default 3.</summary>
    public int ProximityWindow { get; init; } = 3;

    /// <summary>
    /// Pseudo-relevance feedback (RM3): how many of the first ranking's top documents are read for expansion terms.
    /// 0 turns feedback off. Default 3: a SciFact claim has one or two relevant abstracts, so a deeper feedback set is
    /// mostly other topics (10, Anserini's default, measured worse).
    /// </summary>
    public int FeedbackDocuments { get; init; } = 3;

    /// <summary>Feedback: how many expansion terms (the relevance model's heaviest) join the query. Default 10.</summary>
    public int FeedbackTerms { get; init; } = 10;

    /// <summary>
    /// Feedback: the original query's share of the expanded query's weight (1 turns feedback off). Default 0.9: the
    /// expansion nudges; at Anserini's 0.5 it pulled nDCG@10 on SciFact down by 0.02–0.05.
    /// </summary>
    public double OriginalQueryWeight { get; init; } = 0.9;

    /// <summary>
    /// Feedback: a term in more than this share of the indexed passages is never an expansion term (it says nothing
    /// about the topic; it also stands in for a stop list, as the index keeps every word). Default 0.1.
    /// </summary>
    public double FeedbackMaxDocumentShare { get; init; } = 0.1;
}

/// <summary>
/// Ranks whole documents with BM25 (plus an optional proximity bonus and pseudo-relevance feedback) computed from the
/// Lucene index's own postings, instead of ranking passages one at a time as <c>search</c> does.
/// A document's term frequency is the sum over its passages of the body hits (text and section) plus
/// <see cref="DocumentRankOptions.TitleWeight"/> times the title hits (the title is counted once, not once per passage);
/// its length is its body tokens plus its title tokens; document frequencies count documents, not passages. Every
/// document holding a query word is scored, so nothing is lost to a candidate cut.
/// With feedback on (RM3), the top <see cref="DocumentRankOptions.FeedbackDocuments"/> documents of that ranking are
/// read back, their heaviest words under a relevance model (each document weighted by its share of their scores)
/// join the query with <c>1 - </c><see cref="DocumentRankOptions.OriginalQueryWeight"/> of its weight, and every
/// document is scored again with the expanded query.
/// </summary>
/// <remarks>
/// Terms are the index's own: query words go through the index's analysis chain (<see cref="PassageAnalyzer.Index"/>),
/// and postings (with positions, for proximity) come from the text, section and title fields. Exact token counts per
/// passage are summed from the postings once, when the ranker is created (Lucene keeps only a one-byte norm per field).
/// Query words are free text (<see cref="QueryCompiler.PlainWords"/>) with English stop words dropped unless nothing else
/// is left. Safe to share between threads: the statistics are read-only and the reader is Lucene's (thread-safe).
/// The cost of a query is proportional to the postings of its words (and, with feedback, of the expansion words, each
/// in at most <see cref="DocumentRankOptions.FeedbackMaxDocumentShare"/> of the passages), so it suits evaluation-sized
/// collections (tens of thousands of passages) better than interactive search over a very large index.
/// </remarks>
public sealed class DocumentRanker : IDisposable
{
    private static readonly string[] BodyFields = [IndexFields.Text, IndexFields.Section];

    private readonly DirectoryReader _reader;
    private readonly Lucene.Net.Store.Directory _directory;
    private readonly string[] _docIds;
    private readonly int[] _bodyLength;
    private readonly int[] _titleLength;
    /// <summary>Per leaf: each passage's document index (-1 for anything that is not a searchable passage).</summary>
    private readonly int[][] _documentOf;
    private readonly double _averageLength;
    private readonly int _passageTotal;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _passageCounts = new(StringComparer.Ordinal);

    /// <summary>Reads the document statistics of the index at <paramref name="indexPath"/>.</summary>
    public DocumentRanker(string indexPath, DocumentRankOptions? options = null)
    {
        IndexPath = Path.GetFullPath(indexPath);
        Options = options ?? new DocumentRankOptions();
        if (IndexDirectory.ReadCommit(IndexPath) is null)
        {
            throw new IndexException($"No index at {IndexPath}. Build it with: pakrussia index");
        }

        _directory = IndexDirectory.Open(IndexPath);
        _reader = DirectoryReader.Open(_directory);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var docIds = new List<string>();
        var body = new List<int>();
        var title = new List<int>();
        _documentOf = new int[_reader.Leaves.Count][];
        var scratch = new BytesRef();
        foreach (var leaf in _reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var map = Enumerable.Repeat(-1, atomic.MaxDoc).ToArray();
            _documentOf[leaf.Ord] = map;
            var searchable = atomic.GetTermDocsEnum(new Term(IndexFields.Searchable, "1"));
            var docValues = atomic.GetSortedDocValues(IndexFields.DocId);
            if (searchable is null || docValues is null)
                continue;
            var live = atomic.LiveDocs;
            while (searchable.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                var doc = searchable.DocID;
                if (live is not null && !live.Get(doc))
                    continue;
                docValues.Get(doc, scratch);
                var id = scratch.Utf8ToString();
                if (!ids.TryGetValue(id, out var index))
                {
                    ids[id] = index = docIds.Count;
                    docIds.Add(id);
                    body.Add(0);
                    title.Add(0);
                }

                map[doc] = index;
                _passageTotal++;
            }
        }

        _docIds = [.. docIds];
        _bodyLength = [.. body];
        _titleLength = [.. title];
        // Exact token counts: every term's frequencies, summed per passage and then per document (the title once).
        foreach (var leaf in _reader.Leaves)
        {
            var map = _documentOf[leaf.Ord];
            foreach (var field in new[] { IndexFields.Text, IndexFields.Section, IndexFields.Title })
            {
                var perPassage = new int[leaf.AtomicReader.MaxDoc];
                var terms = leaf.AtomicReader.GetTerms(field);
                if (terms is null)
                    continue;
                var termsEnum = terms.GetEnumerator();
                DocsEnum? docs = null;
                while (termsEnum.MoveNext())
                {
                    docs = termsEnum.Docs(leaf.AtomicReader.LiveDocs, docs, DocsFlags.FREQS);
                    while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                        perPassage[docs.DocID] += docs.Freq;
                }

                for (var doc = 0; doc < perPassage.Length; doc++)
                {
                    if (map[doc] < 0)
                        continue;
                    if (field == IndexFields.Title)
                        _titleLength[map[doc]] = perPassage[doc];
                    else
                        _bodyLength[map[doc]] += perPassage[doc];
                }
            }
        }

        _averageLength = _docIds.Length == 0 ? 1 : Math.Max(1, Enumerable.Range(0, _docIds.Length).Average(i => (double)_bodyLength[i] + _titleLength[i]));
    }

    public string IndexPath { get; }

    public DocumentRankOptions Options { get; }

    /// <summary>Documents with at least one searchable passage.</summary>
    public int DocumentCount => _docIds.Length;

    /// <summary>
    /// The top <paramref name="depth"/> documents for the words of <paramref name="text"/>, score descending, ties
    /// broken by document id (ordinal). Documents are named by their index doc id.
    /// </summary>
    public IReadOnlyList<Evaluation.RankedDocument> Rank(string text, int depth)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        return Run(text, depth).Ranking;
    }

    /// <summary>
    /// The expansion terms feedback adds to the query <paramref name="text"/> (index terms, weights of the feedback
    /// model summing to 1); empty when feedback is off or finds nothing.
    /// </summary>
    internal IReadOnlyList<(string Term, double Weight)> ExpansionTerms(string text) => Run(text, 1).Expansion;

    private (IReadOnlyList<Evaluation.RankedDocument> Ranking, IReadOnlyList<(string Term, double Weight)> Expansion) Run(string text, int depth)
    {
        var words = QueryCompiler.PlainWords(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var content = words.Where(w => !StopWords.IsStopWord(w)).ToArray();
        if (content.Length == 0)
        {
            content = words;
        }

        var queryTerms = PassageAnalyzer.Index.Terms(string.Join(' ', content)).ToList();
        if (queryTerms.Count == 0)
        {
            return ([], []);
        }

        var near = Options.ProximityWeight > 0 && queryTerms.Count > 1;
        var postings = queryTerms.Distinct().ToDictionary(t => t, t => ReadPostings(t, near), StringComparer.Ordinal);
        var idf = postings.ToDictionary(p => p.Key, p => Idf(p.Value.Docs.Count), StringComparer.Ordinal);
        // A word repeated in the query counts again, as repeated clauses do in Lucene.
        var weights = queryTerms.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal);
        var scores = Score(weights, postings, idf);
        if (near)
        {
            AddProximity(queryTerms, postings, idf, scores);
        }

        if (Options.FeedbackDocuments <= 0 || Options.OriginalQueryWeight >= 1 || scores.Count == 0)
        {
            return (Sorted(scores, depth), []);
        }

        var feedback = FeedbackTerms(TopKeys(scores, Options.FeedbackDocuments));
        if (feedback.Count == 0)
        {
            return (Sorted(scores, depth), []);
        }

        // RM3: alpha × (query term counts / query length) + (1 - alpha) × the feedback model, all scaled by
        // query length / alpha so that the original terms (and the proximity bonus) keep their first-pass weights.
        var scale = (1 - Options.OriginalQueryWeight) / Options.OriginalQueryWeight * queryTerms.Count;
        foreach (var (term, weight) in feedback)
        {
            weights[term] = weights.GetValueOrDefault(term) + scale * weight;
            if (!postings.ContainsKey(term))
            {
                postings[term] = ReadPostings(term, withPositions: false);
                idf[term] = Idf(postings[term].Docs.Count);
            }
        }

        scores = Score(weights, postings, idf);
        if (near)
        {
            AddProximity(queryTerms, postings, idf, scores);
        }

        return (Sorted(scores, depth), feedback);
    }

    /// <summary>Lucene's idf: log(1 + (N - n + 0.5) / (n + 0.5)), never negative.</summary>
    private double Idf(int documentFrequency) => Math.Log(1 + (_docIds.Length - documentFrequency + 0.5) / (documentFrequency + 0.5));

    /// <summary>BM25 over whole documents: each term's contribution times its query weight.</summary>
    private Dictionary<int, double> Score(Dictionary<string, double> weights, Dictionary<string, Postings> postings, Dictionary<string, double> idf)
    {
        var scores = new Dictionary<int, double>();
        foreach (var (term, queryWeight) in weights)
        {
            var posting = postings[term];
            foreach (var (key, hits) in posting.Docs)
            {
                var tf = hits.Body + Options.TitleWeight * hits.Title;
                var norm = Options.K1 * (1 - Options.B + Options.B * (_bodyLength[key] + _titleLength[key]) / _averageLength);
                scores[key] = scores.GetValueOrDefault(key) + queryWeight * idf[term] * tf * (Options.K1 + 1) / (tf + norm);
            }
        }

        return scores;
    }

    /// <summary>The top <paramref name="count"/> documents, score descending, ties by document id (ordinal).</summary>
    private Evaluation.RankedDocument[] Sorted(Dictionary<int, double> scores, int count) =>
        TopKeys(scores, count).Select(p => new Evaluation.RankedDocument(_docIds[p.Key], p.Score)).ToArray();

    /// <summary>As <see cref="Sorted"/>, by document index (scores rounded to 6 places, as reported).</summary>
    private (int Key, double Score)[] TopKeys(Dictionary<int, double> scores, int count)
    {
        var ranked = scores.Select(p => (p.Key, Score: Math.Round(p.Value, 6))).ToArray();
        Array.Sort(ranked, (x, y) =>
        {
            var byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(_docIds[x.Key], _docIds[y.Key]);
        });
        return ranked.Length <= count ? ranked : ranked[..count];
    }

    /// <summary>
    /// The relevance model of the feedback documents (RM1): each term's weight is the sum over the documents of its
    /// share of the document's tokens times the document's share of the feedback documents' total score. Terms in
    /// more than <see cref="DocumentRankOptions.FeedbackMaxDocumentShare"/> of the passages, and one-character terms,
    /// are left out. Returns the <see cref="DocumentRankOptions.FeedbackTerms"/> heaviest terms, weights summing to 1.
    /// </summary>
    private IReadOnlyList<(string Term, double Weight)> FeedbackTerms((int Key, double Score)[] top)
    {
        var documents = top.Select(t => (t.Score, DocumentVector(t.Key))).ToList();
        return RelevanceModel(documents, term => term.Length > 1 && PassageShare(term) <= Options.FeedbackMaxDocumentShare, Options.FeedbackTerms);
    }
    /// <summary>
    /// RM1 over weighted documents: sum over documents of (document weight / total weight) × (count of the term /
    /// the document's total count), for the terms <paramref name="allowed"/> admits; the <paramref name="terms"/>
    /// heaviest (ties by term, ordinal), weights normalised to sum to 1.
    /// </summary>
    internal static IReadOnlyList<(string Term, double Weight)> RelevanceModel(
        IReadOnlyList<(double Weight, Dictionary<string, double> Counts)> documents, Func<string, bool> allowed, int terms)
    {
        var totalWeight = documents.Sum(d => d.Weight);
        if (totalWeight <= 0 || terms <= 0)
        {
            return [];
        }

        var model = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (weight, counts) in documents)
        {
            var length = counts.Values.Sum();
            if (length <= 0) continue;
            foreach (var (term, count) in counts)
            {
                model[term] = model.GetValueOrDefault(term) + weight / totalWeight * count / length;
            }
        }

        var kept = new List<(string Term, double Weight)>();
        foreach (var (term, weight) in model.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            if (kept.Count == terms) break;
            if (allowed(term))
            {
                kept.Add((term, weight));
            }
        }

        var sum = kept.Sum(k => k.Weight);
        return sum <= 0 ? [] : kept.Select(k => (k.Term, k.Weight / sum)).ToList();
    }

    /// <summary>
    /// A document's term counts, as the index analyzer makes them: its searchable passages' text and section, and its
    /// title once.
    /// </summary>
    private Dictionary<string, double> DocumentVector(int key)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        void Count(string field, string? value)
        {
            if (string.IsNullOrEmpty(value))
                return;
            foreach (var term in PassageAnalyzer.Index.Terms(value, field))
                counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        string? title = null;
        var docTerm = new Term(IndexFields.DocId, _docIds[key]);
        foreach (var leaf in _reader.Leaves)
        {
            var docs = leaf.AtomicReader.GetTermDocsEnum(docTerm);
            if (docs is null)
                continue;
            var map = _documentOf[leaf.Ord];
            var passages = new List<(int Ordinal, string Text, string? Section)>();
            while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                if (map[docs.DocID] != key)
                    continue;
                var stored = leaf.AtomicReader.Document(docs.DocID);
                passages.Add((stored.GetField(IndexFields.Ordinal)?.GetInt32Value() ?? 0, stored.Get(IndexFields.StoredText) ?? "", stored.Get(IndexFields.Section)));
            }

            foreach (var (_, text, section) in passages.OrderBy(p => p.Ordinal))
            {
                Count(IndexFields.Text, text);
                Count(IndexFields.Section, section);
            }
        }

        var record = Searcher.FindDocIn(_reader, new Term(IndexFields.RecordId, _docIds[key]));
        if (record is { } recordDoc)
            title = _reader.Document(recordDoc).Get(IndexFields.DocumentTitle);
        Count(IndexFields.Title, title);
        return counts;
    }

    /// <summary>The share of the searchable passages that hold <paramref name="term"/> in any field (cached: the index never changes under a ranker).</summary>
    private double PassageShare(string term)
    {
        var count = _passageCounts.GetOrAdd(term, t =>
        {
            var total = 0;
            foreach (var leaf in _reader.Leaves)
            {
                var seen = new FixedBitSet(leaf.AtomicReader.MaxDoc);
                foreach (var field in new[] { IndexFields.Text, IndexFields.Title, IndexFields.Section })
                {
                    var docs = leaf.AtomicReader.GetTermDocsEnum(new Term(field, t));
                    if (docs is null)
                        continue;
                    while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                    {
                        if (_documentOf[leaf.Ord][docs.DocID] >= 0 && !seen.GetAndSet(docs.DocID))
                            total++;
                    }
                }
            }

            return total;
        });
        return (double)count / Math.Max(1, _passageTotal);
    }

    /// <summary>
    /// For each pair of distinct query terms next to each other in the query: the number of times they occur within
    /// the window in one passage field, saturated (c / (c + 1)) and weighted by the pair's mean idf. (A title pair is
    /// seen once per passage, as every passage carries the title; the saturation keeps that small.)
    /// </summary>
    private void AddProximity(IReadOnlyList<string> queryTerms, Dictionary<string, Postings> postings, Dictionary<string, double> idf, Dictionary<int, double> scores)
    {
        var window = Options.ProximityWindow;
        for (var i = 0; i + 1 < queryTerms.Count; i++)
        {
            var (a, b) = (queryTerms[i], queryTerms[i + 1]);
            if (a == b) continue;
            var (pa, pb) = (postings[a].Positions!, postings[b].Positions!);
            var counts = new Dictionary<int, int>();
            foreach (var (slot, positionsA) in pa)
            {
                if (!pb.TryGetValue(slot, out var positionsB)) continue;
                var count = CountNear(positionsA, positionsB, window);
                if (count > 0)
                {
                    counts[slot.Document] = counts.GetValueOrDefault(slot.Document) + count;
                }
            }

            var weight = Options.ProximityWeight * (idf[a] + idf[b]) / 2;
            foreach (var (key, count) in counts)
            {
                scores[key] = scores.GetValueOrDefault(key) + weight * count / (count + 1.0);
            }
        }
    }

    /// <summary>Occurrences of a (in order) with some b at most <paramref name="window"/> positions away, either side.</summary>
    private static int CountNear(List<int> a, List<int> b, int window)
    {
        var count = 0;
        var j = 0;
        foreach (var p in a)
        {
            while (j < b.Count && b[j] < p - window) j++;
            if (j < b.Count && b[j] <= p + window && b[j] != p) count++;
        }

        return count;
    }

    /// <summary>One passage's field: where positions are compared.</summary>
    private readonly record struct Slot(int Leaf, int Passage, int Field, int Document);

    private sealed record Postings(Dictionary<int, (int Body, int Title)> Docs, Dictionary<Slot, List<int>>? Positions);

    /// <summary>Per document, the term's body and title hits (title counted once per document); with positions when asked.</summary>
    private Postings ReadPostings(string term, bool withPositions)
    {
        var docs = new Dictionary<int, (int Body, int Title)>();
        var positions = withPositions ? new Dictionary<Slot, List<int>>() : null;
        foreach (var leaf in _reader.Leaves)
        {
            var map = _documentOf[leaf.Ord];
            var fields = new[] { IndexFields.Text, IndexFields.Section, IndexFields.Title };
            for (var f = 0; f < fields.Length; f++)
            {
                var postings = leaf.AtomicReader.GetTermPositionsEnum(new Term(fields[f], term));
                if (postings is null)
                    continue;
                while (postings.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    var key = map[postings.DocID];
                    if (key < 0)
                        continue;
                    var freq = postings.Freq;
                    var hits = docs.GetValueOrDefault(key);
                    docs[key] = fields[f] == IndexFields.Title ? hits with { Title = Math.Max(hits.Title, freq) } : hits with { Body = hits.Body + freq };
                    if (positions is not null)
                    {
                        var list = new List<int>(freq);
                        for (var i = 0; i < freq; i++)
                            list.Add(postings.NextPosition());
                        positions[new Slot(leaf.Ord, postings.DocID, f, key)] = list;
                    }
                }
            }
        }

        return new Postings(docs, positions);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
