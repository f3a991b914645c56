using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PakRussia.Search.Concordance;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;

namespace PakRussia.Search.Search;

/// <summary>
/// Keywords (<c>keywords</c>): the words of the text field over-represented in the target (a query's hits and/or filters)
/// against every other searchable passage. Frequencies come from the postings of the <see cref="IndexFields.Text"/> field,
/// whose terms are stems (the <see cref="IndexFields.Words"/> field has surface words but no frequencies): for each stem the
/// target frequency is summed over the target's passages (Lucene's leapfrog of the postings against the target's bits), the
/// reference frequency is the rest of the stem's total frequency, and the stem is shown by its commonest surface word.
/// </summary>
public sealed partial class Searcher
{
    private static readonly Lazy<HashSet<string>> StopStems = new(() =>
        Querying.StopWords.English.SelectMany(w => PassageAnalyzer.Index.Terms(w)).ToHashSet(StringComparer.Ordinal));

    public KeywordResponse Keywords(KeywordRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (request.MinFrequency < 1 || request.MinFrequency > KeywordRequest.MaxMinFrequency)
            throw new SearchRequestException($"min frequency must be between 1 and {KeywordRequest.MaxMinFrequency} (got {request.MinFrequency}).");
        if (request.Top < 1 || request.Top > KeywordRequest.MaxTop)
            throw new SearchRequestException($"top must be between 1 and {KeywordRequest.MaxTop} (got {request.Top}).");
        Validate(request.Target with { Page = 1, PageSize = 1 });
        return BudgetedStatistics(request.Target.TimeBudget, cancellationToken, (generation, budget) =>
        {
            var selections = new FacetSelections(request.Target);
            var compiled = string.IsNullOrWhiteSpace(request.Target.Query) ? null : Compile(generation, request.Target);
            if (compiled?.Query is null && selections.IsEmpty)
                throw new SearchRequestException("Choose the part of the corpus to compare with the rest: a query, a filter (--source forum), or both.");
            var target = Subcorpus(generation, budget, compiled?.Query, selections);
            var warnings = new List<string>(compiled?.Warnings ?? []);
            var reference = request.Reference is { } given ? ReferenceOf(generation, budget, given, warnings) : null;
            var reader = generation.IndexReader;
            var (bits, referenceBits, targetWords, referenceWords, referencePassages, overlap) = Sides(generation, budget, target, reference);
            if (overlap > 0)
                warnings.Add($"{overlap:N0} passages are in both the target and the reference; they count for the target only.");

            var referenceName = request.Reference is { } r ? Describe(r) : KeywordResponse.RestOfTheCorpus;
            if (target.Count == 0 || referenceWords <= 0)
            {
                warnings.Add(target.Count == 0 ? "No passage is in the target: nothing to compare."
                    : reference is null ? "The target is the whole corpus: there is nothing left to compare it with."
                    : "No passage is in the reference: nothing to compare with.");
                return KeywordsOf([], request, targetWords, Math.Max(0, referenceWords), target.Count, referenceName, Math.Max(0, referencePassages), warnings, clock, generation.Id);
            }

            // Leapfrogging the postings visits the passages of either side (with a given reference, both sides' bits).
            var visit = bits;
            if (referenceBits is not null)
            {
                visit = bits.Clone();
                visit.Or(referenceBits);
            }

            // The weakest on top, evicted first; among equal scores the stem last in order goes first, so the cut at
            // Top keeps what the final order (score, then stem) lists first, whatever order the terms came in.
            var heap = new PriorityQueue<(string Stem, long A, long B, double G2), (double Strength, string Stem)>(
                Comparer<(double Strength, string Stem)>.Create((x, y) => x.Strength != y.Strength ? x.Strength.CompareTo(y.Strength) : string.CompareOrdinal(y.Stem, x.Stem)));
            var terms = MultiFields.GetTerms(reader, IndexFields.Text);
            var live = MultiFields.GetLiveDocs(reader);
            var termsEnum = terms?.GetEnumerator();
            DocsEnum? docs = null;
            var countdown = QueryBudget.CheckEvery;
            while (termsEnum is not null && termsEnum.MoveNext())
            {
                if (--countdown <= 0)
                {
                    budget.Check();
                    countdown = QueryBudget.CheckEvery;
                }

                // The target frequency cannot exceed the term's total: most of a vocabulary is rarer than the minimum.
                var total = termsEnum.TotalTermFreq;
                if (total < request.MinFrequency || !HasLetter(termsEnum.Term) || IsMarkedCopy(termsEnum.Term))
                    continue; // numbers, and the marked copies of words in capitals (the same word again)
                docs = termsEnum.Docs(live, docs, DocsFlags.FREQS);
                long a = 0, b = 0, everywhere = 0;
                var doc = docs.NextDoc();
                while (doc != DocIdSetIterator.NO_MORE_DOCS)
                {
                    if (live is not null)
                        everywhere += docs.Freq; // with deletions the total must be counted over live passages
                    if (visit.Get(doc))
                    {
                        if (referenceBits is not null && referenceBits.Get(doc))
                            b += docs.Freq;
                        else
                            a += docs.Freq;
                        doc = docs.NextDoc();
                        continue;
                    }

                    if (live is not null)
                    {
                        doc = docs.NextDoc();
                        continue;
                    }

                    // Leapfrog: jump the postings to the next passage of the target (or of the reference).
                    var next = doc + 1 < visit.Length ? visit.NextSetBit(doc + 1) : -1;
                    doc = next < 0 ? DocIdSetIterator.NO_MORE_DOCS : docs.Advance(next);
                }

                if (referenceBits is null)
                    b = (live is null ? total : everywhere) - a;
                if ((request.Negative ? b : a) < request.MinFrequency)
                    continue;
                var over = (double)a / targetWords > (double)b / referenceWords;
                var under = (double)a / targetWords < (double)b / referenceWords;
                if (request.Negative ? !under : !over)
                    continue; // even, or on the other side: not a keyword of this kind
                var stem = termsEnum.Term.Utf8ToString();
                if (!request.StopWords && StopStems.Value.Contains(stem))
                    continue;
                var g2 = KeynessScores.LogLikelihood(a, b, targetWords, referenceWords);
                // The heap keeps the strongest: the largest G², or for negative keywords the most negative.
                var strength = (request.Negative ? -g2 : g2, stem);
                if (heap.Count < request.Top)
                    heap.Enqueue((stem, a, b, g2), strength);
                else if (heap.TryPeek(out _, out var weakest) && heap.Comparer.Compare(strength, weakest) > 0)
                    heap.DequeueEnqueue((stem, a, b, g2), strength);
            }

            var kept = new List<(string Stem, long A, long B, double G2)>();
            while (heap.Count > 0)
                kept.Add(heap.Dequeue());
            kept.Reverse();
            var surface = new KeywordSurfaceForms(reader);
            var keywords = kept.Select(k => new Keyword
            {
                Word = surface.Of(k.Stem),
                Stem = k.Stem,
                Frequency = k.A,
                ReferenceFrequency = k.B,
                LogLikelihood = Math.Round(k.G2, 2) + 0.0, // + 0.0: a rounded -0 is written 0
                LogRatio = Math.Round(KeynessScores.LogRatio(k.A, k.B, targetWords, referenceWords), 3),
            }).OrderByDescending(k => request.Negative ? -k.LogLikelihood : k.LogLikelihood).ThenBy(k => k.Stem, StringComparer.Ordinal).ToList();
            return KeywordsOf(keywords, request, targetWords, referenceWords, target.Count, referenceName, referencePassages, warnings, clock, generation.Id);
        });
    }

