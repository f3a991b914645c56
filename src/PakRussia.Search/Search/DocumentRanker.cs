using Microsoft.Data.Sqlite;
using PakRussia.Search.Indexing;
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
/// FTS5 index's own postings,
/// instead of ranking passages with FTS5's built-in <c>bm25()</c> (fixed k1 1.2, b 0.75, one passage at a time).
/// A document's term frequency is the sum over its passages of the body hits plus <see cref="DocumentRankOptions.TitleWeight"/>
/// times the title hits (the title is counted once, not once per passage); its length is its body tokens plus its title
/// tokens; document frequencies count documents, not passages. Every document holding a query word is scored, so
/// nothing is lost to a candidate cut.
/// With feedback on (RM3), the top <see cref="DocumentRankOptions.FeedbackDocuments"/> documents of that ranking are
/// read back, their heaviest words under a relevance model (each document weighted by its share of their scores)
/// join the query with <c>1 - </c><see cref="DocumentRankOptions.OriginalQueryWeight"/> of its weight, and every
/// document is scored again with the expanded query.
/// </summary>
/// <remarks>
/// Terms are the index's own: query words go through the same FTS5 tokenizer (porter, unicode61, diacritics removed) in
/// a temporary table, and postings come from an <c>fts5vocab</c> 'instance' table over <c>passage_fts</c>. Document and
/// title lengths come from <c>passage_fts_docsize</c> once, when the ranker is created. Query words are free text
/// (<see cref="QueryCompiler.PlainWords"/>) with English stop words dropped unless nothing else is left.
/// Safe to share between threads: the statistics are read-only and each call opens its own connection.
/// The cost of a query is proportional to the postings of its words (and, with feedback, of the expansion words, each
/// in at most <see cref="DocumentRankOptions.FeedbackMaxDocumentShare"/> of the passages), so it suits evaluation-sized
/// collections (tens of thousands of passages) better than interactive search over a very large index. Feedback
/// documents are re-tokenized from their stored text in a scratch FTS5 table: the index is never written.
/// </remarks>
public sealed class DocumentRanker
{
    private const string Tokenizer = "porter unicode61 remove_diacritics 2";
    private readonly Dictionary<long, DocStats> _docs;
    private readonly double _averageLength;
    private readonly int _passageTotal;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _passageCounts = new(StringComparer.Ordinal);

    private readonly record struct DocStats(string DocId, int BodyLength, int TitleLength);

