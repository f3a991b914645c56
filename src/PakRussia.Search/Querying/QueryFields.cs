namespace PakRussia.Search.Querying;

/// <summary>The field names the query language knows (case-insensitive).</summary>
public static class QueryFields
{
    /// <summary>FTS5 columns: <c>title:x</c> searches x in that column.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["text", "title", "section"];

    /// <summary>Metadata fields: <c>source:forum</c> becomes an SQL filter.</summary>
    public static IReadOnlyDictionary<string, MetadataField> Metadata { get; } = new Dictionary<string, MetadataField>
    {
        ["source"] = MetadataField.Source,
        ["author"] = MetadataField.Author,
        ["doc"] = MetadataField.Doc,
        ["kind"] = MetadataField.Kind,
        ["year"] = MetadataField.Year,
        ["date"] = MetadataField.Date,
    };

    public static bool IsColumn(string field) => Columns.Contains(field);

    public static bool IsKnown(string field) => IsColumn(field) || Metadata.ContainsKey(field);

    /// <summary>Year and date take ranges; the other fields take values.</summary>
    public static bool TakesRange(string field) => field is "year" or "date";

    public static string AllNames => string.Join(", ", Columns.Concat(Metadata.Keys));
}
