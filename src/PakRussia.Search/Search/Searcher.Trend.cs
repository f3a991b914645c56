using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using Lucene.Net.Util;
using PakRussia.Search.Concordance;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Search;

/// <summary>
/// Frequency over time (<c>trend</c>): per year, the occurrences of each term in the searchable passages the filters
/// leave, from Lucene's postings (term frequencies for a word, spans for a phrase), beside the words and documents of text
/// that year (<see cref="TrendTextLengths"/>, <see cref="TrendSubcorpus"/>).
/// </summary>
public sealed partial class Searcher
{
    public TrendResponse Trend(TrendRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var labels = request.Terms.Select(t => (t ?? "").Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (labels.Count == 0)
            throw new SearchRequestException("Give at least one term: a word or a \"quoted phrase\".");
        if (labels.Count > TrendLimits.MaxTerms)
            throw new SearchRequestException($"Too many terms ({labels.Count}); at most {TrendLimits.MaxTerms}.");
        Validate(request.Filters with { Query = "", Page = 1, PageSize = 1 });
        return BudgetedStatistics(request.Filters.TimeBudget, cancellationToken, (generation, budget) =>
        {
            var terms = labels.Select(l => TrendTerm.Compile(l, generation.Vocabulary)).ToList();
            var spans = terms.Select(t => (SpanQuery)generation.Rewrite(t.Spans)).ToList();
            var selections = new FacetSelections(request.Filters);
            // Without filters every passage with text counts: the postings already hold only searchable passages, and
            // the live docs leave out deleted ones, so no subcorpus pass is needed.
            var subcorpus = selections.IsEmpty ? null : Subcorpus(generation, budget, null, selections);
            var rows = new Dictionary<(int Year, string? Source), TrendRow>();
            foreach (var leaf in generation.IndexReader.Leaves)
            {
                budget.Check();
                var bits = subcorpus?.Of(leaf.Ord);
                if (bits is { Length: 0 })
                    continue;
                var reader = leaf.AtomicReader;
                var keys = new TrendKeys(reader, request.BySource);
                var documentOrds = reader.GetSortedDocValues(IndexFields.DocId);
                foreach (var (key, totals) in SegmentTotals(generation, leaf, bits, request.BySource, budget))
                {
                    var row = Row(rows, key, terms.Count);
                    row.Words += totals.Words;
                    row.Passages += totals.Passages;
                    row.AllDocuments += totals.Documents;
                }

                // A document's passages are all in one segment (written as one block) and share its year and source, so a
                // document counts once per segment: the first time its ordinal is seen.
                var seen = new bool[Math.Max(1, documentOrds?.ValueCount ?? 0) + 1];
                for (var t = 0; t < spans.Count; t++)
                {
                    Array.Clear(seen);
                    TrendRow? last = null;
                    (int, string?) lastKey = default;
                    foreach (var (doc, count) in Occurrences(spans[t], leaf, bits, budget))
                    {
                        var key = keys.Of(doc);
                        if (last is null || key != lastKey)
                            (last, lastKey) = (Row(rows, key, terms.Count), key);
                        last.Counts[t] += count;
                        if (FirstTime(seen, documentOrds, doc))
                            last.Documents[t]++;
                    }
                }
            }

            var years = rows.OrderBy(r => r.Key.Year == 0 ? int.MaxValue : r.Key.Year).ThenBy(r => r.Key.Source, StringComparer.Ordinal)
                .Select(r => new TrendYear
                {
                    Year = r.Key.Year == 0 ? null : r.Key.Year,
                    Source = r.Key.Source,
                    Words = r.Value.Words,
                    Passages = r.Value.Passages,
                    TotalDocuments = r.Value.AllDocuments,
                    Counts = Keyed(labels, t => r.Value.Counts[t]),
                    Per10k = Keyed(labels, t => r.Value.Words == 0 ? 0 : Math.Round(r.Value.Counts[t] * 10_000.0 / r.Value.Words, 4)),
                    Documents = Keyed(labels, t => r.Value.Documents[t]),
                }).ToList();
            return new TrendResponse
            {
                Terms = labels,
                BySource = request.BySource,
                Years = years,
                Words = rows.Values.Sum(r => r.Words),
                Counts = Keyed(labels, t => rows.Values.Sum(r => r.Counts[t])),
                Warnings = terms.SelectMany(t => t.Warnings).Distinct().ToList(),
                TookMs = Elapsed(clock),
                Generation = generation.Id,
            };
        });
    }

    /// <summary>
    /// <see cref="Budgeted{T}"/> for the corpus statistics: each segment's passage lengths (<see cref="TrendTextLengths"/>)
    /// are read before the budget starts, since they are a cost of the segment, paid once while it lives (seconds at
    /// 600,000 passages), not of the request, as opening a generation is.
    /// </summary>
    private T BudgetedStatistics<T>(TimeSpan? budget, CancellationToken cancellationToken, Func<IndexGeneration, QueryBudget, T> body)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = _generations.Acquire();
        return Guarded(() =>
        {
            foreach (var leaf in lease.Generation.IndexReader.Leaves)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TrendTextLengths.For(leaf.AtomicReader);
            }

            return body(lease.Generation, new QueryBudget(budget ?? TimeBudget, cancellationToken));
        });
    }

    /// <summary>
    /// The searchable passages that match <paramref name="query"/> (all of them when null) and pass the selections, as one
    /// bit set per segment.
    /// </summary>
    internal static TrendSubcorpus Subcorpus(IndexGeneration generation, QueryBudget budget, Query? query, FacetSelections selections)
    {
        var subcorpus = new TrendSubcorpus();
        if (query is null && selections.IsEmpty)
        {
            // Every searchable passage: the generation's cached filter, without a collector pass.
            foreach (var leaf in generation.IndexReader.Leaves)
            {
                budget.Check();
                subcorpus.SetNextReader(leaf);
                var iterator = generation.SearchablePassages.GetDocIdSet(leaf, leaf.AtomicReader.LiveDocs)?.GetIterator();
                int doc;
                while (iterator is not null && (doc = iterator.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                    subcorpus.Collect(doc);
            }

            return subcorpus;
        }

        var collector = new PassageCollector(generation, selections, countFacets: false, subcorpus, budget);
        generation.Search(Searchable(generation, query ?? new MatchAllDocsQuery()), collector);
        return subcorpus;
    }

    /// <summary>
    /// Occurrences of a (rewritten) span query per passage of one segment, among the passages in <paramref name="bits"/>: a
    /// word (or alternatives of words) from the postings' term frequencies, without reading positions; anything else (a
    /// phrase) from Lucene's spans, one per match. <paramref name="bits"/> null: every live passage with text.
    /// </summary>
    internal static IEnumerable<(int Doc, int Count)> Occurrences(SpanQuery query, AtomicReaderContext leaf, FixedBitSet? bits, QueryBudget budget)
    {
        var reader = leaf.AtomicReader;
        var countdown = QueryBudget.CheckEvery;
        if (SingleTerms(query) is { } words)
        {
            var perDoc = new Dictionary<int, int>();
            var terms = reader.GetTerms(IndexFields.Text);
            if (terms is null)
                yield break;
            var termsEnum = terms.GetEnumerator();
            DocsEnum? docs = null;
            foreach (var word in words)
            {
                if (!termsEnum.SeekExact(word.Bytes))
                    continue;
                docs = termsEnum.Docs(reader.LiveDocs, docs, DocsFlags.FREQS);
                int doc;
                while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    if (--countdown <= 0)
                    {
                        budget.Check();
                        countdown = QueryBudget.CheckEvery;
                    }

                    if (bits is null || (doc < bits.Length && bits.Get(doc)))
                    {
                        if (words.Count == 1)
                            yield return (doc, docs.Freq);
                        else
                            perDoc[doc] = perDoc.GetValueOrDefault(doc) + docs.Freq;
                    }
                }
            }

            foreach (var (doc, count) in perDoc)
                yield return (doc, count);
            yield break;
        }

        var spans = query.GetSpans(leaf, reader.LiveDocs, new Dictionary<Term, TermContext>());
        int current = -1, found = 0;
        while (spans.MoveNext())
        {
            if (--countdown <= 0)
            {
                budget.Check();
                countdown = QueryBudget.CheckEvery;
            }

            var doc = spans.Doc;
            if (bits is not null && (doc >= bits.Length || !bits.Get(doc)))
                continue;
            if (doc != current)
            {
                if (found > 0)
                    yield return (current, found);
                current = doc;
                found = 0;
            }

            found++;
        }

        if (found > 0)
            yield return (current, found);
    }

    /// <summary>The terms of a query that is one word or alternatives of single words; null otherwise.</summary>
    private static List<Term>? SingleTerms(SpanQuery query) => query switch
    {
        SpanTermQuery term => [term.Term],
        SpanOrQuery alternatives when alternatives.GetClauses().All(c => c is SpanTermQuery) => alternatives.GetClauses().Select(c => ((SpanTermQuery)c).Term).Distinct().ToList(),
        _ => null,
    };

    /// <summary>Words, passages and documents of one row key in one segment.</summary>
    private readonly record struct SegmentTotal(long Words, long Passages, long Documents);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, Dictionary<(int, string?), SegmentTotal>> PlainTotals = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, Dictionary<(int, string?), SegmentTotal>> SourceTotals = new();

    /// <summary>
    /// The rows' words, passages and documents in one segment. Without filters and deletions they never change while the
    /// segment lives, so they are kept with it (keyed by its core, as <see cref="TrendTextLengths"/>).
    /// </summary>
    private static Dictionary<(int, string?), SegmentTotal> SegmentTotals(IndexGeneration generation, AtomicReaderContext leaf, FixedBitSet? bits, bool bySource, QueryBudget budget)
    {
        var reader = leaf.AtomicReader;
        if (bits is null && reader.LiveDocs is null)
            return (bySource ? SourceTotals : PlainTotals).GetValue(reader.CoreCacheKey, _ => CountTotals(generation, leaf, null, bySource, budget));
        return CountTotals(generation, leaf, bits, bySource, budget);
    }

    private static Dictionary<(int, string?), SegmentTotal> CountTotals(IndexGeneration generation, AtomicReaderContext leaf, FixedBitSet? bits, bool bySource, QueryBudget budget)
    {
        var reader = leaf.AtomicReader;
        var lengths = TrendTextLengths.For(reader);
        var keys = new TrendKeys(reader, bySource);
        var documentOrds = reader.GetSortedDocValues(IndexFields.DocId);
        var seen = new bool[Math.Max(1, documentOrds?.ValueCount ?? 0) + 1];
        var totals = new Dictionary<(int, string?), (long Words, long Passages, long Documents)>();
        var iterator = bits is not null
            ? new FixedBitSet.FixedBitSetIterator(bits)
            : generation.SearchablePassages.GetDocIdSet(leaf, reader.LiveDocs)?.GetIterator();
        var countdown = QueryBudget.CheckEvery;
        (int, string?) lastKey = default;
        (long Words, long Passages, long Documents) last = default;
        var started = false;
        int doc;
        while (iterator is not null && (doc = iterator.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
        {
            if (--countdown <= 0)
            {
                budget.Check();
                countdown = QueryBudget.CheckEvery;
            }

            var key = keys.Of(doc);
            if (!started || key != lastKey)
            {
                if (started)
                    totals[lastKey] = last;
                last = totals.GetValueOrDefault(key);
                lastKey = key;
                started = true;
            }

            last.Words += lengths[doc];
            last.Passages++;
            if (FirstTime(seen, documentOrds, doc))
                last.Documents++;
        }

        if (started)
            totals[lastKey] = last;
        return totals.ToDictionary(t => t.Key, t => new SegmentTotal(t.Value.Words, t.Value.Passages, t.Value.Documents));
    }

    /// <summary>True the first time a passage of this document is seen (ordinal -1, no document id, is slot 0).</summary>
    private static bool FirstTime(bool[] seen, SortedDocValues? documentOrds, int doc)
    {
        var slot = (documentOrds?.GetOrd(doc) ?? -1) + 1;
        if (seen[slot])
            return false;
        seen[slot] = true;
        return true;
    }

    private static TrendRow Row(Dictionary<(int, string?), TrendRow> rows, (int, string?) key, int terms)
    {
        if (!rows.TryGetValue(key, out var row))
            rows[key] = row = new TrendRow(terms);
        return row;
    }

    private static Dictionary<string, T> Keyed<T>(IReadOnlyList<string> labels, Func<int, T> value)
    {
        var keyed = new Dictionary<string, T>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
            keyed[labels[i]] = value(i);
        return keyed;
    }

    private sealed class TrendRow(int terms)
    {
        public long Words;
        public long Passages;
        public long AllDocuments;
        public readonly long[] Counts = new long[terms];
        public readonly long[] Documents = new long[terms];
    }

    /// <summary>A passage's row key from doc values: its year (0: undated) and, when split, its source type.</summary>
    private sealed class TrendKeys(AtomicReader reader, bool bySource)
    {
        private readonly NumericDocValues? _years = reader.GetNumericDocValues(IndexFields.Year);
        private readonly SortedDocValues? _sources = bySource ? reader.GetSortedDocValues(IndexFields.Source) : null;
        private readonly Dictionary<int, string> _labels = [];

        public (int Year, string? Source) Of(int doc)
        {
            var year = (int)(_years?.Get(doc) ?? 0);
            if (_sources is null)
                return (year, null);
            var ord = _sources.GetOrd(doc);
            if (ord < 0)
                return (year, "");
            if (!_labels.TryGetValue(ord, out var label))
            {
                var scratch = new BytesRef();
                _sources.LookupOrd(ord, scratch);
                _labels[ord] = label = scratch.Utf8ToString();
            }

            return (year, label);
        }
    }
}
