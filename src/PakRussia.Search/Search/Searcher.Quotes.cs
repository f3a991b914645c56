using Lucene.Net.Index;
using Lucene.Net.Search;
using PakRussia.Search.Citations;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Passages;
using PakRussia.Search.Querying;
using PakRussia.Search.Quotes;

namespace PakRussia.Search.Search;

/// <summary>Quote lookup: where a quote comes from, every place it occurs, and how faithful it is.</summary>
public sealed partial class Searcher
{
    /// <summary>How many of the quote's rarest words select the candidate passages.</summary>
    public const int QuoteProbeWords = 6;

    /// <summary>How many passages (best BM25 on the probe words first) are aligned with the quote.</summary>
    public const int QuoteCandidates = 150;

    /// <summary>Of those, how many are also tried joined with the passage before and after (quotes across a paragraph break).</summary>
    public const int QuoteJoinedCandidates = 20;

    /// <summary>
    /// Finds where <paramref name="quote"/> comes from. Candidates come from the index only (never a scan): the
    /// <see cref="QuoteProbeWords"/> rarest words of the quote (by the index's document counts; stop words and words the
    /// index does not know are left out, so a misquoted word does not hide the passage) are OR-ed over the passage text
    /// and the headings (a quote may be a title or a heading), and the best <see cref="QuoteCandidates"/> passages by BM25
    /// are aligned word by word with the quote, together with the passages that repeat them word for word (stored, not
    /// searched, found through <c>duplicate_of</c>) and,
    /// for the best <see cref="QuoteJoinedCandidates"/>, their neighbours joined to them, for a quote that runs across a
    /// paragraph break. <see cref="QuoteProvenance"/> then groups, orders and marks the original.
    /// </summary>
    /// <param name="quote">The quote as the user has it: case, quote marks, dashes, accents, line breaks and hyphenation do not matter; "…" stands for left-out words.</param>
    /// <param name="maxMatches">At most this many different wordings are returned (each with all its occurrences).</param>
    /// <param name="style">The style of each match's <see cref="QuoteMatch.Citation"/>; <see cref="QuoteMatch.Citations"/> has them all.</param>
    /// <exception cref="SearchRequestException">
    /// The quote is too short (under 4 words) or too long (over 400 words or 3,000 characters), or maxMatches is out of
    /// range: bad input (CLI exit 2, HTTP 400), like a malformed search.
    /// </exception>
    /// <param name="cancellationToken">Stops the lookup when the caller goes away; the lookup also runs under <see cref="TimeBudget"/>.</param>
    public QuoteResult FindQuote(string quote, int maxMatches = 20, CitationStyle style = CitationStyle.Plain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(quote);
        if (maxMatches is < 1 or > SearchLimits.MaxPageSize)
            throw new SearchRequestException($"maxMatches must be between 1 and {SearchLimits.MaxPageSize} (got {maxMatches}).");
        var validation = QuoteAligner.Validate(quote);
        if (!validation.IsValid)
            throw new SearchRequestException(validation.Message + ".");

        return Budgeted(null, cancellationToken, (generation, budget) => FindQuote(generation, budget, quote, maxMatches, style));
    }

    /// <summary>A passage by its document and position (the key joined pairs and neighbours are found by).</summary>
    private readonly record struct PassageKey(string DocId, int Ordinal)
    {
        public PassageKey Previous => this with { Ordinal = Ordinal - 1 };
        public PassageKey Next => this with { Ordinal = Ordinal + 1 };
    }

