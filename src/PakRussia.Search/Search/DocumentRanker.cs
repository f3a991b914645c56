using Microsoft.Data.Sqlite;
using PakRussia.Search.Indexing;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Search;

/// <summary>How <see cref="DocumentRanker"/> scores a document.</summary>
public sealed record DocumentRankOptions
{
    // Defaults: the best of the settings measured on BEIR SciFact (notes/quality.md has the table).

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
}

/// <summary>
/// Ranks whole documents with BM25 (plus an optional proximity bonus) computed from the FTS5 index's own postings,
/// instead of ranking passages with FTS5's built-in <c>bm25()</c> (fixed k1 1.2, b 0.75, one passage at a time).
/// A document's term frequency is the sum over its passages of the body hits plus <see cref="DocumentRankOptions.TitleWeight"/>
/// times the title hits (the title is counted once, not once per passage); its length is its body tokens plus its title
/// tokens; document frequencies count documents, not passages. Every document holding a query word is scored, so
/// nothing is lost to a candidate cut.
/// </summary>
/// <remarks>
/// Terms are the index's own: query words go through the same FTS5 tokenizer (porter, unicode61, diacritics removed) in
/// a temporary table, and postings come from an <c>fts5vocab</c> 'instance' table over <c>passage_fts</c>. Document and
/// title lengths come from <c>passage_fts_docsize</c> once, when the ranker is created. Query words are free text
/// (<see cref="QueryCompiler.PlainWords"/>) with English stop words dropped unless nothing else is left.
/// Safe to share between threads: the statistics are read-only and each call opens its own connection.
/// The cost of a query is proportional to the postings of its words, so it suits evaluation-sized collections
/// (tens of thousands of passages) better than interactive search over a very large index.
/// </remarks>
public sealed class DocumentRanker
{
    private const string Tokenizer = "porter unicode61 remove_diacritics 2";
    private readonly Dictionary<long, DocStats> _docs;
    private readonly double _averageLength;

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
        var words = QueryCompiler.PlainWords(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var content = words.Where(w => !StopWords.IsStopWord(w)).ToArray();
        if (content.Length == 0)
        {
            content = words;
        }

        if (content.Length == 0)
        {
            return [];
        }

        using var connection = OpenWithScratch();
        var queryTerms = Tokenize(connection, string.Join(' ', content));
        if (queryTerms.Count == 0)
        {
            return [];
        }

        var near = Options.ProximityWeight > 0 && queryTerms.Count > 1;
        var postings = queryTerms.Distinct().ToDictionary(t => t, t => ReadPostings(connection, t, near), StringComparer.Ordinal);
        var n = (double)_docs.Count;
        // Lucene's idf: log(1 + (N - n + 0.5) / (n + 0.5)), never negative.
        var idf = postings.ToDictionary(p => p.Key, p => Math.Log(1 + (n - p.Value.Docs.Count + 0.5) / (p.Value.Docs.Count + 0.5)), StringComparer.Ordinal);

        var scores = new Dictionary<long, double>();
        foreach (var term in queryTerms)
        {
            // A word repeated in the query counts again, as repeated clauses do in Lucene.
            var posting = postings[term];
            foreach (var (key, hits) in posting.Docs)
            {
                if (!_docs.TryGetValue(key, out var doc)) continue;
                var tf = hits.Body + Options.TitleWeight * hits.Title;
                var norm = Options.K1 * (1 - Options.B + Options.B * (doc.BodyLength + doc.TitleLength) / _averageLength);
                scores[key] = scores.GetValueOrDefault(key) + idf[term] * tf * (Options.K1 + 1) / (tf + norm);
            }
        }

        if (near)
        {
            AddProximity(queryTerms, postings, idf, scores);
        }

        var ranked = scores.Select(p => new Evaluation.RankedDocument(_docs[p.Key].DocId, Math.Round(p.Value, 6))).ToArray();
        Array.Sort(ranked, static (x, y) =>
        {
            var byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(x.DocId, y.DocId);
        });
        return ranked.Length <= depth ? ranked : ranked[..depth];
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