    /// <summary>
    /// The two sides over the whole reader: the target's bits, a given reference's bits less the target's (null without
    /// one: the reference is then every other searchable passage), each side's words and the reference's passages.
    /// </summary>
    private static (FixedBitSet Target, FixedBitSet? Reference, long TargetWords, long ReferenceWords, long ReferencePassages, long Overlap) Sides(
        IndexGeneration generation, QueryBudget budget, TrendSubcorpus target, TrendSubcorpus? reference)
    {
        var reader = generation.IndexReader;
        var bits = new FixedBitSet(reader.MaxDoc);
        var referenceBits = reference is null ? null : new FixedBitSet(reader.MaxDoc);
        long targetWords = 0, referenceWords = 0, searchableWords = 0, searchablePassages = 0, referencePassages = 0, overlap = 0;
        foreach (var leaf in reader.Leaves)
        {
            budget.Check();
            var lengths = TrendTextLengths.For(leaf.AtomicReader);
            var ours = target.Of(leaf.Ord);
            var docs = ours.GetIterator();
            int doc;
            while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                bits.Set(leaf.DocBase + doc);
                targetWords += lengths[doc];
            }

            if (reference is not null)
            {
                docs = reference.Of(leaf.Ord).GetIterator();
                while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    if (doc < ours.Length && ours.Get(doc))
                    {
                        overlap++; // a passage in both sides is the target's
                        continue;
                    }

                    referenceBits!.Set(leaf.DocBase + doc);
                    referenceWords += lengths[doc];
                    referencePassages++;
                }

                continue;
            }

