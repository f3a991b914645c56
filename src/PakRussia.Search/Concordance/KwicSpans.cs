using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using Lucene.Net.Util;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Concordance;

/// <summary>
/// The part of a compiled query that matches passage text, as one Lucene <see cref="SpanQuery"/> over
/// <see cref="IndexFields.Text"/>: its spans are the concordance's occurrences (document, first and last position).
/// Built the way Lucene.Net.Highlighter's <c>WeightedSpanTermExtractor</c> reads a query, so a line is what the search
/// page marks: a word (its stem matches every form), a phrase (a <see cref="SpanNearQuery"/> with the phrase's slop, one
/// line per phrase occurrence), a wildcard, prefix or fuzzy term (a <see cref="SpanMultiTermQueryWrapper{Q}"/> or the
/// parser's expansion into words). Excluded words, metadata filters and the title and section fields give no lines.
/// </summary>
internal static class KwicSpans
{
    /// <summary>The text spans of <paramref name="query"/>, or null when it has no positive text clause.</summary>
    public static SpanQuery? From(Query query)
    {
        switch (query)
        {
            case TermQuery term:
                return term.Term.Field == IndexFields.Text ? new SpanTermQuery(term.Term) : null;
            case PhraseQuery phrase:
                return Phrase(phrase);
            case MultiPhraseQuery multi:
                return MultiPhrase(multi);
            case MultiTermQuery multi:
                return multi.Field == IndexFields.Text ? new SpanMultiTermQueryWrapper<MultiTermQuery>(multi) : null;
            case SpanQuery span:
                return span.Field == IndexFields.Text ? span : null;
            case BooleanQuery boolean:
                return Any(boolean.Clauses.Where(c => c.Occur != Occur.MUST_NOT).Select(c => From(c.Query)));
            case DisjunctionMaxQuery max:
                return Any(max.Disjuncts.Select(From));
            case ConstantScoreQuery { Query: { } inner }:
                return From(inner);
            case FilteredQuery filtered:
                return From(filtered.Query);
            default:
                return null;
        }
    }

    private static SpanQuery? Any(IEnumerable<SpanQuery?> parts)
    {
        var kept = parts.OfType<SpanQuery>().ToArray();
        return kept.Length switch
        {
            0 => null,
            1 => kept[0],
            _ => new SpanOrQuery(kept),
        };
    }

    /// <summary>
    /// A phrase as the highlighter reads it: its words in order with its slop; a gap in its positions (a word the
    /// analyzer dropped) widens the slop by the largest gap, and a sloppy phrase may match out of order.
    /// </summary>
    private static SpanQuery? Phrase(PhraseQuery phrase)
    {
        var terms = phrase.GetTerms();
        if (terms.Length == 0 || terms[0].Field != IndexFields.Text)
        {
            return null;
        }

        if (terms.Length == 1)
        {
            return new SpanTermQuery(terms[0]);
        }

        var slop = SlopWithGaps(phrase.Slop, phrase.GetPositions());

        return new SpanNearQuery(terms.Select(t => (SpanQuery)new SpanTermQuery(t)).ToArray(), slop, slop == 0);
    }

    /// <summary>
    /// A phrase with stacked words at a position (letters split from digits: "JF17" is jf17|jf then 17), as
    /// <see cref="Phrase"/> reads a phrase: one <see cref="SpanOrQuery"/> per position, in order, with the slop.
    /// </summary>
    private static SpanQuery? MultiPhrase(MultiPhraseQuery phrase)
    {
        var arrays = phrase.GetTermArrays();
        if (arrays.Count == 0 || arrays[0].Length == 0 || arrays[0][0].Field != IndexFields.Text)
        {
            return null;
        }

        var parts = arrays.Select(a => Any(a.Select(t => (SpanQuery?)new SpanTermQuery(t)))!).ToArray();
        if (parts.Length == 1)
        {
            return parts[0];
        }

        var slop = SlopWithGaps(phrase.Slop, phrase.GetPositions());

        return new SpanNearQuery(parts, slop, slop == 0);
    }

    /// <summary>A phrase's slop widened by its largest gap in positions (a word the analyzer dropped), as the highlighter reads it.</summary>
    private static int SlopWithGaps(int slop, int[] positions)
    {
        var largestGap = 0;
        for (var i = 1; i < positions.Length; i++)
        {
            largestGap = Math.Max(largestGap, positions[i] - positions[i - 1]);
        }

        return largestGap > 1 ? slop + largestGap : slop;
    }

    /// <summary>
    /// Every occurrence of <paramref name="spans"/> in the passages marked in <paramref name="matched"/> (one bit set per
    /// segment), in index order; overlapping spans of one passage are one occurrence, as the highlighter merges its marks.
    /// </summary>
    public static List<Occurrence> Occurrences(IndexSearcher searcher, SpanQuery spans, IReadOnlyList<FixedBitSet?> matched, Search.QueryBudget budget, int limit)
    {
        var rewritten = (SpanQuery)searcher.Rewrite(spans);
        var terms = new HashSet<Term>();
        rewritten.ExtractTerms(terms);
        var reader = searcher.IndexReader;
        var contexts = new Dictionary<Term, TermContext>();
        foreach (var term in terms)
        {
            contexts[term] = TermContext.Build(reader.Context, term);
        }

        var found = new List<Occurrence>();
        var leaves = reader.Leaves;
        for (var i = 0; i < leaves.Count; i++)
        {
            if (matched[i] is not { } bits)
            {
                continue;
            }

            budget.Check();
            var leaf = leaves[i];
            var enumerator = rewritten.GetSpans(leaf, bits, contexts);
            var passageStart = found.Count;
            var lastDoc = -1;
            var countdown = 0;
            while (enumerator.MoveNext())
            {
                if (--countdown <= 0)
                {
                    budget.Check();
                    countdown = Search.QueryBudget.CheckEvery;
                }

                var doc = leaf.DocBase + enumerator.Doc;
                if (doc != lastDoc)
                {
                    Merge(found, passageStart);
                    passageStart = found.Count;
                    lastDoc = doc;
                    if (found.Count > limit)
                    {
                        throw new Search.SearchRequestException($"The query matches more than {limit:N0} times; narrow it with filters (--source, --year, --doc) or more words.");
                    }
                }

                found.Add(new Occurrence(doc, enumerator.Start, enumerator.End));
            }

            Merge(found, passageStart);
        }

        return found;
    }

    /// <summary>Sorts one passage's occurrences (from <paramref name="from"/> to the end) by position and merges overlaps.</summary>
    private static void Merge(List<Occurrence> found, int from)
    {
        var count = found.Count - from;
        if (count < 2)
        {
            return;
        }

        found.Sort(from, count, Comparer<Occurrence>.Create((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End)));
        var write = from;
        for (var read = from + 1; read < found.Count; read++)
        {
            var current = found[read];
            if (current.Start < found[write].End)
            {
                found[write] = found[write] with { End = Math.Max(found[write].End, current.End) };
            }
            else
            {
                found[++write] = current;
            }
        }

        found.RemoveRange(write + 1, found.Count - write - 1);
    }
}

/// <summary>One occurrence: a passage (global Lucene document number) and the match's positions [<see cref="Start"/>, <see cref="End"/>).</summary>
internal readonly record struct Occurrence(int Doc, int Start, int End);
