namespace PakRussia.Search.Evaluation;

/// <summary>The line format TREC qrels and runs share: whitespace-separated fields, blank lines skipped, a BOM ignored.</summary>
internal static class TrecLines
{
    private static readonly char[] Whitespace = [' ', '\t'];

    /// <summary>Each non-blank line's number (1-based) and fields.</summary>
    public static IEnumerable<(int LineNumber, string[] Fields)> Read(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var fields = line.TrimStart('\uFEFF').Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0)
            {
                yield return (lineNumber, fields);
            }
        }
    }
}