    private static QuoteResult FindQuote(IndexGeneration generation, QueryBudget budget, string quote, int maxMatches, CitationStyle style)
    {
        var probe = ProbeWords(generation, quote);
        if (probe.Count == 0)
            return new QuoteResult(quote, false, QuoteProvenance.NotFoundMessage, [], []);

        budget.Check();
        var ranked = RankCandidates(generation, budget, probe);
        budget.Check();
        var passages = ReadRows(generation, ranked);
        var duplicates = ReadDuplicates(generation, passages.Values.Select(p => p.Passage.PassageId));

        // Neighbours of the best candidates, for joined pairs.
        var joinedFrom = ranked.Select(doc => Key(passages, doc)).OfType<PassageKey>().Take(QuoteJoinedCandidates).ToList();
        var byKey = passages.Values.ToDictionary(p => new PassageKey(p.Passage.DocId, p.Passage.Ordinal));
        var neighbours = new Dictionary<PassageKey, (Passage Passage, DocumentEntry Document)>();
        foreach (var key in joinedFrom.SelectMany(k => new[] { k.Previous, k.Next }).Where(k => k.Ordinal >= 0 && !byKey.ContainsKey(k)).Distinct())
        {
            if (FindPassage(generation, Passage.MakeId(key.DocId, key.Ordinal)) is { } neighbour && generation.Records.Find(neighbour.DocId) is { } entry)
                neighbours[key] = (neighbour, entry);
        }

        // Aligned first at the match threshold, where the cheap word-overlap bound skips most passages; only when
        // nothing matches a second time at the "closest" floor, for the nearest passages.
        var folded = new FoldedText(quote);
        var folds = new Dictionary<PassageKey, FoldedText>();
        var (result, sources, through) = Align(folded, QuoteAligner.DefaultThreshold);
        if (!result.Found)
            (result, sources, through) = Align(folded, QuoteProvenance.ClosestFloor);

        (QuoteResult, Dictionary<string, (DocumentMetadata, Passage)>, Dictionary<string, string>) Align(FoldedText folded, double threshold)
        {
            var aligned = new Dictionary<PassageKey, QuoteCandidate>();
            foreach (var (key, (passage, doc)) in byKey)
            {
                budget.Check();
                if (!folds.TryGetValue(key, out var text))
                    folds[key] = text = new FoldedText(passage.Text);
                if (QuoteAligner.Align(folded, text, threshold) is { } alignment)
                    aligned[key] = new QuoteCandidate(doc.Metadata, passage, alignment);
            }

            var joined = JoinAcrossBreaks(folded, threshold, joinedFrom, byKey, neighbours, aligned);
            var used = joined.SelectMany(j => new[] { j.First, j.Second }).ToHashSet();
            var candidates = new List<QuoteCandidate>();
            var sources = new Dictionary<string, (DocumentMetadata Document, Passage Passage)>(StringComparer.Ordinal);
            foreach (var key in byKey.Keys)
            {
                if (used.Contains(key) || !aligned.TryGetValue(key, out var candidate))
                    continue;
                candidates.Add(candidate);
                sources[candidate.Passage.PassageId] = (candidate.Document, candidate.Passage);
                foreach (var (copy, doc) in duplicates.GetValueOrDefault(candidate.Passage.PassageId) ?? [])
                {
                    // Word for word the same text (normalised), so aligned afresh only to get the offsets right.
                    if (QuoteAligner.Align(folded, new FoldedText(copy.Text), QuoteProvenance.ClosestFloor) is { } alignment)
                    {
                        candidates.Add(new QuoteCandidate(doc.Metadata, copy, alignment));
                        sources[copy.PassageId] = (doc.Metadata, copy);
                    }
                }
            }

            var through = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in joined)
            {
                candidates.Add(pair.Candidate);
                var first = byKey.TryGetValue(pair.First, out var p) ? p : neighbours[pair.First];
                sources[pair.Candidate.Passage.PassageId] = (first.Document.Metadata, first.Passage);
                var second = byKey.TryGetValue(pair.Second, out var q) ? q : neighbours[pair.Second];
                through[pair.Candidate.Passage.PassageId] = second.Passage.PassageId;
            }

            return (QuoteProvenance.Resolve(quote, candidates), sources, through);
        }

