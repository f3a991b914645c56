using Microsoft.Data.Sqlite;
using PakRussia.Search.Search;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>What an index answers (totals and top ids of a few queries) and whether SQLite and FTS5 find it sound.</summary>
public static class IndexProbe
{
    public static readonly string[] Queries = ["russia", "pakistan afghanistan", "\"warm waters\"", "energy OR pipeline", "secur*"];

    /// <summary>One line per query: total and the top ten passage ids.</summary>
    public static string Answers(string indexPath)
    {
        var searcher = new Searcher(indexPath) { TimeBudget = Timeout.InfiniteTimeSpan };
        return string.Join("\n", Queries.Select(q =>
        {
            var response = searcher.Search(new SearchRequest { Query = q, PageSize = 10 });
            return $"{q}: {response.Total} [{string.Join(' ', response.Hits.Select(h => h.PassageId))}]";
        }));
    }

    /// <summary>
    /// PRAGMA quick_check on the file itself (read-only), then FTS5's integrity-check, which compares the full-text
    /// index with its external content; it writes, so it runs on a copy.
    /// </summary>
    public static void AssertSound(string indexPath, string scratchFolder)
    {
        using (var connection = new SqliteConnection($"Data Source={indexPath};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check";
            Assert.Equal("ok", check.ExecuteScalar() as string);
        }

        var copy = Path.Combine(scratchFolder, "integrity-" + Guid.NewGuid().ToString("N")[..8] + ".db");
        File.Copy(indexPath, copy);
        try
        {
            using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            connection.Open();
            using var fts = connection.CreateCommand();
            fts.CommandText = "INSERT INTO passage_fts(passage_fts) VALUES('integrity-check')";
            fts.ExecuteNonQuery(); // throws SQLITE_CORRUPT_VTAB when the index and the content disagree
        }
        finally
        {
            File.Delete(copy);
        }
    }

    /// <summary>Files beside the index other than the index and its lock (journals, WAL, leftover builds).</summary>
    public static IReadOnlyList<string> Strays(string indexPath)
    {
        var name = Path.GetFileName(indexPath);
        return Directory.GetFiles(Path.GetDirectoryName(indexPath)!, name + "*")
            .Select(Path.GetFileName)
            .Where(f => f != name && f != name + ".lock")
            .ToList()!;
    }
}
