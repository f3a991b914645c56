using Microsoft.Data.Sqlite;

namespace PakRussia.Search.Indexing;

/// <summary>
/// The layout of an index file. One SQLite database: documents and passages in ordinary tables,
/// an FTS5 table over passage text plus the document title and the passage's section, and a
/// vocabulary of surface words for expansions and suggestions.
/// </summary>
/// <remarks>
/// A passage's rowid is <c>(docKey &lt;&lt; 20) | ordinal</c>, so the FTS5 index alone tells which document a
/// match belongs to: facet counts group matches by <c>rowid &gt;&gt; 20</c> without touching other tables,
/// and a document filter becomes a rowid range that FTS5 answers directly.
/// Passages that repeat an earlier one word for word, and headings, are stored but not put in the FTS5 table:
/// a search shows the first occurrence once, with its copies listed, and finds a heading's words through the
/// section column of the passages under it.
/// </remarks>
public static class IndexSchema
{
    /// <summary>'PRKS': marks a file as a PakRussia.Search index.</summary>
    public const int ApplicationId = 0x50524B53;

    /// <summary>Bumped whenever the layout changes; an index of another version must be rebuilt.</summary>
    public const int Version = 3;

    public const int OrdinalBits = 20;
    public const long MaxPassagesPerDocument = 1L << OrdinalBits;

    public static long RowId(long docKey, int ordinal) => (docKey << OrdinalBits) | (uint)ordinal;

    public static long DocKeyOf(long rowId) => rowId >> OrdinalBits;

    /// <summary>BM25 weights of the FTS5 columns: text, title, section.</summary>
    public static readonly (double Text, double Title, double Section) DefaultWeights = (1.0, 2.0, 1.0);

    private const string Ddl = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE documents(
            doc_key INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            source_type TEXT NOT NULL,
            site TEXT, author TEXT,
            date TEXT, date_precision TEXT, date_evidence TEXT, url TEXT,
            inferred INTEGER NOT NULL,
            year INTEGER,
            date_first TEXT, date_last TEXT,
            source_path TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            passage_count INTEGER NOT NULL,
            clean_length INTEGER NOT NULL,
            warnings TEXT);
        CREATE TABLE passages(
            rowid INTEGER PRIMARY KEY,
            passage_id TEXT NOT NULL UNIQUE,
            doc_key INTEGER NOT NULL,
            ordinal INTEGER NOT NULL,
            kind TEXT NOT NULL,
            section TEXT,
            text TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            word_count INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            duplicate_of TEXT,
            footnote_number INTEGER, post_number INTEGER);
        CREATE INDEX passages_duplicate_of ON passages(duplicate_of) WHERE duplicate_of IS NOT NULL;
        CREATE VIEW passage_content AS
            SELECT p.rowid AS rid, p.text AS text, d.title AS title, p.section AS section
            FROM passages p JOIN documents d ON d.doc_key = p.doc_key;
        CREATE VIRTUAL TABLE passage_fts USING fts5(
            text, title, section,
            content='passage_content', content_rowid='rid',
            tokenize='porter unicode61 remove_diacritics 2', detail=full);
        CREATE TABLE vocabulary(term TEXT PRIMARY KEY, doc_count INTEGER NOT NULL, len INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX vocabulary_len ON vocabulary(len, term);
        CREATE TABLE source_files(path TEXT PRIMARY KEY, size INTEGER NOT NULL, ticks INTEGER NOT NULL, doc_id TEXT) WITHOUT ROWID;
        CREATE TABLE skipped_files(path TEXT NOT NULL, reason TEXT NOT NULL);
        """;

    /// <summary>Creates the schema in an empty database and stamps it as ours.</summary>
    public static void Create(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Ddl + $"""

            INSERT INTO passage_fts(passage_fts, rank) VALUES('rank', 'bm25({DefaultWeights.Text:0.0##}, {DefaultWeights.Title:0.0##}, {DefaultWeights.Section:0.0##})');
            PRAGMA application_id = {ApplicationId};
            PRAGMA user_version = {Version};
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Throws <see cref="IndexException"/> unless the open database is an index of this version.</summary>
    public static void Validate(SqliteConnection connection, string path)
    {
        long applicationId, version;
        try
        {
            applicationId = Scalar(connection, "PRAGMA application_id");
            version = Scalar(connection, "PRAGMA user_version");
        }
        catch (SqliteException ex)
        {
            throw new IndexException($"{path} is not a readable index ({ex.Message.TrimEnd('.')}). Rebuild it with: pakrussia index --rebuild", ex);
        }

        if (applicationId != ApplicationId)
        {
            throw new IndexException($"{path} is not a PakRussia.Search index (empty, corrupt or another program's file). Rebuild it with: pakrussia index --rebuild");
        }

        if (version != Version)
        {
            throw new IndexException($"{path} has index schema version {version}, this program needs {Version}. Rebuild it with: pakrussia index --rebuild");
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L);
    }
}
