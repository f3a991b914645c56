using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Indexing;

/// <summary>
/// Adds and removes documents in an open index inside one transaction. Keeps the FTS5 table (external
/// content) and the vocabulary in step with the passages table. Used only on a building copy of the
/// index, never on the file searches read.
/// </summary>
public sealed class IndexWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    // Per word: the change in document frequency, and the last passage that counted it (so a word counts once per
    // passage without a set per passage). Looked up by span, so a word already seen allocates nothing.
    private readonly Dictionary<string, VocabularyCount> _vocabularyDelta = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VocabularyCount>.AlternateLookup<ReadOnlySpan<char>> _vocabularyLookup;
    private long _passageCounter;
    private readonly SqliteCommand _insertDocument;
    private readonly SqliteCommand _insertPassage;
    private readonly SqliteCommand _insertFts;
    private long _nextDocKey;
    private bool _committed;

    public IndexWriter(SqliteConnection connection)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction();
        _vocabularyLookup = _vocabularyDelta.GetAlternateLookup<ReadOnlySpan<char>>();
        _nextDocKey = Scalar("SELECT coalesce(max(doc_key), 0) + 1 FROM documents");
        _insertDocument = Prepare("""
            INSERT INTO documents(doc_key, doc_id, title, source_type, site, author, date, date_precision, date_evidence, url,
                inferred, year, date_first, date_last, source_path, content_hash, passage_count, clean_length, warnings)
            VALUES($key, $id, $title, $source, $site, $author, $date, $precision, $evidence, $url,
                $inferred, $year, $first, $last, $path, $hash, $count, $length, $warnings)
            """);
        _insertPassage = Prepare("""
            INSERT INTO passages(rowid, passage_id, doc_key, ordinal, kind, section, text, start, "end", word_count, content_hash,
                duplicate_of, footnote_number, post_number)
            VALUES($rowid, $id, $key, $ordinal, $kind, $section, $text, $start, $end, $words, $hash, $dup, $footnote, $post)
            """);
        _insertFts = Prepare("INSERT INTO passage_fts(rowid, text, title, section) VALUES($rowid, $text, $title, $section)");
    }

    public int DocumentsAdded { get; private set; }
    public int DocumentsRemoved { get; private set; }
    public long PassagesAdded { get; private set; }

    /// <summary>Adds a document and its passages. The document id must not be in the index.</summary>
    public void Add(IngestedDocument document)
    {
        var meta = document.Metadata;
        var docKey = _nextDocKey++;
        var (first, last) = DateRange.Of(meta.Date);
        Bind(_insertDocument, ("$key", docKey), ("$id", meta.DocId), ("$title", meta.Title), ("$source", meta.SourceType),
            ("$site", meta.Site), ("$author", meta.Author), ("$date", meta.Date),
            ("$precision", meta.DatePrecision?.ToString().ToLowerInvariant()), ("$evidence", meta.DateEvidence), ("$url", meta.Url),
            ("$inferred", meta.Inferred ? 1 : 0), ("$year", meta.Year), ("$first", first), ("$last", last),
            ("$path", document.SourcePath), ("$hash", document.ContentHash), ("$count", document.Passages.Count),
            ("$length", document.CleanText.Length),
            ("$warnings", document.Warnings.Count == 0 ? null : JsonSerializer.Serialize(document.Warnings)));
        _insertDocument.ExecuteNonQuery();

        foreach (var passage in document.Passages)
        {
            if (passage.Ordinal < 0 || passage.Ordinal >= IndexSchema.MaxPassagesPerDocument)
            {
                throw new IndexException($"{document.SourcePath}: passage ordinal {passage.Ordinal} is out of range");
            }

            var rowId = IndexSchema.RowId(docKey, passage.Ordinal);
            var text = Markers.Scrub(passage.Text);
            Bind(_insertPassage, ("$rowid", rowId), ("$id", passage.PassageId), ("$key", docKey), ("$ordinal", passage.Ordinal),
                ("$kind", passage.Kind.ToString().ToLowerInvariant()), ("$section", passage.Section), ("$text", text),
                ("$start", passage.Start), ("$end", passage.End), ("$words", passage.WordCount), ("$hash", passage.ContentHash),
                ("$dup", passage.DuplicateOf), ("$footnote", passage.FootnoteNumber), ("$post", passage.PostNumber));
            _insertPassage.ExecuteNonQuery();
            PassagesAdded++;

            if (IsSearchable(passage))
            {
                Bind(_insertFts, ("$rowid", rowId), ("$text", text), ("$title", meta.Title), ("$section", passage.Section));
                _insertFts.ExecuteNonQuery();
                CountWords(text, +1);
            }
        }

        DocumentsAdded++;
    }

    /// <summary>Removes a document, its passages, their FTS5 entries and their share of the vocabulary.</summary>
    public void Remove(string docId)
    {
        var docKey = Scalar("SELECT doc_key FROM documents WHERE doc_id = $id", ("$id", docId));
        if (docKey == 0)
        {
            return;
        }

        using (var read = Command($"SELECT p.text FROM passages p WHERE p.doc_key = $key AND {SearchableSql("p")}", ("$key", docKey)))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                CountWords(reader.GetString(0), -1);
            }
        }

        Execute($"""
            INSERT INTO passage_fts(passage_fts, rowid, text, title, section)
                SELECT 'delete', p.rowid, p.text, d.title, p.section FROM passages p JOIN documents d ON d.doc_key = p.doc_key
                WHERE p.doc_key = $key AND {SearchableSql("p")}
            """, ("$key", docKey));
        Execute("DELETE FROM passages WHERE doc_key = $key", ("$key", docKey));
        Execute("DELETE FROM documents WHERE doc_key = $key", ("$key", docKey));
        DocumentsRemoved++;
    }

    /// <summary>
    /// Passages in the FTS5 table: not word-for-word repeats (a search shows the first occurrence and lists
    /// its copies) and not headings (their words are in the section column of the passages under them, and a
    /// bare heading would otherwise outrank real text on BM25's length normalisation).
    /// </summary>
    public static bool IsSearchable(Passage passage) => passage.DuplicateOf is null && passage.Kind != PassageKind.Heading;

    /// <summary>The same rule as <see cref="IsSearchable"/>, in SQL over the passages table.</summary>
    public static string SearchableSql(string alias) => $"{alias}.duplicate_of IS NULL AND {alias}.kind <> 'heading'";

    public void SetMeta(string key, string value) =>
        Execute("INSERT OR REPLACE INTO meta(key, value) VALUES($k, $v)", ("$k", key), ("$v", value));

    public void ReplaceSourceFiles(IEnumerable<(string Path, long Size, long Ticks, string? DocId)> files, IEnumerable<SkippedFile> skipped)
    {
        Execute("DELETE FROM source_files");
        Execute("DELETE FROM skipped_files");
        using var insert = Prepare("INSERT OR REPLACE INTO source_files(path, size, ticks, doc_id) VALUES($p, $s, $t, $d)");
        foreach (var file in files)
        {
            Bind(insert, ("$p", file.Path), ("$s", file.Size), ("$t", file.Ticks), ("$d", file.DocId));
            insert.ExecuteNonQuery();
        }

        using var insertSkipped = Prepare("INSERT INTO skipped_files(path, reason) VALUES($p, $r)");
        foreach (var file in skipped)
        {
            Bind(insertSkipped, ("$p", file.Path), ("$r", file.Reason));
            insertSkipped.ExecuteNonQuery();
        }
    }

    /// <summary>Writes the vocabulary changes, merges FTS5 segments and commits.</summary>
    public void Commit(bool optimize)
    {
        using (var upsert = Prepare("""
            INSERT INTO vocabulary(term, doc_count, len) VALUES($t, $n, $len)
            ON CONFLICT(term) DO UPDATE SET doc_count = doc_count + excluded.doc_count
            """))
        {
            foreach (var (term, count) in _vocabularyDelta)
            {
                if (count.Delta != 0)
                {
                    Bind(upsert, ("$t", term), ("$n", count.Delta), ("$len", term.Length));
                    upsert.ExecuteNonQuery();
                }
            }
        }

        Execute("DELETE FROM vocabulary WHERE doc_count <= 0");
        if (optimize)
        {
            Execute("INSERT INTO passage_fts(passage_fts) VALUES('optimize')");
        }

        _transaction.Commit();
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed)
        {
            _transaction.Rollback();
        }

        _insertDocument.Dispose();
        _insertPassage.Dispose();
        _insertFts.Dispose();
        _transaction.Dispose();
    }

    private void CountWords(string text, int sign)
    {
        // Document frequency: each word once per passage.
        var passage = ++_passageCounter;
        WordTokenizer.ForEachWord(text, word =>
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_vocabularyLookup, word, out _);
            if (count.LastPassage != passage)
            {
                count.LastPassage = passage;
                count.Delta += sign;
            }
        });
    }

    private struct VocabularyCount
    {
        public long Delta;
        public long LastPassage;
    }

    private SqliteCommand Prepare(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Prepare(sql);
        Bind(command, parameters);
        return command;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L);
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value ?? DBNull.Value;
            }
            else
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
    }
}