            var searchable = generation.SearchablePassages.GetDocIdSet(leaf, leaf.AtomicReader.LiveDocs)?.GetIterator();
            while (searchable is not null && (doc = searchable.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                searchableWords += lengths[doc];
                searchablePassages++;
            }
        }

        return reference is null
            ? (bits, null, targetWords, searchableWords - targetWords, searchablePassages - target.Count, 0)
            : (bits, referenceBits, targetWords, referenceWords, referencePassages, overlap);
    }

    private static KeywordResponse KeywordsOf(IReadOnlyList<Keyword> keywords, KeywordRequest request, long targetWords, long referenceWords,
        long passages, string reference, long referencePassages, List<string> warnings, Stopwatch clock, string generation) => new()
    {
        Query = request.Target.Query,
        TargetWords = targetWords,
        ReferenceWords = referenceWords,
        TargetPassages = passages,
        MinFrequency = request.MinFrequency,
        Reference = reference,
        ReferencePassages = referencePassages,
        Negative = request.Negative,
        Keywords = keywords,
        Warnings = warnings.Distinct().ToList(),
        TookMs = Elapsed(clock),
        Generation = generation,
    };

    /// <summary>The reference's passages (its query's hits that pass its filters); bad input as for the target.</summary>
    private TrendSubcorpus ReferenceOf(IndexGeneration generation, QueryBudget budget, SearchRequest reference, List<string> warnings)
    {
        Validate(reference with { Page = 1, PageSize = 1 });
        var selections = new FacetSelections(reference);
        var compiled = string.IsNullOrWhiteSpace(reference.Query) ? null : Compile(generation, reference);
        if (compiled?.Query is null && selections.IsEmpty)
            throw new SearchRequestException("The reference needs a query or a filter (--reference-source news); leave it out to compare with the rest of the corpus.");
        warnings.AddRange(compiled?.Warnings ?? []);
        return Subcorpus(generation, budget, compiled?.Query, selections);
    }

    /// <summary>A reference in words: its query and filters ("news; 2014–2016").</summary>
    private static string Describe(SearchRequest reference)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(reference.Query))
            parts.Add($"\"{reference.Query.Trim()}\"");
        if (reference.Sources.Count > 0)
            parts.Add("source " + string.Join(", ", reference.Sources));
        if (reference.Years.Count > 0)
            parts.Add("year " + string.Join(", ", reference.Years));
        if (reference.From is not null || reference.To is not null)
            parts.Add($"{reference.From ?? "…"} to {reference.To ?? "…"}");
        if (reference.Docs.Count > 0)
            parts.Add("document " + string.Join(", ", reference.Docs));
        if (reference.Authors.Count > 0)
            parts.Add("author " + string.Join(", ", reference.Authors));
        return string.Join("; ", parts);
    }

    /// <summary>True when the term has a letter (ASCII after folding, or any non-ASCII character): numbers are not keywords.</summary>
    /// <summary>A term of the index's marked copy of a word in capitals ("=us", see CapitalsFilter): not a word of its own.</summary>
    private static bool IsMarkedCopy(BytesRef term) => term.Length > 0 && term.Bytes[term.Offset] == (byte)Indexing.Analysis.CapitalsFilter.Mark;

    private static bool HasLetter(BytesRef term)
    {
        for (var i = term.Offset; i < term.Offset + term.Length; i++)
        {
            var b = term.Bytes[i];
            if ((b >= 'a' && b <= 'z') || b >= 0x80)
                return true;
        }

        return false;
    }
}
