using System.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Querying.Aliases;

namespace PakRussia.Search.Querying;

/// <summary>
/// Aliases in the parser. A word or phrase that holds a name of the alias list is searched as typed and as every other
/// name of its line, each alternative built whole and on its own (a phrase with "Soviet Union" in it becomes the same
/// phrase with "USSR" in its place), then combined with OR: a multi-word name never gets mixed into its neighbours'
/// positions (Lucene's query-time synonym filter would, "sausagization"). Bare words in a row that spell a multi-word
/// name are quoted before parsing (<see cref="AliasGrouping"/>), because the classic parser splits on spaces first.
/// A case-sensitive name ("US") is searched by the index's marked copy of words in capitals (<see cref="CapitalsFilter"/>);
/// the same word typed otherwise ("us") then leaves out the places where it was written in capitals.
/// </summary>
internal sealed partial class PassageQueryParser
{
    /// <summary>At most this many alternatives per word or phrase (names in a phrase multiply).</summary>
    internal const int MaxAliasAlternatives = 24;

    /// <summary>A name found in the query: where, as typed, and the names to search for it (null: the typed text itself).</summary>
    private sealed record AliasSpot(int Start, int End, string Typed, AliasVariant TypedName, IReadOnlyList<AliasVariant?> Options, IReadOnlyDictionary<AliasVariant, AliasEntry> Lines);

    private Query? WithAliases(AliasList aliases, string? field, string text, bool quoted, int slop, bool bare)
    {
        var words = AliasWords.Split(text);
        if (words.Count == 0)
        {
            return null;
        }

        if (!quoted && words.Count == 1 && !CapitalsFilter.IsCapitals(words[0].Written) && aliases.IsCaseSensitiveName(words[0].Folded)
            && aliases.LongestAt(words, 0) is null)
        {
            return NotInCapitals(aliases, field, text, words[0]);
        }

        var spots = new List<AliasSpot>();
        for (var i = 0; i < words.Count;)
        {
            if (aliases.LongestAt(words, i) is not { } found)
            {
                i++;
                continue;
            }

            var count = found.Variant.Words.Count;
            var (start, end) = (words[i].Start, words[i + count - 1].End);
            spots.Add(Spot(aliases, found.Variant, text[start..end], start, end));
            i += count;
        }

        if (spots.Count == 0 || spots.All(s => s.Options is [null]))
        {
            return null;
        }

        var combinations = Combinations(spots);
        var alternatives = new List<Query>();
        var seen = new HashSet<Query>();
        foreach (var combination in combinations)
        {
            // A name typed as bare words is searched as those words, as they would be without the list.
            var asTyped = bare && combination.All(c => c is null);
            if ((asTyped ? BareWords(field, text) : Alternative(field, text, quoted, slop, spots, combination)) is { } query && seen.Add(query))
            {
                alternatives.Add(query);
            }
        }

        if (alternatives.Count == 0)
        {
            return null;
        }

        foreach (var spot in spots)
        {
            foreach (var variant in spot.Options.OfType<AliasVariant>().Where(v => !ReferenceEquals(v, spot.TypedName)))
            {
                var line = spot.Lines[variant];
                var use = new AliasUse(spot.Typed, variant.Text, line.Line, aliases.File) { Name = variant };
                if (!_reading.AliasUses.Contains(use))
                {
                    _reading.AliasUses.Add(use);
                }
            }
        }

        if (!quoted && !_reading.KeepStopWords)
        {
            NoteStopWords(text);
        }

        _reading.HasText = true;
        var result = alternatives.Count == 1 ? alternatives[0] : Any(alternatives);
        NoteTyped(text, result);
        return result;
    }

    /// <summary>The words of a name typed bare, each searched as a bare word is and combined with the default operator.</summary>
    private Query? BareWords(string? field, string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => Words(field, word, quoted: false, slop: 0, typed: false))
            .OfType<Query>()
            .ToList();
        if (words.Count <= 1)
        {
            return words.FirstOrDefault();
        }

