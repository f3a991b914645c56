using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Search;

/// <summary>
/// How much a passage gains, by relevance, for having the query's words near each other (issue 15, "the ranking people
/// see is the ranking that is measured"): each pair of words next to each other in the query becomes a sloppy phrase
/// on the all field (either order, within <see cref="Slop"/> positions), and the passages first in the ranking get the
/// pairs' BM25 score times <see cref="Weight"/> added to their own. Only the first <see cref="Window"/> passages are
/// rescored (as Elasticsearch's phrase rescoring and Anserini's rerankers do), so it costs the pairs' positions read
/// in at most that many passages, whatever the number of matches; what matches, the totals and the facets are
/// unchanged, and the tiers (<see cref="RankTiers"/>) still rank before the score.
/// </summary>
/// <param name="Weight">Share of the pairs' score added; 0 turns it off.</param>
/// <param name="Slop">Positions a pair may be apart (Lucene's phrase slop: a reversed pair costs two).</param>
/// <param name="Window">How many of the first passages are rescored.</param>
public sealed record PassageProximity(double Weight = 0.25, int Slop = 8, int Window = 10)
{
    /// <summary>The default: chosen with <c>eval --ranking search</c> on Cranfield, confirmed on SciFact (README, Quality).</summary>
    public static PassageProximity Default { get; } = new();

    /// <summary>No proximity: the ranking as Lucene's BM25 and the tiers give it.</summary>
    public static PassageProximity Off { get; } = new(Weight: 0);

    /// <summary>
    /// The pairs of <paramref name="query"/>: its bare words (top-level clauses searching one term of the all field) in
    /// the order typed, each with the next. A clause that is not a bare word (a phrase, a group, a filter, an
    /// exclusion) breaks the chain. Null when there is no pair or the proximity is off.
    /// </summary>
    internal IReadOnlyList<(Term First, Term Second)>? PairsOf(Query query)
    {
        if (Weight <= 0 || query is not BooleanQuery top)
        {
            return null;
        }

        var pairs = new List<(Term, Term)>();
        Term? previous = null;
        foreach (var clause in top.Clauses)
        {
            var word = clause.Occur == Occur.MUST_NOT ? null : WordOf(clause.Query);
            if (word is not null && previous is not null && !word.Equals(previous) && pairs.Count < MaxPairs)
            {
                pairs.Add((previous, word));
            }

            previous = word;
        }

        return pairs.Count == 0 ? null : pairs;
    }

    /// <summary>
    /// The rescoring of one query's first passages in one generation: its pairs, their terms looked up once
    /// (<see cref="ContextsOf"/>), shared with the query (<see cref="WithContexts"/>).
    /// </summary>
    internal sealed record Plan(PassageProximity Settings, IndexGeneration Generation, IReadOnlyList<(Term First, Term Second)> Pairs,
        IReadOnlyDictionary<Term, TermContext> Contexts)
    {
        /// <summary>What each of <paramref name="docs"/> gains (see <see cref="PassageProximity.Scores"/>).</summary>
        public float[] Scores(IReadOnlyList<int> docs) => Settings.Scores(this, docs);
    }

    /// <summary>The plan for <paramref name="query"/>, or null when it has no pair (or the proximity is off).</summary>
    internal Plan? PlanFor(IndexGeneration generation, Query query) =>
        PairsOf(query) is { } pairs ? new Plan(this, generation, pairs, ContextsOf(generation, pairs)) : null;

    /// <summary>What <c>--explain</c> says of the rescoring of <paramref name="query"/>; null when it has no pair.</summary>
    internal string? Describe(Query query) => PairsOf(query) is { } pairs
        ? $"the first {Window} by relevance gain {Weight.ToString(System.Globalization.CultureInfo.InvariantCulture)} × BM25 of each pair within {Slop} words: "
          + string.Join(", ", pairs.Select(p => $"{p.First.Text} {p.Second.Text}"))
        : null;

    /// <summary>At most this many pairs are scored (a pasted paragraph would otherwise cost a phrase per word).</summary>
    internal const int MaxPairs = 32;

    /// <summary>The all-field term a bare word's clause searches, or null for any other clause.</summary>
    private static Term? WordOf(Query query) => query switch
    {
        TermQuery { Boost: 1f } term when term.Term.Field == IndexFields.All => term.Term,
        BooleanQuery { Boost: 1f } word when Searcher.IsScoredAlso(word) && word.Clauses[0].Query is TermQuery { Boost: 1f } required => required.Term,
        _ => null,
    };

