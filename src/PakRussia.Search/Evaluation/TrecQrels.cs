using System.Globalization;

namespace PakRussia.Search.Evaluation;

/// <summary>Reads TREC qrels: <c>qid iter docid rel</c>, whitespace separated, the iteration column ignored.</summary>
public static class TrecQrels
{

    /// <summary>Reads the judgments of <paramref name="path"/>. Blank lines are skipped; grades are integers (graded).</summary>
    /// <exception cref="FormatException">A line without four fields, a non-integer grade, or a repeated (qid, docid).</exception>
    public static Qrels Read(string path)
    {
        var judgments = new List<(string, string, int)>();
        var seen = new HashSet<(string, string)>();
        foreach (var (lineNumber, fields) in TrecLines.Read(path))
        {
            if (fields.Length != 4 || !int.TryParse(fields[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var grade))
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'qid 0 docid rel' with an integer rel");
            }

            if (!seen.Add((fields[0], fields[2])))
            {
                throw new FormatException($"{path}:{lineNumber}: document '{fields[2]}' is judged twice for query '{fields[0]}'");
            }

            judgments.Add((fields[0], fields[2], grade));
        }

        return new Qrels(judgments);
    }
}
