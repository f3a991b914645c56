using Lucene.Net.Documents;
using PakRussia.Search.Indexing;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Search;

/// <summary>Reads a passage back from its stored fields.</summary>
internal static class PassageRecord
{
    public static Passage Read(Document stored) => new()
    {
        PassageId = stored.Get(IndexFields.PassageId) ?? "",
        DocId = stored.Get(IndexFields.DocId) ?? "",
        Ordinal = Int(stored, IndexFields.Ordinal) ?? 0,
        Kind = Enum.TryParse<PassageKind>(stored.Get(IndexFields.Kind), ignoreCase: true, out var kind) ? kind : PassageKind.Body,
        Section = stored.Get(IndexFields.Section),
        Text = stored.Get(IndexFields.StoredText) ?? "",
        Start = Int(stored, IndexFields.Start) ?? 0,
        End = Int(stored, IndexFields.End) ?? 0,
        WordCount = Int(stored, IndexFields.WordCount) ?? 0,
        ContentHash = stored.Get(IndexFields.ContentHash) ?? "",
        DuplicateOf = stored.Get(IndexFields.DuplicateOf),
        FootnoteNumber = Int(stored, IndexFields.FootnoteNumber),
        PostNumber = Int(stored, IndexFields.PostNumber),
    };

    public static int? Int(Document stored, string field) => stored.GetField(field)?.GetInt32Value();

    public static long? Long(Document stored, string field) => stored.GetField(field)?.GetInt64Value();
}
