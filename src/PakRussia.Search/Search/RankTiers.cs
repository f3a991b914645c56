using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PakRussia.Search.Indexing;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Search;

/// <summary>
/// What ranks a passage before its score, by relevance (issue 15): first how many of a sentence-like query's words it has
/// (<see cref="Words"/>); then whether its own text has a query word, not only its document's title or its section
/// heading; then whether it is body text rather than a footnote (unless the query asks for <c>kind:</c>). Each segment's
/// matches of these queries are read into bit sets when the segment starts, so documents may come in any order.
/// </summary>
internal sealed class RankTiers
{
    private RankTiers(Weight[] words, Weight? text, Weight? demoted)
    {
        Words = words;
        _text = text;
        _demoted = demoted;
    }

    /// <summary>The word clauses of a sentence-like query; empty otherwise.</summary>
    public Weight[] Words { get; }

    private readonly Weight? _text;
    private readonly Weight? _demoted;

    /// <summary>
    /// The tiers of <paramref name="compiled"/>: its words (when sentence-like), its text-field terms, and footnotes unless
    /// it filters by kind. Null when there is nothing to tier (no words to rank: a filter-only query).
    /// </summary>
    public static RankTiers? For(IndexGeneration generation, CompiledQuery compiled)
    {
        if (!compiled.HasText || compiled.Query is null)
        {
            return null;
        }

        var words = compiled.Partial is null ? [] : compiled.RequiredWords.Select(w => generation.CreateNormalizedWeight(w.Clause)).ToArray();
        var text = TextTerms(generation, compiled.Partial ?? compiled.Query);
        var asksForKind = compiled.Explanation?.Filters.Any(f => f.StartsWith("kind", StringComparison.OrdinalIgnoreCase)) == true;
        var demoted = asksForKind ? null : generation.CreateNormalizedWeight(new TermQuery(new Term(IndexFields.Kind, "footnote")));
        return new RankTiers(words, text is null ? null : generation.CreateNormalizedWeight(text), demoted);
    }

    /// <summary>Any of the query's positive terms in the text field (phrases as their words), or null when it has none.</summary>
    private static Query? TextTerms(IndexGeneration generation, Query query)
    {
        var terms = new HashSet<Term>();
        try
        {
            generation.Rewrite(query).ExtractTerms(terms);
        }
        catch (NotSupportedException)
        {
            return null; // a query that cannot list its terms is ranked by score alone
        }

        var text = new BooleanQuery(disableCoord: true);
        foreach (var term in terms.Where(t => t.Field == IndexFields.Text).Take(BooleanQuery.MaxClauseCount))
        {
            text.Add(new TermQuery(term), Occur.SHOULD);
        }

        return text.Clauses.Count == 0 ? null : text;
    }

    /// <summary>One segment's tiers.</summary>
    public Segment Open(AtomicReaderContext context) =>
        new(Words.Select(w => Read(w, context)).ToArray(), _text is null ? null : Read(_text, context), _demoted is null ? null : Read(_demoted, context));

    private static FixedBitSet Read(Weight weight, AtomicReaderContext context)
    {
        var set = new FixedBitSet(context.AtomicReader.MaxDoc);
        var scorer = weight.GetScorer(context, context.AtomicReader.LiveDocs);
        if (scorer is not null)
        {
            for (var doc = scorer.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer.NextDoc())
            {
                set.Set(doc);
            }
        }

        return set;
    }

    /// <summary>The bit sets of one segment.</summary>
    internal sealed class Segment(FixedBitSet[] words, FixedBitSet? text, FixedBitSet? demoted)
    {
        /// <summary>How many of the sentence's words the passage has.</summary>
        public int WordsOf(int doc)
        {
            var count = 0;
            foreach (var set in words)
            {
                if (set.Get(doc))
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>2: a query word in its own text, body; 1: in its own text, a footnote; 0: only in its title or section.</summary>
        public int TextTier(int doc) =>
            text is null ? 2 : !text.Get(doc) ? 0 : demoted is not null && demoted.Get(doc) ? 1 : 2;
    }
}
