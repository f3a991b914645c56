using PakRussia.Search.Citations;
using Microsoft.Data.Sqlite;
using PakRussia.Search.Indexing;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Search;

/// <summary>Looking things up by id: passages with context, documents, completions, counts.</summary>
public sealed partial class Searcher
{
    /// <summary>Passage ids: a document id, ".p" and an ordinal. Anything else is rejected before it reaches SQL.</summary>
    public static bool IsValidPassageId(string id) =>
        id.Length is > 0 and <= 120 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static bool IsValidDocId(string id) =>
        id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The passage, <paramref name="context"/> passages before and after it, its document and citation; null for an unknown id.</summary>
    public PassageView? Show(string passageId, int context = 0)
    {
        if (context < 0 || context > SearchLimits.MaxContext)
            throw new SearchRequestException($"context must be between 0 and {SearchLimits.MaxContext} (got {context}).");
        if (!IsValidPassageId(passageId))
            return null;

        using var lease = _connections.Rent();
        var connection = lease.Connection;
        var catalog = DocumentCatalog.For(connection);
        long rowId;
        using (var find = connection.CreateCommand())
        {
            find.CommandText = "SELECT rowid FROM passages WHERE passage_id = $id";
            find.Parameters.AddWithValue("$id", passageId);
            if (find.ExecuteScalar() is not long found) return null;
            rowId = found;
        }

        var (passage, doc) = ReadPassage(connection, catalog, rowId);
        var docKey = IndexSchema.DocKeyOf(rowId);
        var neighbours = ReadPassages(connection, docKey, passage.Ordinal - context, passage.Ordinal + context);
        return new PassageView(
            passage,
            neighbours.Where(p => p.Ordinal < passage.Ordinal).ToList(),
            neighbours.Where(p => p.Ordinal > passage.Ordinal).ToList(),
            DocumentSummary.From(doc.Metadata, doc.SourcePath, doc.PassageCount),
            CitationFormatter.Format(doc.Metadata, passage, CitationStyle.Plain),
            DuplicatesOf(connection, passage.PassageId))
        {
            Citations = CitationFormatter.All(doc.Metadata, passage),
        };
    }

    public IReadOnlyList<DocumentSummary> Documents() => Documents(0, int.MaxValue).Page;

    /// <summary>
    /// How many documents the index holds, and the <paramref name="count"/> of them (in index order) after the first
    /// <paramref name="offset"/>: only those are summarised, so a page of a 640k-document index costs a page.
    /// </summary>
    public (int Total, IReadOnlyList<DocumentSummary> Page) Documents(long offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        using var lease = _connections.Rent();
        var entries = DocumentCatalog.For(lease.Connection).Entries;
        var page = new List<DocumentSummary>();
        for (var i = offset; i < entries.Count && page.Count < count; i++)
        {
            var e = entries[(int)i];
            page.Add(DocumentSummary.From(e.Metadata, e.SourcePath, e.PassageCount));
        }

        return (entries.Count, page);
    }

    /// <summary>A document's metadata and all its passages in order; null for an unknown id.</summary>
    public DocumentView? Document(string docId)
    {
        if (!IsValidDocId(docId))
            return null;
        using var lease = _connections.Rent();
        var connection = lease.Connection;
        var catalog = DocumentCatalog.For(connection);
        if (!catalog.ById.TryGetValue(docId, out var doc))
            return null;
        var passages = ReadPassages(connection, doc.DocKey, 0, int.MaxValue);
        return new DocumentView(DocumentSummary.From(doc.Metadata, doc.SourcePath, doc.PassageCount), passages);
    }

    /// <summary>Completions for the last word of what the user is typing, most frequent first.</summary>
    public IReadOnlyList<string> Suggest(string prefix, int limit = 10, CancellationToken cancellationToken = default)
    {
        var word = WordTokenizer.Words(prefix).LastOrDefault();
        if (word is null || word.Length < 2 || !char.IsLetterOrDigit(prefix.TrimEnd()[^1]))
            return [];
        return Budgeted(null, cancellationToken, (connection, _) =>
            new SqliteVocabulary(connection).TermsWithPrefix(word, Math.Clamp(limit, 1, 50)).Select(t => t.Term).ToList());
    }

    /// <summary>Files the last build skipped, with the reason.</summary>
    public IReadOnlyList<Corpus.SkippedFile> SkippedFiles()
    {
        using var lease = _connections.Rent();
        var connection = lease.Connection;
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT path, reason FROM skipped_files ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var skipped = new List<Corpus.SkippedFile>();
        while (reader.Read())
        {
            skipped.Add(new Corpus.SkippedFile(reader.GetString(0), reader.GetString(1)));
        }

        return skipped;
    }

    public IndexStats Stats()
    {
        using var lease = _connections.Rent();
        var connection = lease.Connection;
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM passages),
                   (SELECT value FROM meta WHERE key = 'generation'), (SELECT value FROM meta WHERE key = 'built_at'),
                   (SELECT value FROM meta WHERE key = 'source')
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new IndexStats(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    private static List<Passage> ReadPassages(SqliteConnection connection, long docKey, int fromOrdinal, int toOrdinal)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {PassageRecord.Columns} FROM passages p WHERE p.rowid BETWEEN $lo AND $hi ORDER BY p.rowid";
        command.Parameters.AddWithValue("$lo", IndexSchema.RowId(docKey, Math.Max(0, fromOrdinal)));
        command.Parameters.AddWithValue("$hi", IndexSchema.RowId(docKey, (int)Math.Min(toOrdinal, IndexSchema.MaxPassagesPerDocument - 1)));
        using var reader = command.ExecuteReader();
        var docId = DocumentCatalog.For(connection).ByKey[docKey].Metadata.DocId;
        var passages = new List<Passage>();
        while (reader.Read())
        {
            passages.Add(PassageRecord.Read(reader).Passage with { DocId = docId });
        }

        return passages;
    }
}
