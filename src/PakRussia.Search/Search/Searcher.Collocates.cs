using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PakRussia.Search.Concordance;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Search;

/// <summary>
/// Collocates: the surface words found within a window of a query's occurrences (the concordance's lines), with their
/// frequency there, their frequency in the filtered subcorpus, logDice and G² (<see cref="CollocateScores"/>).
/// </summary>
public sealed partial class Searcher
{
    public CollocateResponse Collocates(CollocateRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        ValidateKwic(request.Search, width: 1, request.Window, checkWindow: true);
        if (request.MinFrequency < 1)
            throw new SearchRequestException($"minFrequency must be 1 or more (got {request.MinFrequency}).");
        if (request.Top < 1 || request.Top > KwicLimits.MaxCollocates)
            throw new SearchRequestException($"top must be between 1 and {KwicLimits.MaxCollocates} (got {request.Top}).");
        return BudgetedStatistics(request.Search.TimeBudget, cancellationToken, (generation, budget) =>
        {
            var pass = MatchPass(generation, budget, request.Search, countFacets: false);
            var occurrences = KwicSpans.Occurrences(generation, pass.Spans, pass.Matched, budget, KwicLimits.MaxOccurrences);
            var tokens = new PassageTokens(generation);
            var ticks = new Countdown(budget);
            var byKey = new Dictionary<long, long>();
            var seen = new HashSet<long>();
            foreach (var occurrence in occurrences)
            {
                ticks.Tick();
                seen.Clear();
                foreach (var key in tokens.Words(occurrence.Doc).Window(occurrence.Start, occurrence.End, request.Window))
                {
                    // Each occurrence counts a word once, however often it is in the window: a collocate's frequency
                    // is the number of concordance lines that have it (what kwic --near lists).
                    if (seen.Add(key))
                        byKey[key] = byKey.GetValueOrDefault(key) + 1;
                }
            }

            // Keys are per segment: the same word in two segments is summed under its spelling.
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (key, n) in byKey)
            {
                var word = tokens.Word(key);
                if (request.IncludeStopWords || !StopWords.English.Contains(word))
                    counts[word] = counts.GetValueOrDefault(word) + n;
            }

            var selections = new FacetSelections(request.Search);
            var subcorpus = selections.IsEmpty ? null : Subcorpus(generation, budget, selections);
            var (words, estimated) = SubcorpusWords(generation, subcorpus, ticks);
            var warnings = new List<string>(pass.Warnings);
            var fx = (long)occurrences.Count;
            var candidates = counts.Where(c => c.Value >= request.MinFrequency).ToList();
            var stems = new Dictionary<string, long>(StringComparer.Ordinal);
            var collocates = new List<Collocate>(candidates.Count);
            foreach (var (word, fxy) in candidates)
            {
                budget.Check();
                var stem = PassageAnalyzer.Index.Terms(word) is [var only] ? only : word;
                if (!stems.TryGetValue(stem, out var fy))
                    fy = stems[stem] = StemFrequency(generation, new Term(IndexFields.Text, stem), subcorpus);
                collocates.Add(new Collocate
                {
                    Word = word,
                    Frequency = fxy,
                    SubcorpusFrequency = fy,
                    LogDice = Math.Round(CollocateScores.LogDice(fxy, fx, fy), 3),
                    LogLikelihood = Math.Round(CollocateScores.LogLikelihood(fxy, fx, fy, words), 3),
                });
            }

            IOrderedEnumerable<Collocate> ordered = request.Sort switch
            {
                CollocateSort.Frequency => collocates.OrderByDescending(c => c.Frequency).ThenByDescending(c => c.LogDice),
                CollocateSort.LogLikelihood => collocates.OrderByDescending(c => c.LogLikelihood).ThenByDescending(c => c.Frequency),
                _ => collocates.OrderByDescending(c => c.LogDice).ThenByDescending(c => c.Frequency),
            };
            return new CollocateResponse
            {
                Query = request.Search.Query,
                Window = request.Window,
                Occurrences = fx,
                SubcorpusWords = words,
                Sort = CollocateSortName(request.Sort),
                MinFrequency = request.MinFrequency,
                IncludeStopWords = request.IncludeStopWords,
                Candidates = collocates.Count,
                Collocates = ordered.ThenBy(c => c.Word, StringComparer.Ordinal).Take(request.Top).ToList(),
                SubcorpusWordsEstimated = estimated,
                Warnings = warnings.Distinct().ToList(),
                TookMs = Elapsed(clock),
                Generation = generation.Id,
            };
        });
    }

    public static string CollocateSortName(CollocateSort sort) => sort switch
    {
        CollocateSort.Frequency => "frequency",
        CollocateSort.LogLikelihood => "ll",
        _ => "logdice",
    };

    /// <summary>Reads a collocate sort (logdice, frequency, ll); null when unknown.</summary>
    public static CollocateSort? ParseCollocateSort(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "logdice" => CollocateSort.LogDice,
        "frequency" or "freq" => CollocateSort.Frequency,
        "ll" or "loglikelihood" or "g2" => CollocateSort.LogLikelihood,
        _ => null,
    };

    /// <summary>The searchable passages that pass the filters, one bit set per segment.</summary>
    private static FixedBitSet?[] Subcorpus(IndexGeneration generation, QueryBudget budget, FacetSelections selections) =>
        Matches(generation, budget, new MatchAllDocsQuery(), selections, countFacets: false).Matched;

    /// <summary>
    /// N: the words of the subcorpus (the whole index, or the filtered passages), each passage's words as the corpus
    /// statistics count them (<see cref="TrendTextLengths"/>: the index's word counts, read once per segment and kept with it), so
    /// N is exact at any size and agrees with trend's "words".
    /// </summary>
    private static (long Words, bool Estimated) SubcorpusWords(IndexGeneration generation, FixedBitSet?[]? subcorpus, Countdown ticks)
    {
        long words = 0;
        var leaves = generation.IndexReader.Leaves;
        for (var i = 0; i < leaves.Count; i++)
        {
            var reader = leaves[i].AtomicReader;
            var lengths = TrendTextLengths.For(reader);
            if (subcorpus is null)
            {
                var live = reader.LiveDocs;
                for (var doc = 0; doc < lengths.Length; doc++)
                {
                    if (live is null || live.Get(doc))
                        words += lengths[doc];
                }

                continue;
            }

            if (subcorpus[i] is not { } bits)
                continue;
            for (var doc = bits.NextSetBit(0); doc >= 0; doc = doc + 1 < bits.Length ? bits.NextSetBit(doc + 1) : -1)
            {
                ticks.Tick();
                words += lengths[doc];
            }
        }

        return (words, false);
    }

    /// <summary>f(y): the occurrences of an indexed term in the subcorpus (the whole index: its total term frequency).</summary>
    private static long StemFrequency(IndexGeneration generation, Term term, FixedBitSet?[]? subcorpus)
    {
        var reader = generation.IndexReader;
        if (subcorpus is null)
            return Math.Max(0, reader.TotalTermFreq(term));
        long total = 0;
        var leaves = reader.Leaves;
        for (var i = 0; i < leaves.Count; i++)
        {
            if (subcorpus[i] is not { } bits || leaves[i].AtomicReader.GetTerms(IndexFields.Text) is not { } terms)
                continue;
            var iterator = terms.GetEnumerator();
            if (!iterator.SeekExact(term.Bytes))
                continue;
            var docs = iterator.Docs(bits, null, DocsFlags.FREQS);
            while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                total += docs.Freq;
        }

        return total;
    }
}