        var all = new BooleanQuery();
        foreach (var word in words)
        {
            all.Add(word, DefaultOperator == AND_OPERATOR ? Occur.MUST : Occur.SHOULD);
        }

        return all;
    }

    /// <summary>The names searched for one spot: the text as typed (null) unless its line maps it away, then every other name of its lines.</summary>
    private static AliasSpot Spot(AliasList aliases, AliasVariant typed, string written, int start, int end)
    {
        var options = new List<AliasVariant?>();
        var lines = new Dictionary<AliasVariant, AliasEntry>(ReferenceEqualityComparer.Instance);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var keepTyped = false;
        foreach (var entry in aliases.EntriesOf(typed))
        {
            keepTyped |= !entry.Explicit || entry.To.Any(v => v.Words.Count == typed.Words.Count && v.Matches(typed.Words, 0));
            foreach (var variant in entry.AlternativesTo(typed))
            {
                var key = (variant.CaseSensitive ? "=" + string.Join(' ', variant.Words.Select(w => w.Written)) : string.Join(' ', variant.Words.Select(w => w.Folded)));
                if (variant.Words.Count == typed.Words.Count && variant.Matches(typed.Words, 0) || !keys.Add(key))
                {
                    continue; // the typed name itself (an explicit line that keeps it) or a name already listed
                }

                options.Add(variant);
                lines[variant] = entry;
            }
        }

        if (keepTyped || options.Count == 0)
        {
            // A case-sensitive name typed as written is searched as such (the marked term), not as its lower-case word.
            options.Insert(0, typed.CaseSensitive ? typed : null);
        }

        return new AliasSpot(start, end, written, typed, options, lines);
    }

    /// <summary>
    /// Every choice of one name per spot, up to <see cref="MaxAliasAlternatives"/>; past that, each spot's names on their
    /// own with the other spots as typed.
    /// </summary>
    private List<AliasVariant?[]> Combinations(List<AliasSpot> spots)
    {
        long product = 1;
        foreach (var spot in spots)
        {
            product = Math.Min(product * spot.Options.Count, long.MaxValue / 64);
        }

        var result = new List<AliasVariant?[]>();
        if (product <= MaxAliasAlternatives)
        {
            var current = new AliasVariant?[spots.Count];
            void Choose(int at)
            {
                if (at == spots.Count)
                {
                    result.Add((AliasVariant?[])current.Clone());
                    return;
                }

                foreach (var option in spots[at].Options)
                {
                    current[at] = option;
                    Choose(at + 1);
                }
            }

            Choose(0);
            return result;
        }

        _reading.Warnings.Add($"the names in the query have more than {MaxAliasAlternatives} combinations of aliases; searched each name's aliases with the others as typed");
        result.Add(new AliasVariant?[spots.Count]);
        for (var i = 0; i < spots.Count && result.Count < MaxAliasAlternatives; i++)
        {
            foreach (var option in spots[i].Options.OfType<AliasVariant>())
            {
                var one = new AliasVariant?[spots.Count];
                one[i] = option;
                result.Add(one);
                if (result.Count == MaxAliasAlternatives)
                {
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>The query for one alternative: the typed text with the chosen names in place, analyzed and built as typed text is.</summary>
    private Query? Alternative(string? field, string text, bool quoted, int slop, List<AliasSpot> spots, AliasVariant?[] choice)
    {
        var sb = new StringBuilder(text.Length + 16);
        var marked = new List<(int Start, AliasVariant Variant)>();
        var cursor = 0;
        for (var i = 0; i < spots.Count; i++)
        {
            sb.Append(text, cursor, spots[i].Start - cursor);
            if (choice[i] is { } variant)
            {
                sb.Append(' ');
                if (variant.CaseSensitive)
                {
                    marked.Add((sb.Length, variant));
                }

                sb.Append(variant.Text).Append(' ');
            }
            else
            {
                sb.Append(spots[i].Typed);
            }

            cursor = spots[i].End;
        }

        sb.Append(text, cursor, text.Length - cursor);
        var alternative = sb.ToString();
        var query = Words(field, alternative, quoted, slop, typed: false);
        if (query is null)
        {
            return null;
        }

        foreach (var (start, variant) in marked)
        {
            if (PositionAt(alternative, start, quoted) is { } position)
            {
                query = WithTermAt(query, position, CapitalsFilter.MarkedTerm(variant.Text));
            }
        }

        return query;
    }

    /// <summary>The position (as the parser counts them) of the word that starts at character <paramref name="start"/>.</summary>
    private int? PositionAt(string text, int start, bool quoted)
    {
        var analyzer = quoted || _reading.KeepStopWords ? PassageAnalyzer.Index : PassageAnalyzer.QueryWords;
        using var stream = analyzer.GetTokenStream(Indexing.IndexFields.Text, text);
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        int? found = null;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            if (offset.StartOffset == start)
            {
                found = position;
                break;
            }
        }

        stream.End();
        return found;
    }

    /// <summary>The query with the term at <paramref name="position"/> (0 for a single term) replaced by <paramref name="term"/>, in every field.</summary>
    private static Query WithTermAt(Query query, int position, string term)
    {
        switch (query)
        {
            case TermQuery single when position == 0:
                return new TermQuery(new Term(single.Term.Field, term)) { Boost = single.Boost };
            case PhraseQuery phrase:
            {
                var terms = phrase.GetTerms();
                var positions = phrase.GetPositions();
                var copy = new PhraseQuery { Slop = phrase.Slop, Boost = phrase.Boost };
                for (var i = 0; i < terms.Length; i++)
                {
                    copy.Add(positions[i] == position ? new Term(terms[i].Field, term) : terms[i], positions[i]);
                }

                return copy;
            }
            case MultiPhraseQuery multi:
            {
                var arrays = multi.GetTermArrays();
                var positions = multi.GetPositions();
                var copy = new MultiPhraseQuery { Slop = multi.Slop, Boost = multi.Boost };
                for (var i = 0; i < arrays.Count; i++)
                {
                    copy.Add(positions[i] == position ? [new Term(arrays[i][0].Field, term)] : arrays[i], positions[i]);
                }

                return copy;
            }
            case BooleanQuery boolean:
            {
                var copy = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost, MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch };
                foreach (var clause in boolean.Clauses)
                {
                    copy.Add(WithTermAt(clause.Query, position, term), clause.Occur);
                }

                return copy;
            }
            default:
                return query;
        }
    }

    /// <summary>
    /// A word typed otherwise than in capitals that the list names in capitals, case-sensitively ("us" beside "US"): the
    /// word wherever it is not written in capitals, so the pronoun does not bring every passage about the country.
    /// </summary>
    private Query? NotInCapitals(AliasList aliases, string? field, string text, AliasWord word)
    {
        if (PassageAnalyzer.QueryWords.Terms(text) is not [var analyzed])
        {
            return null;
        }

        var fields = field is null ? _fields : new Dictionary<string, float> { [field] = 1f };
        var clauses = new List<Query>();
        foreach (var (name, boost) in fields)
        {
            var query = new SpanNotQuery(new SpanTermQuery(new Term(name, analyzed)), new SpanTermQuery(new Term(name, CapitalsFilter.Mark + word.Folded)));
            if (boost != 1f)
            {
                query.Boost = boost;
            }

            clauses.Add(query);
        }

        var line = aliases.Entries.First(e => e.Variants.Any(v => v.CaseSensitive && v.Words[0].Folded == word.Folded)).Line;
        var note = $"{word.Written} searched where it is not written in capitals: {word.Written.ToUpperInvariant()} is a case-sensitive name ({aliases.File} line {line})";
        if (!_reading.AliasNotes.Contains(note))
        {
            _reading.AliasNotes.Add(note);
        }

        _reading.HasText = true;
        var result = clauses.Count == 1 ? clauses[0] : Any(clauses);
        NoteTyped(text, result);
        return result;
    }
}
