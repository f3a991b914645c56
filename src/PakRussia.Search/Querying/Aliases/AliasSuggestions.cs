using System.Text.RegularExpressions;

namespace PakRussia.Search.Querying.Aliases;

/// <summary>A candidate alias line found in the corpus, for a researcher to review (never applied by itself).</summary>
public sealed record AliasSuggestion(string Kind, string Line, IReadOnlyList<AliasSuggestedForm> Forms, string Example, string ExamplePassageId)
{
    /// <summary>The line of the list that already has every form, if one does.</summary>
    public int? ListedAt { get; init; }

    /// <summary>The forms already find one another without a line (the index folds case and splits hyphens and digits).</summary>
    public bool AlreadyMatch { get; init; }
}

/// <summary>One way the corpus writes the name, and how often.</summary>
public sealed record AliasSuggestedForm(string Written, int Count);

/// <summary>
/// Proposes alias lines from the corpus text: an acronym in parentheses right after the words whose initials it spells
/// ("Shanghai Cooperation Organisation (SCO)"), and names the corpus writes with a hyphen, a space, together or in
/// other capitals ("JF-17", "JF17"; "Mi-35", "MI-35"; "Pak-Russia", "Pak Russia").
/// </summary>
public sealed partial class AliasSuggestions
{
    private readonly Dictionary<string, (string Name, string Acronym, Dictionary<string, int> Forms, string Example, string Passage)> _acronyms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Dictionary<string, int> Forms, string Example, string Passage)> _variants = new(StringComparer.Ordinal);

    /// <summary>Small words a name may hold that its acronym skips ("Chief of the General Staff" is CGS).</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "of", "the", "and", "for", "on", "in", "de", "&" };

    [GeneratedRegex(@"\(([A-Z][A-Za-z]{1,9})(?:['’]s)?\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])([\p{L}][\p{L}]*|[\p{L}]{1,4})([-–‐ ]?)(\p{N}{1,4}[\p{L}]?)(?![\p{L}\p{N}])")]
    private static partial Regex ModelNumber();

    [GeneratedRegex(@"(?<![\p{L}\p{N}-])(\p{Lu}[\p{L}]+)([-–‐ ])(\p{Lu}[\p{L}]+)(?![\p{L}\p{N}-])")]
    private static partial Regex Compound();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>Reads one passage's text.</summary>
    public void Add(string passageId, string text)
    {
        foreach (Match match in Parenthesised().Matches(text))
        {
            var acronym = match.Groups[1].Value;
            if (NameBefore(text, match.Index, acronym) is not { } name)
            {
                continue;
            }

            var key = acronym.ToLowerInvariant() + "\u0001" + name.ToLowerInvariant();
            if (!_acronyms.TryGetValue(key, out var entry))
            {
                _acronyms[key] = entry = (name, acronym, new Dictionary<string, int>(StringComparer.Ordinal), Excerpt(text, match.Index), passageId);
            }

            entry.Forms[name + " (" + acronym + ")"] = entry.Forms.GetValueOrDefault(name + " (" + acronym + ")") + 1;
        }

        foreach (Match match in ModelNumber().Matches(text))
        {
            var letters = match.Groups[1].Value;
            if (letters.Length > 4 || !letters.Any(char.IsUpper))
            {
                continue; // "page 12", "in 2018": words before numbers, not model names
            }

            Count(letters.ToLowerInvariant() + "\u0001" + match.Groups[3].Value.ToLowerInvariant(), match.Value, text, match.Index, passageId);
        }

        foreach (Match match in Compound().Matches(text))
        {
            Count(match.Groups[1].Value.ToLowerInvariant() + "\u0001" + match.Groups[3].Value.ToLowerInvariant(), match.Value.Replace('–', '-').Replace('‐', '-'), text, match.Index, passageId);
        }
    }

    private void Count(string key, string written, string text, int at, string passageId)
    {
        if (!_variants.TryGetValue(key, out var entry))
        {
            _variants[key] = entry = (new Dictionary<string, int>(StringComparer.Ordinal), Excerpt(text, at), passageId);
        }

        entry.Forms[written] = entry.Forms.GetValueOrDefault(written) + 1;
    }

    /// <summary>The words just before an acronym's parenthesis whose initials spell it ("Collective Security Treaty Organisation" for CSTO).</summary>
    private static string? NameBefore(string text, int parenthesis, string acronym)
    {
        var letters = acronym.EndsWith('s') && acronym.Length > 2 ? acronym[..^1] : acronym; // "CARs": Central Asian Republics
        var before = text[..parenthesis].TrimEnd();
        if (before.EndsWith("’s", StringComparison.Ordinal) || before.EndsWith("'s", StringComparison.Ordinal))
        {
            before = before[..^2]; // "Shanghai Cooperation Organisation’s (SCO’s)"
        }

        parenthesis = before.Length;
        var words = Word().Matches(text[Math.Max(0, parenthesis - 200)..parenthesis]).ToList();
        var needed = letters.Length;
        var initials = new List<char>();
        var start = -1;
        for (var i = words.Count - 1; i >= 0 && initials.Count < needed; i--)
        {
            var word = words[i].Value;
            if (Skipped.Contains(word) && initials.Count > 0)
            {
                continue;
            }

            if (!char.IsUpper(word[0]))
            {
                return null;
            }

            initials.Insert(0, char.ToUpperInvariant(word[0]));
            start = i;
        }

        if (initials.Count != needed || !string.Equals(new string(initials.ToArray()), letters, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var offset = Math.Max(0, parenthesis - 200);
        var first = offset + words[start].Index;
        return text[first..parenthesis].Trim().TrimEnd('’', '\'').TrimEnd();
    }

    private static string Excerpt(string text, int at)
    {
        var start = Math.Max(0, at - 60);
        var end = Math.Min(text.Length, at + 60);
        return (start > 0 ? "…" : "") + text[start..end].Replace('\n', ' ').Trim() + (end < text.Length ? "…" : "");
    }

    /// <summary>The candidates, most frequent first, each marked with the line of <paramref name="list"/> that already has it.</summary>
    public IReadOnlyList<AliasSuggestion> Results(AliasList list, int limit = 50)
    {
        var results = new List<AliasSuggestion>();
        foreach (var (_, (name, acronym, forms, example, passage)) in _acronyms)
        {
            results.Add(new AliasSuggestion("acronym", $"{acronym}, {name}", forms.Select(f => new AliasSuggestedForm(f.Key, f.Value)).ToList(), example, passage)
            {
                ListedAt = ListedTogether(list, acronym, name),
            });
        }

        foreach (var (key, (forms, example, passage)) in _variants)
        {
            if (forms.Count < 2 || !IsModelNumber(key) && !forms.Keys.Any(f => f.Contains('-')))
            {
                continue; // two capitalised words in a row are a compound only if the corpus also hyphenates them
            }

            var written = forms.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();
            var separators = written.Select(f => Separator(f.Key)).Distinct().Count();
            results.Add(new AliasSuggestion(separators > 1 ? "hyphen/space" : "capitals", string.Join(", ", written.Select(f => f.Key)),
                written.Select(f => new AliasSuggestedForm(f.Key, f.Value)).ToList(), example, passage)
            {
                ListedAt = ListedTogether(list, written.Select(f => f.Key).ToArray()),
                AlreadyMatch = true,
            });
        }

        // A shortened first word with the same second ("Pak-Russia" beside "Pakistan-Russia").
        var compounds = _variants.Where(v => !IsModelNumber(v.Key) && v.Value.Forms.Keys.Any(f => f.Contains('-'))).Select(v => (Parts: v.Key.Split('\u0001'), v.Value)).ToList();
        foreach (var shorter in compounds)
        {
            foreach (var longer in compounds)
            {
                var (a, b) = (shorter.Parts, longer.Parts);
                if (a[1] != b[1] || a[0].Length < 3 || b[0].Length < a[0].Length + 3 || !b[0].StartsWith(a[0], StringComparison.Ordinal))
                {
                    continue;
                }

                var forms = shorter.Value.Forms.Concat(longer.Value.Forms).OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();
                var named = new[] { shorter.Value.Forms.MaxBy(f => f.Value).Key, longer.Value.Forms.MaxBy(f => f.Value).Key };
                results.Add(new AliasSuggestion("shortened", string.Join(", ", named), forms.Select(f => new AliasSuggestedForm(f.Key, f.Value)).ToList(),
                    shorter.Value.Example, shorter.Value.Passage)
                {
                    ListedAt = ListedTogether(list, named),
                });
            }
        }

        return results
            .OrderBy(r => r.ListedAt is not null || r.AlreadyMatch ? 1 : 0)
            .ThenByDescending(r => r.Forms.Sum(f => f.Count))
            .ThenBy(r => r.Line, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    private static bool IsModelNumber(string key) => key.Any(char.IsDigit);

    private static string Separator(string written) => written.Contains('-') ? "-" : written.Contains(' ') ? " " : "";

    /// <summary>The line that lists all these names, or null.</summary>
    private static int? ListedTogether(AliasList list, params string[] names)
    {
        foreach (var entry in list.Entries)
        {
            if (names.All(n => entry.Variants.Any(v => SameWords(v.Words, AliasWords.Split(n)))))
            {
                return entry.Line;
            }
        }

        return null;
    }

    private static bool SameWords(IReadOnlyList<AliasWord> a, IReadOnlyList<AliasWord> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Folded == p.Second.Folded);
}
