using System.Text;

namespace PakRussia.Search.Querying;

/// <summary>
/// Interim compiler: bare words, "quoted phrases" and -excluded words, every term quoted for FTS5.
/// (Replaced by the Lucene-syntax compiler of the query-language issue.)
/// </summary>
public static class QueryCompiler
{
    public static CompiledQuery Compile(string query, QueryOptions options, IVocabulary? vocabulary)
    {
        var positives = new List<string>();
        var negatives = new List<string>();
        var words = new List<string>();
        var warnings = new List<string>();
        var i = 0;
        while (i < query.Length)
        {
            if (char.IsWhiteSpace(query[i])) { i++; continue; }
            var negative = query[i] == '-';
            if (negative) i++;
            string text;
            if (i < query.Length && query[i] == '"')
            {
                var close = query.IndexOf('"', i + 1);
                if (close < 0) { warnings.Add("closed an unbalanced quote"); close = query.Length; }
                text = query[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                var end = i;
                while (end < query.Length && !char.IsWhiteSpace(query[end])) end++;
                text = query[i..end];
                i = end;
            }

            if (!text.Any(char.IsLetterOrDigit)) continue;
            var quoted = "\"" + text.Replace("\"", "\"\"") + "\"";
            (negative ? negatives : positives).Add(quoted);
            if (!negative) words.Add(text);
        }

        if (positives.Count == 0)
        {
            return new CompiledQuery { ExcludeOnly = negatives.Count > 0 ? string.Join(" OR ", negatives) : null, Warnings = warnings };
        }

        var op = options.AnyWord ? " OR " : " AND ";
        var match = new StringBuilder("(" + string.Join(op, positives) + ")");
        foreach (var negative in negatives) match.Append(" NOT ").Append(negative);
        string? fallback = null;
        if (!options.AnyWord && positives.Count > 1)
        {
            fallback = "(" + string.Join(" OR ", positives) + ")" + string.Concat(negatives.Select(n => " NOT " + n));
        }

        return new CompiledQuery { Match = match.ToString(), Fallback = fallback, Warnings = warnings, Words = words };
    }
}
