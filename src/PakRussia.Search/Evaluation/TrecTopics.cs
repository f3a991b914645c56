namespace PakRussia.Search.Evaluation;

/// <summary>One query of a test collection.</summary>
public sealed record TrecTopic(string Id, string Text);

/// <summary>Reads topics in the tab-separated form Anserini ships (<c>id&lt;TAB&gt;text</c>, one a line).</summary>
public static class TrecTopics
{
    /// <summary>Reads the topics in file order. Blank lines are skipped.</summary>
    /// <exception cref="FormatException">A line without a tab, with an empty id or text, or a repeated id.</exception>
    public static IReadOnlyList<TrecTopic> Read(string path)
    {
        var topics = new List<TrecTopic>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.TrimStart('\uFEFF');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            var id = tab < 0 ? "" : line[..tab].Trim();
            var text = tab < 0 ? "" : line[(tab + 1)..].Trim();
            if (id.Length == 0 || text.Length == 0)
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'id<TAB>text'");
            }

            if (!seen.Add(id))
            {
                throw new FormatException($"{path}:{lineNumber}: topic '{id}' appears twice");
            }

            topics.Add(new TrecTopic(id, text));
        }

        return topics;
    }
}