        var matches = result.Matches.Take(maxMatches).Select(m =>
        {
            var (document, passage) = sources[m.PassageId];
            var citations = CitationFormatter.All(document, passage);
            return m with
            {
                Citation = Pick(citations, style),
                Citations = citations,
                ThroughPassageId = through.GetValueOrDefault(m.PassageId),
            };
        }).ToList();
        return result with { Matches = matches };
    }

    private static PassageKey? Key(Dictionary<int, (Passage Passage, DocumentEntry Document)> passages, int doc) =>
        passages.TryGetValue(doc, out var row) ? new PassageKey(row.Passage.DocId, row.Passage.Ordinal) : null;

    private static string Pick(CitationSet set, CitationStyle style) => style switch
    {
        CitationStyle.Apa => set.Apa,
        CitationStyle.BibTeX => set.Bibtex,
        CitationStyle.Ris => set.Ris,
        _ => set.Plain,
    };

    /// <summary>
    /// The quote's rarest words the index knows (stop words and one-letter words left out), rarest first, as index terms:
    /// their counts are of passages holding them in the text or in a heading.
    /// </summary>
    private static List<string> ProbeWords(IndexGeneration generation, string quote)
    {
        var reader = generation.IndexReader;
        var terms = new Dictionary<string, (long Count, int Length)>(StringComparer.Ordinal);
        foreach (var word in PassageAnalyzer.Surface.Terms(quote))
        {
            if (word.Length <= 1 || word.Length > 64 || StopWords.English.Contains(word) || PassageAnalyzer.Index.Terms(word) is not [var term] || terms.ContainsKey(term))
                continue;
            var count = (long)reader.DocFreq(new Term(IndexFields.Text, term)) + reader.DocFreq(new Term(IndexFields.Heading, term));
            if (count > 0)
                terms[term] = (count, word.Length);
        }

        return terms.OrderBy(t => t.Value.Count).ThenByDescending(t => t.Value.Length).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(QuoteProbeWords).Select(t => t.Key).ToList();
    }

    /// <summary>Document numbers of the passages (text or heading) best matching any probe term, best BM25 first.</summary>
    private static List<int> RankCandidates(IndexGeneration generation, QueryBudget budget, IReadOnlyList<string> probe)
    {
        var query = new BooleanQuery(true);
        foreach (var term in probe)
        {
            query.Add(new TermQuery(new Term(IndexFields.Text, term)), Occur.SHOULD);
            query.Add(new TermQuery(new Term(IndexFields.Heading, term)), Occur.SHOULD);
        }

        var top = new RankedCollector(QuoteCandidates, generation);
        generation.Search(query, budget.Wrap(top));
        return top.Top(0, QuoteCandidates).Select(d => d.Doc).ToList();
    }

    private static Dictionary<int, (Passage Passage, DocumentEntry Document)> ReadRows(IndexGeneration generation, IReadOnlyCollection<int> docs)
    {
        var rows = new Dictionary<int, (Passage, DocumentEntry)>();
        foreach (var doc in docs)
        {
            var passage = PassageRecord.Read(generation.Doc(doc));
            if (generation.Records.Find(passage.DocId) is { } entry)
                rows[doc] = (passage, entry);
        }

        return rows;
    }

    /// <summary>The passages that repeat each of the given passages word for word, by the id of the repeated one.</summary>
    private static Dictionary<string, List<(Passage Passage, DocumentEntry Document)>> ReadDuplicates(IndexGeneration generation, IEnumerable<string> passageIds)
    {
        var copies = new Dictionary<string, List<(Passage, DocumentEntry)>>(StringComparer.Ordinal);
        foreach (var id in passageIds.Distinct(StringComparer.Ordinal))
        {
            foreach (var copyId in DuplicatesOf(generation, id))
            {
                if (FindPassage(generation, copyId) is { } copy && generation.Records.Find(copy.DocId) is { } entry)
                {
                    if (!copies.TryGetValue(id, out var list))
                        copies[id] = list = [];
                    list.Add((copy, entry));
                }
            }
        }

        return copies;
    }

    private sealed record JoinedPair(PassageKey First, PassageKey Second, QuoteCandidate Candidate);

    /// <summary>
    /// Tries each of the best candidates joined with its neighbours. A pair is kept when the quote aligns across the
    /// break clearly better than in either passage alone; its two passages then stand only as the pair.
    /// </summary>
    private static List<JoinedPair> JoinAcrossBreaks(FoldedText quote, double threshold, IReadOnlyList<PassageKey> from,
        Dictionary<PassageKey, (Passage Passage, DocumentEntry Document)> passages,
        Dictionary<PassageKey, (Passage Passage, DocumentEntry Document)> neighbours,
        Dictionary<PassageKey, QuoteCandidate> aligned)
    {
        bool TryGet(PassageKey key, out (Passage Passage, DocumentEntry Document) row) =>
            passages.TryGetValue(key, out row) || neighbours.TryGetValue(key, out row);

        var tried = new HashSet<PassageKey>();
        var found = new List<JoinedPair>();
        foreach (var first in from.SelectMany(k => new[] { k.Previous, k }))
        {
            if (!tried.Add(first) || !TryGet(first, out var a) || !TryGet(first.Next, out var b))
                continue;
            if (a.Passage.DocId != b.Passage.DocId || b.Passage.Start < a.Passage.End)
                continue;

            // The gap is filled with line breaks of its length, so offsets in the joined text plus the first passage's
            // start are offsets in the document.
            var gap = Math.Max(1, b.Passage.Start - a.Passage.End);
            var text = a.Passage.Text + new string('\n', gap) + b.Passage.Text;
            var alignment = QuoteAligner.Align(quote, new FoldedText(text), threshold);
            if (alignment is null || alignment.Start >= a.Passage.Text.Length || alignment.End <= a.Passage.Text.Length + gap)
                continue;
            var alone = Math.Max(aligned.GetValueOrDefault(first)?.Alignment.Similarity ?? 0, aligned.GetValueOrDefault(first.Next)?.Alignment.Similarity ?? 0);
            if (alignment.Similarity < alone + 0.05)
                continue;
            var joined = a.Passage with { Text = text, End = b.Passage.End, DuplicateOf = null };
            found.Add(new JoinedPair(first, first.Next, new QuoteCandidate(a.Document.Metadata, joined, alignment)));
        }

        // A passage belongs to one pair at most: the best.
        var taken = new HashSet<PassageKey>();
        return found.OrderByDescending(p => p.Candidate.Alignment.Similarity)
            .Where(p => !taken.Contains(p.First) && !taken.Contains(p.Second) && taken.Add(p.First) && taken.Add(p.Second))
            .ToList();
    }
}