    /// <summary>
    /// The pairs' score of each of <paramref name="docs"/> (top-level doc ids of the plan's generation, any order), times
    /// <see cref="Weight"/>.
    /// A pair scores as Lucene's sloppy phrase of its two words would: the similarity's weight of the two terms over
    /// the all field (BM25: the sum of their IDFs), applied to the passage's sloppy frequency, where each occurrence of
    /// the first word counts with the nearest occurrence of the second, as the similarity's slop factor of their
    /// distance (BM25: 1 / (distance + 1); 0 adjacent in order, 2 adjacent reversed), when within <see cref="Slop"/>.
    /// The postings are advanced to the passages asked about only (a phrase scorer would read the positions of every
    /// passage with both words between two of them, looking for its next match).
    /// </summary>
    private float[] Scores(Plan plan, IReadOnlyList<int> docs)
    {
        var generation = plan.Generation;
        var scores = new float[docs.Count];
        if (docs.Count == 0)
        {
            return scores;
        }

        var order = Enumerable.Range(0, docs.Count).ToArray();
        Array.Sort(order, (a, b) => docs[a].CompareTo(docs[b]));
        var leaves = generation.IndexReader.Leaves;
        var similarity = generation.Similarity;
        var collection = generation.CollectionStatistics(IndexFields.All);
        foreach (var (first, second) in plan.Pairs)
        {
            var firstContext = plan.Contexts[first];
            var secondContext = plan.Contexts[second];
            if (firstContext.DocFreq == 0 || secondContext.DocFreq == 0)
            {
                continue;
            }

            var weight = similarity.ComputeWeight((float)Weight, collection,
                generation.TermStatistics(first, firstContext), generation.TermStatistics(second, secondContext));
            weight.Normalize(1f, 1f);
            var leaf = -1;
            DocsAndPositionsEnum? a = null, b = null;
            Similarity.SimScorer? scorer = null;
            foreach (var i in order)
            {
                var at = ReaderUtil.SubIndex(docs[i], leaves);
                if (at != leaf)
                {
                    leaf = at;
                    a = Positions(leaves[at], first, firstContext);
                    b = a is null ? null : Positions(leaves[at], second, secondContext);
                    scorer = b is null ? null : similarity.GetSimScorer(weight, leaves[at]);
                }

                if (a is null || b is null || scorer is null)
                {
                    continue;
                }

                var target = docs[i] - leaves[at].DocBase;
                if (!AdvanceTo(a, target) || !AdvanceTo(b, target))
                {
                    continue;
                }

                var freq = SloppyFrequency(a, b, scorer);
                if (freq > 0)
                {
                    scores[i] += scorer.Score(target, freq);
                }
            }
        }

        return scores;
    }

    /// <summary>
    /// The pairs' terms looked up once in the term dictionary of every segment (a seek each, the dearest part of the
    /// rescoring), to be shared by the query (<see cref="WithContexts"/>) and the rescoring.
    /// </summary>
    internal static Dictionary<Term, TermContext> ContextsOf(IndexGeneration generation, IReadOnlyList<(Term First, Term Second)> pairs)
    {
        var contexts = new Dictionary<Term, TermContext>();
        foreach (var term in pairs.SelectMany(p => new[] { p.First, p.Second }))
        {
            if (!contexts.ContainsKey(term))
            {
                contexts[term] = TermContext.Build(generation.IndexReader.Context, term);
            }
        }

        return contexts;
    }

    /// <summary>
    /// <paramref name="query"/> with its term queries of <paramref name="contexts"/>' terms given their looked-up
    /// states (Lucene's <c>TermQuery(Term, TermContext)</c>), so the search does not seek them again: the same query
    /// otherwise (boosts, occurs, minimum should-match), the same matches and scores.
    /// </summary>
    internal static Query WithContexts(Query query, IReadOnlyDictionary<Term, TermContext> contexts)
    {
        switch (query)
        {
            case TermQuery term when contexts.TryGetValue(term.Term, out var context):
                return new TermQuery(term.Term, context) { Boost = term.Boost };
            case BooleanQuery boolean:
                var copy = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost, MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch };
                foreach (var clause in boolean.Clauses)
                {
                    copy.Add(WithContexts(clause.Query, contexts), clause.Occur);
                }

                return copy;
            default:
                return query;
        }
    }

    private static DocsAndPositionsEnum? Positions(AtomicReaderContext leaf, Term term, TermContext context)
    {
        var state = context.Get(leaf.Ord);
        if (state is null)
        {
            return null;
        }

        var terms = leaf.AtomicReader.GetTerms(term.Field)?.GetEnumerator();
        if (terms is null)
        {
            return null;
        }

        terms.SeekExact(term.Bytes, state);
        return terms.DocsAndPositions(leaf.AtomicReader.LiveDocs, null, DocsAndPositionsFlags.NONE);
    }

    private static bool AdvanceTo(DocsAndPositionsEnum positions, int target)
    {
        var current = positions.DocID;
        if (current < target)
        {
            current = positions.Advance(target);
        }

        return current == target;
    }

    /// <summary>The pair's sloppy frequency in the current passage of both enums (see <see cref="Scores"/>).</summary>
    private float SloppyFrequency(DocsAndPositionsEnum first, DocsAndPositionsEnum second, Similarity.SimScorer scorer)
    {
        var seconds = new int[second.Freq];
        for (var j = 0; j < seconds.Length; j++)
        {
            seconds[j] = second.NextPosition();
        }

        var freq = 0f;
        var k = 0;
        for (var n = first.Freq; n > 0; n--)
        {
            var wanted = first.NextPosition() + 1; // where the second word stands when the two are adjacent in order
            while (k + 1 < seconds.Length && seconds[k + 1] <= wanted)
            {
                k++;
            }

            var distance = Math.Abs(seconds[k] - wanted);
            if (k + 1 < seconds.Length)
            {
                distance = Math.Min(distance, seconds[k + 1] - wanted);
            }

            if (distance <= Slop)
            {
                freq += scorer.ComputeSlopFactor(distance);
            }
        }

        return freq;
    }
}
