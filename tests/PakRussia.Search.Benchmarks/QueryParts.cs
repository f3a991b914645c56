using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PakRussia.Search.Indexing;
using PakRussia.Search.Querying;
using PakRussia.Search.Search;

namespace PakRussia.Search.Benchmarks;

/// <summary>
/// Where a search's time goes: each step of <see cref="Searcher.Search"/> timed on its own over the same queries
/// (open + validate a connection, catalog lookup, compile, count, ranked top-10, highlights, passage rows, facet
/// group-by), next to the whole call. For finding why a target is missed, not for the results table.
/// </summary>
public static class QueryParts
{
    public static JsonArray Measure(string indexPath, IReadOnlyList<string> queries, bool any, int repeat)
    {
        var steps = new Dictionary<string, List<double>>();
        void Add(string step, long start) =>
            (steps.TryGetValue(step, out var list) ? list : steps[step] = []).Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

        var searcher = new Searcher(indexPath);
        using var shared = IndexFiles.OpenRead(indexPath);
        DocumentCatalog.For(shared);
        foreach (var q in queries) searcher.Search(new SearchRequest { Query = q, Any = any, Facets = false }); // warm-up

        for (var pass = 0; pass < repeat; pass++)
        {
            foreach (var q in queries)
            {
                var t = Stopwatch.GetTimestamp();
                using (IndexFiles.OpenRead(indexPath)) { }
                Add("open+validate+pragmas", t);

                t = Stopwatch.GetTimestamp();
                DocumentCatalog.For(shared);
                Add("catalog (cached)", t);

                t = Stopwatch.GetTimestamp();
                var compiled = QueryCompiler.Compile(q, new QueryOptions { AnyWord = any }, new SqliteVocabulary(shared));
                Add("compile", t);
                var match = compiled.Match!;

                t = Stopwatch.GetTimestamp();
                Scalar(shared, "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH $m", match);
                Add("count(*)", t);

                t = Stopwatch.GetTimestamp();
                var rows = Rows(shared, "SELECT rowid, bm25(passage_fts, 1.0, 2.0, 1.0) AS s FROM passage_fts WHERE passage_fts MATCH $m ORDER BY s, rowid LIMIT 10", match);
                Add("rank top-10 (bm25 3 columns)", t);

                t = Stopwatch.GetTimestamp();
                Rows(shared, "SELECT rowid, rank FROM passage_fts WHERE passage_fts MATCH $m ORDER BY rank LIMIT 10", match);
                Add("rank top-10 (ORDER BY rank)", t);

                t = Stopwatch.GetTimestamp();
                foreach (var row in rows)
                {
                    Scalar(shared, "SELECT highlight(passage_fts, 0, char(57344), char(57345)) FROM passage_fts WHERE passage_fts MATCH $m AND rowid = $r", match, row);
                }

                Add("highlight x10", t);

                t = Stopwatch.GetTimestamp();
                foreach (var row in rows)
                {
                    Scalar(shared, "SELECT text FROM passages WHERE rowid = $r", null, row);
                    Scalar(shared, "SELECT count(*) FROM passages WHERE duplicate_of = (SELECT passage_id FROM passages WHERE rowid = $r)", null, row);
                }

                Add("passage rows + duplicates x10", t);

                t = Stopwatch.GetTimestamp();
                Rows(shared, "SELECT rowid >> 20, count(*) FROM passage_fts WHERE passage_fts MATCH $m GROUP BY 1", match);
                Add("facet group-by docs", t);

                t = Stopwatch.GetTimestamp();
                searcher.Search(new SearchRequest { Query = q, Any = any, Facets = false });
                Add("Searcher.Search facets off", t);

                t = Stopwatch.GetTimestamp();
                searcher.Search(new SearchRequest { Query = q, Any = any, Facets = true });
                Add("Searcher.Search facets on", t);
            }
        }

        var result = new JsonArray();
        foreach (var (step, values) in steps)
        {
            var sorted = values.Order().ToArray();
            result.Add(new JsonObject
            {
                ["step"] = step,
                ["p50_ms"] = Math.Round(Stats.Percentile(sorted, 50), 3),
                ["p99_ms"] = Math.Round(Stats.Percentile(sorted, 99), 3),
                ["mean_ms"] = Math.Round(sorted.Average(), 3),
            });
        }

        return result;
    }

    private static object? Scalar(SqliteConnection connection, string sql, string? match, long? row = null)
    {
        using var command = Command(connection, sql, match, row);
        return command.ExecuteScalar();
    }

    private static List<long> Rows(SqliteConnection connection, string sql, string match)
    {
        using var command = Command(connection, sql, match, null);
        using var reader = command.ExecuteReader();
        var rows = new List<long>();
        while (reader.Read()) rows.Add(reader.GetInt64(0));
        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string? match, long? row)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        if (match is not null) command.Parameters.AddWithValue("$m", match);
        if (row is not null) command.Parameters.AddWithValue("$r", row.Value);
        return command;
    }
}
