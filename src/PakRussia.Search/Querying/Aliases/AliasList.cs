using System.Text;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Synonym;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing.Analysis;

namespace PakRussia.Search.Querying.Aliases;

/// <summary>One name on an alias line, as written there, and its words.</summary>
public sealed record AliasVariant(string Text, IReadOnlyList<AliasWord> Words)
{
    /// <summary>Written in capitals and named on a <c>#! case-sensitive:</c> line: "US" is the country, "us" is not it.</summary>
    public bool CaseSensitive { get; internal set; }

    public bool Matches(IReadOnlyList<AliasWord> words, int at)
    {
        if (at + Words.Count > words.Count)
        {
            return false;
        }

        for (var i = 0; i < Words.Count; i++)
        {
            var same = CaseSensitive
                ? string.Equals(Words[i].Written, words[at + i].Written, StringComparison.Ordinal)
                : string.Equals(Words[i].Folded, words[at + i].Folded, StringComparison.Ordinal);
            if (!same)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// One line of the alias list: names that stand for one another (<c>USSR, Soviet Union</c>), or names searched as
/// others (<c>Pak-Russia =&gt; Pakistan-Russia</c>: Solr's explicit mapping, the names on the left replaced by those on
/// the right).
/// </summary>
public sealed record AliasEntry(int Line, IReadOnlyList<AliasVariant> From, IReadOnlyList<AliasVariant> To, bool Explicit)
{
    /// <summary>Every name on the line.</summary>
    public IEnumerable<AliasVariant> Variants => Explicit ? From.Concat(To) : From;

    /// <summary>The names a search for <paramref name="typed"/> (one of <see cref="From"/>) also looks for.</summary>
    public IEnumerable<AliasVariant> AlternativesTo(AliasVariant typed) => (Explicit ? To : From).Where(v => !ReferenceEquals(v, typed));
}

/// <summary>A line of the alias list that was left out, and why.</summary>
public sealed record AliasProblem(string File, int Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"{File} line {Line}: {Reason}; the line is ignored" : $"{File}: {Reason}";
}

/// <summary>
/// The alias list (<c>aliases.txt</c> in the corpus folder), in the Solr synonyms format that Lucene's
/// <see cref="SolrSynonymParser"/> reads: <c>#</c> comments, names separated by commas stand for one another,
/// <c>a, b =&gt; c</c> searches a and b as c, a backslash escapes a comma. Our one addition is a comment Solr ignores:
/// <c>#! case-sensitive: US</c> makes the names listed (words in capitals, 2–6 letters) match only as written.
/// Every line is checked on its own (and by Lucene's parser); a bad line is reported with its number and left out,
/// the rest applies. Read at query time: editing the file needs no rebuild.
/// </summary>
public sealed class AliasList
{
    public const string FileName = CorpusOptions.DefaultAliasesFileName;
    private const string CaseDirective = "#! case-sensitive:";

    private readonly Dictionary<string, List<(AliasVariant Variant, AliasEntry Entry)>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly HashSet<string> _caseSensitiveFolded = new(StringComparer.Ordinal);

    private AliasList(string file, IReadOnlyList<AliasEntry> entries, IReadOnlyList<AliasProblem> problems)
    {
        File = file;
        Entries = entries;
        Problems = problems;
        foreach (var entry in entries)
        {
            foreach (var variant in entry.From)
            {
                var key = variant.Words[0].Folded;
                if (!_byFirstWord.TryGetValue(key, out var list))
                {
                    _byFirstWord[key] = list = [];
                }

                list.Add((variant, entry));
            }

            foreach (var variant in entry.Variants.Where(v => v.CaseSensitive))
            {
                _caseSensitiveFolded.Add(variant.Words[0].Folded);
            }
        }
    }

    /// <summary>The file's name as messages show it ("aliases.txt").</summary>
    public string File { get; }

    public IReadOnlyList<AliasEntry> Entries { get; }

    public IReadOnlyList<AliasProblem> Problems { get; }

    public static AliasList Empty { get; } = new(FileName, [], []);

    /// <summary>The longest name of the list that starts at word <paramref name="at"/>, and its line; null if none.</summary>
    public (AliasVariant Variant, AliasEntry Entry)? LongestAt(IReadOnlyList<AliasWord> words, int at)
    {
        if (!_byFirstWord.TryGetValue(words[at].Folded, out var candidates))
        {
            return null;
        }

        (AliasVariant Variant, AliasEntry Entry)? best = null;
        foreach (var candidate in candidates)
        {
            if (candidate.Variant.Matches(words, at) && (best is null || candidate.Variant.Words.Count > best.Value.Variant.Words.Count))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>Every line that lists <paramref name="variant"/>'s words as one of its names to search from.</summary>
    public IEnumerable<AliasEntry> EntriesOf(AliasVariant variant) =>
        (_byFirstWord.GetValueOrDefault(variant.Words[0].Folded) ?? [])
            .Where(c => c.Variant.Words.Count == variant.Words.Count && c.Variant.Matches(variant.Words, 0))
            .Select(c => c.Entry)
            .Distinct();

    /// <summary>Whether a word written otherwise than in capitals ("us") is also a case-sensitive name ("US"): it then means only itself.</summary>
    public bool IsCaseSensitiveName(string folded) => _caseSensitiveFolded.Contains(folded);

    /// <summary>Reads the list at <paramref name="path"/>; a missing file is an empty list.</summary>
    public static AliasList Load(string path)
    {
        var name = Path.GetFileName(path);
        if (!System.IO.File.Exists(path))
        {
            return new AliasList(name, [], []);
        }

        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxBytes)
            {
                return new AliasList(name, [], [new AliasProblem(name, 0, $"the file has {info.Length:N0} bytes, more than the {MaxBytes:N0} allowed; no alias applies")]);
            }

            text = System.IO.File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return new AliasList(name, [], [new AliasProblem(name, 0, ex is DecoderFallbackException ? "the file is not UTF-8 text; no alias applies" : "the file cannot be read; no alias applies")]);
        }

        return Parse(text, name);
    }

    /// <summary>The largest alias file read (a list of names, not a corpus).</summary>
    public const int MaxBytes = 1024 * 1024;

    public static AliasList Parse(string text, string file = FileName)
    {
        var entries = new List<AliasEntry>();
        var problems = new List<AliasProblem>();
        var caseSensitive = new List<(int Line, string Word)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r').Trim();
            if (i == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            if (line.StartsWith(CaseDirective, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var word in line[CaseDirective.Length..].Split(',').Select(w => w.Trim()).Where(w => w.Length > 0))
                {
                    if (CapitalsFilter.IsCapitals(word))
                    {
                        caseSensitive.Add((number, word));
                    }
                    else
                    {
                        problems.Add(new AliasProblem(file, number, $"'{word}' cannot be case-sensitive: only a word in capitals of 2 to {CapitalsFilter.MaxLength} letters can"));
                    }
                }

                continue;
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (ParseLine(line, number, out var reason) is { } entry)
            {
                entries.Add(entry);
            }
            else
            {
                problems.Add(new AliasProblem(file, number, reason!));
            }
        }

        foreach (var (line, word) in caseSensitive)
        {
            var named = entries.SelectMany(e => e.Variants).Where(v => string.Equals(v.Text, word, StringComparison.Ordinal)).ToList();
            if (named.Count == 0)
            {
                problems.Add(new AliasProblem(file, line, $"'{word}' is not a name on any alias line, so it cannot be made case-sensitive"));
            }

            foreach (var variant in named)
            {
                variant.CaseSensitive = true;
            }
        }

        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new AliasList(file, entries, problems);
    }

    private static AliasEntry? ParseLine(string line, int number, out string? reason)
    {
        reason = null;
        var sides = SplitUnescaped(line, "=>");
        if (sides.Count > 2)
        {
            reason = "more than one '=>' (a line maps names on the left to names on the right, once)";
            return null;
        }

        var from = Names(sides[0], out reason);
        if (from is null)
        {
            return null;
        }

        var to = sides.Count == 2 ? Names(sides[1], out reason) : from;
        if (to is null)
        {
            return null;
        }

        if (sides.Count == 1 && from.Count < 2)
        {
            reason = $"'{from[0].Text}' alone: an alias line lists two or more names separated by commas, or maps names with '=>'";
            return null;
        }

        if (!LuceneAccepts(line))
        {
            reason = "not in the Solr synonyms format";
            return null;
        }

        return new AliasEntry(number, from, sides.Count == 2 ? to : from, Explicit: sides.Count == 2);
    }

    private static List<AliasVariant>? Names(string side, out string? reason)
    {
        reason = null;
        var names = new List<AliasVariant>();
        foreach (var raw in SplitUnescaped(side, ","))
        {
            var name = Unescape(raw).Trim();
            if (name.Length == 0)
            {
                reason = side.Trim().Length == 0 ? "a side of '=>' has no name" : "an empty name between commas";
                return null;
            }

            var words = AliasWords.Split(name);
            if (words.Count == 0)
            {
                reason = $"'{name}' has no letters or digits to search for";
                return null;
            }

            if (words.Count > MaxWords)
            {
                reason = $"'{name}' has {words.Count} words; a name has at most {MaxWords}";
                return null;
            }

            names.Add(new AliasVariant(name, words));
        }

        return names;
    }

    /// <summary>The longest name: longer ones are phrases to search, not names.</summary>
    public const int MaxWords = 8;

    /// <summary>Lucene's own parser for the format reads the line (its exceptions never leave here).</summary>
    private static bool LuceneAccepts(string line)
    {
        try
        {
            var parser = new SolrSynonymParser(dedup: true, expand: true, Whitespace);
            parser.Parse(new StringReader(line));
            parser.Build();
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static readonly WhitespaceAnalyzer Whitespace = new(PassageAnalyzer.Version);

    private static List<string> SplitUnescaped(string text, string separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                current.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else if (string.CompareOrdinal(text, i, separator, 0, separator.Length) == 0)
            {
                parts.Add(current.ToString());
                current.Clear();
                i += separator.Length - 1;
            }
            else
            {
                current.Append(text[i]);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }

    private static string Unescape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }
}