    /// <summary>Reads the document statistics of the index at <paramref name="indexPath"/>.</summary>
    public DocumentRanker(string indexPath, DocumentRankOptions? options = null)
    {
        IndexPath = Path.GetFullPath(indexPath);
        Options = options ?? new DocumentRankOptions();
        using var connection = IndexFiles.OpenRead(IndexPath);
        var ids = new Dictionary<long, string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT doc_key, doc_id FROM documents";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                ids[reader.GetInt64(0)] = reader.GetString(1);
            }
        }

        var body = new Dictionary<long, int>();
        var title = new Dictionary<long, int>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, sz FROM passage_fts_docsize";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = IndexSchema.DocKeyOf(reader.GetInt64(0));
                var sizes = ColumnSizes((byte[])reader.GetValue(1));
                _passageTotal++;
                body[key] = body.GetValueOrDefault(key) + sizes.Text + sizes.Section;
                title[key] = sizes.Title;
            }
        }

        _docs = body.Where(p => ids.ContainsKey(p.Key))
            .ToDictionary(p => p.Key, p => new DocStats(ids[p.Key], p.Value, title[p.Key]));
        _averageLength = _docs.Count == 0 ? 1 : Math.Max(1, _docs.Values.Average(d => (double)d.BodyLength + d.TitleLength));
    }

    public string IndexPath { get; }

    public DocumentRankOptions Options { get; }

    /// <summary>Documents with at least one searchable passage.</summary>
    public int DocumentCount => _docs.Count;

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

        if (content.Length == 0)
        {
            return ([], []);
        }

        using var connection = OpenWithScratch();
        var queryTerms = Tokenize(connection, string.Join(' ', content));
        if (queryTerms.Count == 0)
        {
            return ([], []);
        }

        var near = Options.ProximityWeight > 0 && queryTerms.Count > 1;
        var postings = queryTerms.Distinct().ToDictionary(t => t, t => ReadPostings(connection, t, near), StringComparer.Ordinal);
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

        var feedback = FeedbackTerms(connection, TopKeys(scores, Options.FeedbackDocuments));
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
                postings[term] = ReadPostings(connection, term, withPositions: false);
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
    private double Idf(int documentFrequency) => Math.Log(1 + (_docs.Count - documentFrequency + 0.5) / (documentFrequency + 0.5));

    /// <summary>BM25 over whole documents: each term's contribution times its query weight.</summary>
    private Dictionary<long, double> Score(Dictionary<string, double> weights, Dictionary<string, Postings> postings, Dictionary<string, double> idf)
    {
        var scores = new Dictionary<long, double>();
        foreach (var (term, queryWeight) in weights)
        {
            var posting = postings[term];
            foreach (var (key, hits) in posting.Docs)
            {
                if (!_docs.TryGetValue(key, out var doc)) continue;
                var tf = hits.Body + Options.TitleWeight * hits.Title;
                var norm = Options.K1 * (1 - Options.B + Options.B * (doc.BodyLength + doc.TitleLength) / _averageLength);
                scores[key] = scores.GetValueOrDefault(key) + queryWeight * idf[term] * tf * (Options.K1 + 1) / (tf + norm);
            }
        }

        return scores;
    }

    /// <summary>The top <paramref name="count"/> documents, score descending, ties by document id (ordinal).</summary>
    private Evaluation.RankedDocument[] Sorted(Dictionary<long, double> scores, int count) =>
        TopKeys(scores, count).Select(p => new Evaluation.RankedDocument(_docs[p.Key].DocId, p.Score)).ToArray();

    /// <summary>As <see cref="Sorted"/>, by document key (scores rounded to 6 places, as reported).</summary>
    private (long Key, double Score)[] TopKeys(Dictionary<long, double> scores, int count)
    {
        var ranked = scores.Select(p => (p.Key, Score: Math.Round(p.Value, 6))).ToArray();
        Array.Sort(ranked, (x, y) =>
        {
            var byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(_docs[x.Key].DocId, _docs[y.Key].DocId);
        });
        return ranked.Length <= count ? ranked : ranked[..count];
    }

    /// <summary>
    /// The relevance model of the feedback documents (RM1): each term's weight is the sum over the documents of its
    /// share of the document's tokens times the document's share of the feedback documents' total score. Terms in
    /// more than <see cref="DocumentRankOptions.FeedbackMaxDocumentShare"/> of the passages, and one-character terms,
    /// are left out. Returns the <see cref="DocumentRankOptions.FeedbackTerms"/> heaviest terms, weights summing to 1.
    /// </summary>
    private IReadOnlyList<(string Term, double Weight)> FeedbackTerms(SqliteConnection connection, (long Key, double Score)[] top)
    {
        var vectors = DocumentVectors(connection, top.Select(t => t.Key).ToArray());
        var documents = top.Select((t, i) => (t.Score, vectors[i])).ToList();
        return RelevanceModel(documents, term => term.Length > 1 && PassageShare(connection, term) <= Options.FeedbackMaxDocumentShare, Options.FeedbackTerms);
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
    /// Each document's term counts, as the index tokenizer makes them: its indexed passages' text and section, and its
    /// title once.
    /// </summary>
    private Dictionary<string, double>[] DocumentVectors(SqliteConnection connection, long[] keys)
    {
        using (var clear = connection.CreateCommand())
        {
            clear.CommandText = "DELETE FROM feedback_text";
            clear.ExecuteNonQuery();
        }

        for (var i = 0; i < keys.Length; i++)
        {
            var body = new System.Text.StringBuilder();
            string? title = null;
            using (var read = connection.CreateCommand())
            {
                read.CommandText = """
                    SELECT c.text, c.section, c.title FROM idx.passage_content c
                    WHERE c.rid IN (SELECT id FROM idx.passage_fts_docsize WHERE id BETWEEN $lo AND $hi)
                    ORDER BY c.rid
                    """;
                read.Parameters.AddWithValue("$lo", IndexSchema.RowId(keys[i], 0));
                read.Parameters.AddWithValue("$hi", IndexSchema.RowId(keys[i] + 1, 0) - 1);
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    body.Append(reader.GetString(0)).Append('\n');
                    if (!reader.IsDBNull(1)) body.Append(reader.GetString(1)).Append('\n');
                    title ??= reader.GetString(2);
                }
            }

            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO feedback_text(rowid, body, title) VALUES ($row, $body, $title)";
            insert.Parameters.AddWithValue("$row", i);
            insert.Parameters.AddWithValue("$body", body.ToString());
            insert.Parameters.AddWithValue("$title", title ?? "");
            insert.ExecuteNonQuery();
        }

        var vectors = keys.Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToArray();
        using var terms = connection.CreateCommand();
        terms.CommandText = "SELECT doc, term FROM feedback_terms";
        using (var reader = terms.ExecuteReader())
        {
            while (reader.Read())
            {
                var counts = vectors[reader.GetInt32(0)];
                var term = reader.GetString(1);
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }
        }

        return vectors;
    }

    /// <summary>The share of the indexed passages that hold <paramref name="term"/> (cached: the index never changes under a ranker).</summary>
    private double PassageShare(SqliteConnection connection, string term)
    {
        if (!_passageCounts.TryGetValue(term, out var count))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT cnt FROM passage_rows WHERE term = $t";
            command.Parameters.AddWithValue("$t", term);
            count = Convert.ToInt32(command.ExecuteScalar() ?? 0L);
            _passageCounts[term] = count;
        }

        return (double)count / Math.Max(1, _passageTotal);
    }

    /// <summary>
    /// For each pair of distinct query terms next to each other in the query: the number of times they occur within
    /// the window in one passage column, saturated (c / (c + 1)) and weighted by the pair's mean idf. (A title pair is
    /// seen once per passage, as every passage carries the title; the saturation keeps that small.)
    /// </summary>
    private void AddProximity(IReadOnlyList<string> queryTerms, Dictionary<string, Postings> postings, Dictionary<string, double> idf, Dictionary<long, double> scores)
    {
        var window = Options.ProximityWindow;
        for (var i = 0; i + 1 < queryTerms.Count; i++)
        {
            var (a, b) = (queryTerms[i], queryTerms[i + 1]);
            if (a == b) continue;
            var (pa, pb) = (postings[a].Positions!, postings[b].Positions!);
            var counts = new Dictionary<long, int>();
            foreach (var (slot, positionsA) in pa)
            {
                if (!pb.TryGetValue(slot, out var positionsB)) continue;
                var count = CountNear(positionsA, positionsB, window);
                if (count > 0)
                {
                    var key = IndexSchema.DocKeyOf(slot.RowId);
                    counts[key] = counts.GetValueOrDefault(key) + count;
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

    private readonly record struct Slot(long RowId, int Column);

    private sealed record Postings(Dictionary<long, (int Body, int Title)> Docs, Dictionary<Slot, List<int>>? Positions);

    /// <summary>
    /// An in-memory database (where the query tokenizer and the vocabulary tables live: a read-only connection cannot
    /// create them) with the index attached as <c>idx</c>. Nothing is ever written to <c>idx</c>, and index files are
    /// replaced by rename, never written in place, so the attached file is only read.
    /// </summary>
    private SqliteConnection OpenWithScratch()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                ATTACH DATABASE $path AS idx;
                CREATE VIRTUAL TABLE query_text USING fts5(q, tokenize='{Tokenizer}');
                CREATE VIRTUAL TABLE temp.query_terms USING fts5vocab(main, query_text, instance);
                CREATE VIRTUAL TABLE temp.passage_terms USING fts5vocab(idx, passage_fts, instance);
                """;
            if (Options.FeedbackDocuments > 0)
            {
                command.CommandText += $"""

                    CREATE VIRTUAL TABLE feedback_text USING fts5(body, title, tokenize='{Tokenizer}');
                    CREATE VIRTUAL TABLE temp.feedback_terms USING fts5vocab(main, feedback_text, instance);
                    CREATE VIRTUAL TABLE temp.passage_rows USING fts5vocab(idx, passage_fts, row);
                    """;
            }

            command.Parameters.AddWithValue("$path", IndexPath);
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The query's terms as the index tokenizer makes them, in query order.</summary>
    private static List<string> Tokenize(SqliteConnection connection, string text)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM query_text;
            INSERT INTO query_text(rowid, q) VALUES (1, $q);
            """;
        command.Parameters.AddWithValue("$q", text);
        command.ExecuteNonQuery();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT term FROM query_terms ORDER BY offset";
        using var reader = read.ExecuteReader();
        var terms = new List<string>();
        while (reader.Read())
        {
            terms.Add(reader.GetString(0));
        }

        return terms;
    }

    /// <summary>Per document, the term's body and title hits (title counted once per document); with positions when asked.</summary>
    private static Postings ReadPostings(SqliteConnection connection, string term, bool withPositions)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc, col, offset FROM passage_terms WHERE term = $t";
        command.Parameters.AddWithValue("$t", term);
        var perPassage = new Dictionary<long, (int Body, int Title)>();
        var positions = withPositions ? new Dictionary<Slot, List<int>>() : null;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var rowId = reader.GetInt64(0);
                var column = reader.GetString(1) switch { "title" => 1, "section" => 2, _ => 0 };
                var hits = perPassage.GetValueOrDefault(rowId);
                perPassage[rowId] = column == 1 ? hits with { Title = hits.Title + 1 } : hits with { Body = hits.Body + 1 };
                if (positions is not null)
                {
                    var slot = new Slot(rowId, column);
                    if (!positions.TryGetValue(slot, out var list))
                    {
                        positions[slot] = list = [];
                    }

                    list.Add(reader.GetInt32(2));
                }
            }
        }

        var docs = new Dictionary<long, (int Body, int Title)>();
        foreach (var (rowId, hits) in perPassage)
        {
            var key = IndexSchema.DocKeyOf(rowId);
            var sum = docs.GetValueOrDefault(key);
            docs[key] = (sum.Body + hits.Body, Math.Max(sum.Title, hits.Title));
        }

        if (positions is not null)
        {
            foreach (var list in positions.Values)
            {
                list.Sort();
            }
        }

        return new Postings(docs, positions);
    }

    /// <summary>Decodes an FTS5 docsize record: one SQLite varint per column (text, title, section).</summary>
    private static (int Text, int Title, int Section) ColumnSizes(byte[] record)
    {
        var values = new int[3];
        var at = 0;
        for (var column = 0; column < 3 && at < record.Length; column++)
        {
            long value = 0;
            for (var i = 0; i < 9 && at < record.Length; i++)
            {
                var b = record[at++];
                if (i == 8)
                {
                    value = (value << 8) | b;
                    break;
                }

                value = (value << 7) | (uint)(b & 0x7F);
                if ((b & 0x80) == 0) break;
            }

            values[column] = (int)value;
        }

        return (values[0], values[1], values[2]);
    }
}
