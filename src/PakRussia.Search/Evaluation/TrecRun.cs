using System.Globalization;

namespace PakRussia.Search.Evaluation;

/// <summary>
/// Writes and reads TREC run files: <c>qid Q0 docid rank score tag</c>, one line per retrieved document.
/// </summary>
/// <remarks>
/// Scores are written in round-trip form, so a run read back (or given to trec_eval) orders exactly like the
/// in-memory ranking. trec_eval ignores the rank column and re-sorts by score, breaking ties by docid
/// (see <see cref="RelevanceMetrics.CompareLikeTrecEval"/>); the rank column is written for people reading the file.
/// </remarks>
public static class TrecRun
{

    /// <summary>Writes one query's ranking, ranks 1..n in the order given.</summary>
    /// <exception cref="ArgumentException">An id or the tag is empty or holds whitespace, or a score is NaN or infinite.</exception>
    public static void Write(TextWriter writer, string queryId, IReadOnlyList<RankedDocument> ranked, string runTag)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(ranked);
        CheckToken(queryId, nameof(queryId));
        CheckToken(runTag, nameof(runTag));
        for (var i = 0; i < ranked.Count; i++)
        {
            var doc = ranked[i];
            CheckToken(doc.DocId, nameof(ranked));
            if (!double.IsFinite(doc.Score))
            {
                throw new ArgumentException($"document '{doc.DocId}' has score {doc.Score}; run files need finite scores", nameof(ranked));
            }

            writer.Write(queryId);
            writer.Write(" Q0 ");
            writer.Write(doc.DocId);
            writer.Write(' ');
            writer.Write((i + 1).ToString(CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.Write(doc.Score.ToString("R", CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.WriteLine(runTag);
        }
    }

    /// <summary>
    /// Reads a run file: for each query (in order of first appearance), its documents in file order.
    /// Blank lines are skipped.
    /// </summary>
    /// <exception cref="FormatException">A line without six fields, a bad score, or a document listed twice for a query.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<RankedDocument>> Read(string path)
    {
        var run = new Dictionary<string, List<RankedDocument>>(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        foreach (var (lineNumber, fields) in TrecLines.Read(path))
        {
            if (fields.Length != 6 || !double.TryParse(fields[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'qid Q0 docid rank score tag'");
            }

            if (!seen.Add((fields[0], fields[2])))
            {
                throw new FormatException($"{path}:{lineNumber}: document '{fields[2]}' is listed twice for query '{fields[0]}'");
            }

            if (!run.TryGetValue(fields[0], out var docs))
            {
                run[fields[0]] = docs = [];
            }

            docs.Add(new RankedDocument(fields[2], score));
        }

        return run.ToDictionary(p => p.Key, p => (IReadOnlyList<RankedDocument>)p.Value, StringComparer.Ordinal);
    }

    private static void CheckToken(string value, string parameter)
    {
        if (string.IsNullOrEmpty(value) || value.AsSpan().IndexOfAny(" \t\r\n") >= 0)
        {
            throw new ArgumentException($"'{value}' cannot go in a run file: it is empty or holds whitespace", parameter);
        }
    }
}
