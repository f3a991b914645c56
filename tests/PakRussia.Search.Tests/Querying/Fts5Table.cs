using Microsoft.Data.Sqlite;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Tests.Querying;

/// <summary>A real in-memory FTS5 table shaped like the index's passage_fts, to prove expressions are valid FTS5.</summary>
public sealed class Fts5Table : IDisposable
{
    public static readonly string[][] Rows =
    [
        ["Pakistan and Russia signed a defence cooperation agreement in Moscow.", "Pakistan–Russia ties", "Defence"],
        ["The Kremlin welcomed Pakistan’s role in the Afghan peace process.", "Kremlin and Islamabad", "Afghanistan"],
        ["Taliban delegations visited Moscow and Islamabad in 2017.", "Talks with the Taliban", "Afghanistan"],
        ["Russian gas pipeline plans: the North–South pipeline from Karachi to Lahore.", "Energy", "Pipelines"],
        ["Soviet troops left Afghanistan in 1989; Pakistan had backed the mujahideen.", "History", "Cold War"],
        ["Joint military exercise Druzhba with Russian and Pakistani special forces.", "Druzhba exercises", "Military"],
    ];

    private readonly SqliteConnection _connection;

    public Fts5Table()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        Execute("CREATE VIRTUAL TABLE passage_fts USING fts5(text, title, section, tokenize='porter unicode61 remove_diacritics 2', detail=full)");
        foreach (var row in Rows)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "INSERT INTO passage_fts(text, title, section) VALUES ($t, $ti, $s)";
            cmd.Parameters.AddWithValue("$t", row[0]);
            cmd.Parameters.AddWithValue("$ti", row[1]);
            cmd.Parameters.AddWithValue("$s", row[2]);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>The vocabulary of the rows, for expansion tests.</summary>
    public static InMemoryVocabulary Vocabulary { get; } = InMemoryVocabulary.FromTexts(Rows.SelectMany(r => r));

    public string SqliteVersion
    {
        get
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "select sqlite_version()";
            return (string)cmd.ExecuteScalar()!;
        }
    }

    /// <summary>Row ids (1-based) matching <paramref name="match"/>; throws SqliteException on invalid FTS5.</summary>
    public List<long> Run(string match)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT rowid FROM passage_fts WHERE passage_fts MATCH $q ORDER BY bm25(passage_fts)";
        cmd.Parameters.AddWithValue("$q", match);
        using var reader = cmd.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>Runs every expression of a compiled query.</summary>
    public void RunAll(CompiledQuery q)
    {
        foreach (var e in new[] { q.Match, q.Fallback, q.ExcludeOnly })
        {
            if (e != null)
            {
                Run(e);
            }
        }
    }

    private void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
