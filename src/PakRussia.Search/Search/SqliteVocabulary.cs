using Microsoft.Data.Sqlite;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Search;

/// <summary>The index's vocabulary table as an <see cref="IVocabulary"/> for expansions, suggestions and completions.</summary>
public sealed class SqliteVocabulary(SqliteConnection connection) : IVocabulary
{
    public IReadOnlyList<VocabularyTerm> TermsWithPrefix(string prefix, int limit)
    {
        using var command = connection.CreateCommand();
        // Range scan on the primary key: term >= prefix AND term < prefix + U+FFFF.
        command.CommandText = """
            SELECT term, doc_count FROM vocabulary WHERE term >= $p AND term < $q
            ORDER BY doc_count DESC, term LIMIT $n
            """;
        command.Parameters.AddWithValue("$p", prefix);
        command.Parameters.AddWithValue("$q", prefix + '\uFFFF');
        command.Parameters.AddWithValue("$n", limit);
        return ReadTerms(command).ToList();
    }

    public IEnumerable<VocabularyTerm> Candidates(int minLength, int maxLength, string startsWith)
    {
        using var command = connection.CreateCommand();
        command.CommandText = startsWith.Length == 0
            ? "SELECT term, doc_count FROM vocabulary WHERE len BETWEEN $min AND $max"
            // With a prefix, walk the term range of the primary key (+len keeps the planner off the length index).
            : "SELECT term, doc_count FROM vocabulary WHERE term >= $p AND term < $q AND +len BETWEEN $min AND $max";
        command.Parameters.AddWithValue("$min", minLength);
        command.Parameters.AddWithValue("$max", maxLength);
        command.Parameters.AddWithValue("$p", startsWith);
        command.Parameters.AddWithValue("$q", startsWith + '\uFFFF');
        foreach (var term in ReadTerms(command))
        {
            yield return term;
        }
    }

    public long DocumentCount(string term)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc_count FROM vocabulary WHERE term = $t";
        command.Parameters.AddWithValue("$t", term);
        return command.ExecuteScalar() is long count ? count : 0;
    }

    private static IEnumerable<VocabularyTerm> ReadTerms(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new VocabularyTerm(reader.GetString(0), reader.GetInt64(1));
        }
    }
}
