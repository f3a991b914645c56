using Microsoft.Data.Sqlite;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Search;

/// <summary>Reads passages back from the index into <see cref="Passage"/> records.</summary>
internal static class PassageRecord
{
    public const string Columns = """
        p.rowid, p.passage_id, p.doc_key, p.ordinal, p.kind, p.section, p.text, p.start, p."end", p.word_count, p.content_hash,
        p.duplicate_of, p.footnote_number, p.post_number
        """;

    public static (long RowId, long DocKey, Passage Passage) Read(SqliteDataReader reader) =>
        (reader.GetInt64(0), reader.GetInt64(2), new Passage
        {
            PassageId = reader.GetString(1),
            DocId = "",
            Ordinal = reader.GetInt32(3),
            Kind = Enum.TryParse<PassageKind>(reader.GetString(4), ignoreCase: true, out var kind) ? kind : PassageKind.Body,
            Section = reader.IsDBNull(5) ? null : reader.GetString(5),
            Text = reader.GetString(6),
            Start = reader.GetInt32(7),
            End = reader.GetInt32(8),
            WordCount = reader.GetInt32(9),
            ContentHash = reader.GetString(10),
            DuplicateOf = reader.IsDBNull(11) ? null : reader.GetString(11),
            FootnoteNumber = reader.IsDBNull(12) ? null : reader.GetInt32(12),
            PostNumber = reader.IsDBNull(13) ? null : reader.GetInt32(13),
        });
}
