using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using PakRussia.Search.Corpus;

namespace PakRussia.Search.Search;

/// <summary>
/// The documents table of one index generation, held in memory: facets and filters work on documents
/// (never on every passage), and documents are few next to passages.
/// </summary>
public sealed class DocumentCatalog
{
    private static readonly ConcurrentDictionary<string, DocumentCatalog> Cache = new();
    private static readonly Lock LoadGate = new();

    public sealed record Entry(long DocKey, DocumentMetadata Metadata, string? DateFirst, string? DateLast, int PassageCount, string SourcePath);

    private DocumentCatalog(string generation, IReadOnlyList<Entry> entries)
    {
        Generation = generation;
        Entries = entries;
        ByKey = entries.ToDictionary(e => e.DocKey);
        ById = entries.ToDictionary(e => e.Metadata.DocId, StringComparer.Ordinal);
    }

    public string Generation { get; }
    public IReadOnlyList<Entry> Entries { get; }
    public IReadOnlyDictionary<long, Entry> ByKey { get; }
    public IReadOnlyDictionary<string, Entry> ById { get; }

    /// <summary>
    /// The catalog of the index the connection is open on, read once per index generation: when many searches arrive
    /// on a new generation at once, one reads it and the others wait for that read instead of each reading (and
    /// holding) a copy.
    /// </summary>
    /// <remarks>
    /// Reading it is a cost of the generation, not of the query that happens to come first; <see cref="Searcher"/> reads
    /// it before a query's time budget starts (on a 640k-document index it takes about a second, and a budget that
    /// interrupted it would stop every query of that generation in turn, since none would ever finish the read).
    /// </remarks>
    public static DocumentCatalog For(SqliteConnection connection)
    {
        var generation = GenerationOf(connection);
        if (Cache.TryGetValue(generation, out var cached))
        {
            return cached;
        }

        lock (LoadGate)
        {
            if (Cache.TryGetValue(generation, out cached))
            {
                return cached;
            }

            var catalog = new DocumentCatalog(generation, Read(connection));
            // Keep the new generation and at most one other (a reader still on the previous file): a catalog of a large
            // corpus is hundreds of MB, and after each rebuild the old one would otherwise stay in memory (seen in the
            // scale soak: RSS doubled after a mid-run reindex).
            if (Cache.Count >= 2)
            {
                Cache.Clear();
            }

            Cache[generation] = catalog;
            return catalog;
        }
    }

    /// <summary>Whether the catalog of <paramref name="generation"/> is in memory (for tests).</summary>
    internal static bool IsLoaded(string generation) => Cache.ContainsKey(generation);

    private static string GenerationOf(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'generation'";
        return command.ExecuteScalar() as string ?? "";
    }

    private static List<Entry> Read(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT doc_key, doc_id, title, source_type, site, author, date, date_precision, date_evidence, url, inferred,
                   date_first, date_last, passage_count, source_path
            FROM documents ORDER BY doc_key
            """;
        using var reader = command.ExecuteReader();
        var entries = new List<Entry>();
        while (reader.Read())
        {
            var metadata = new DocumentMetadata
            {
                DocId = reader.GetString(1),
                Title = reader.GetString(2),
                SourceType = reader.GetString(3),
                Site = NullableString(reader, 4),
                Author = NullableString(reader, 5),
                Date = NullableString(reader, 6),
                DatePrecision = NullableString(reader, 7) switch
                {
                    "year" => DatePrecision.Year,
                    "month" => DatePrecision.Month,
                    "day" => DatePrecision.Day,
                    _ => null,
                },
                DateEvidence = NullableString(reader, 8),
                Url = NullableString(reader, 9),
                Inferred = reader.GetInt64(10) != 0,
            };
            entries.Add(new Entry(reader.GetInt64(0), metadata, NullableString(reader, 11), NullableString(reader, 12), reader.GetInt32(13), reader.GetString(14)));
        }

        return entries;
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
