using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PakRussia.Search.Indexing;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Search;

/// <summary>
/// "More like this": passages (or documents) that use the same telling words as a passage, a document or a pasted text,
/// ranked by BM25 over the query <see cref="SimilarQuery"/> builds with Lucene's <see cref="Lucene.Net.Queries.Mlt.MoreLikeThis"/>.
/// The source and its word-for-word copies are left out; each hit's highlights mark the words it shares with the source.
/// </summary>
public sealed partial class Searcher
{
    /// <summary>Passages like a passage or a pasted text; null when the passage id is unknown.</summary>
    public SimilarResponse? Similar(SimilarRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        ValidateSimilar(request, documents: false);
        if (request.PassageId is { } id && !IsValidPassageId(id))
            return null;
        return Budgeted(request.Filters.TimeBudget, cancellationToken, (generation, budget) =>
        {
            SimilarSource source;
            Passage? origin = null;
            if (request.PassageId is { } passageId)
            {
                origin = FindPassage(generation, passageId);
                if (origin is null || generation.Records.Find(origin.DocId) is not { } entry)
                    return null;
                source = new SimilarSource(origin.Section is { } heading && heading != entry.Metadata.Title ? heading + "\n\n" + origin.Text : origin.Text);
            }
            else
            {
                source = new SimilarSource(request.Text!);
            }

            var (words, terms) = SimilarQuery.Build(generation.IndexReader, source, request.Settings);
            if (terms.Count == 0)
            {
                return new SimilarResponse
                {
                    From = origin is null ? "text" : "passage", PassageId = origin?.PassageId, Terms = [], Total = 0, Hits = [],
                    Warnings = [NoTelling(origin is null ? "text" : "passage")], TookMs = Elapsed(clock), Generation = generation.Id,
                };
            }

            var query = words;
            if (origin is not null)
            {
                // The passage itself, and the one it repeats when it is itself a copy (copies are never searchable).
                query.Add(new TermQuery(new Term(IndexFields.PassageId, origin.PassageId)), Occur.MUST_NOT);
                if (origin.DuplicateOf is { } original)
                    query.Add(new TermQuery(new Term(IndexFields.PassageId, original)), Occur.MUST_NOT);
            }

            var selections = new FacetSelections(request.Filters);
            budget.Check();
            // A few more than asked for: word-for-word copies in other documents rank first and are dropped below.
            var depth = request.Top + 20;
            var (collector, top) = Collect(generation, budget, query, selections, countFacets: false, SearchSort.Relevance, depth);
            var copies = new List<string>();
            if (origin is not null)
            {
                copies.AddRange(DuplicatesOf(generation, origin.DuplicateOf ?? origin.PassageId).Where(c => c != origin.PassageId));
                if (origin.DuplicateOf is { } original)
                    copies.Add(original);
            }

            var hits = new List<SimilarHit>();
            var copiesCounted = 0;
            foreach (var scored in top.Top(0, depth))
            {
                budget.Check();
                var passage = PassageRecord.Read(generation.Doc(scored.Doc));
                if (origin is not null && passage.ContentHash == origin.ContentHash)
                {
                    // A copy in another document is searchable, so it was counted.
                    copies.Add(passage.PassageId);
                    copiesCounted++;
                    continue;
                }

                if (hits.Count < request.Top)
                    hits.Add(SimilarHitOf(generation, scored, passage, query, request.Filters.Style));
            }

            return new SimilarResponse
            {
                From = origin is null ? "text" : "passage",
                PassageId = origin?.PassageId,
                Terms = terms,
                Total = collector.Total - copiesCounted,
                Hits = hits,
                Copies = copies.Distinct().ToList(),
                TookMs = Elapsed(clock),
                Generation = generation.Id,
            };
        });
    }

    /// <summary>Documents like a document: its passages' words, the document left out, documents ranked by their best passages; null when the id is unknown.</summary>
    public SimilarDocumentsResponse? SimilarDocuments(SimilarRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        ValidateSimilar(request, documents: true);
        if (!IsValidDocId(request.DocId!))
            return null;
        return Budgeted(request.Filters.TimeBudget, cancellationToken, (generation, budget) =>
        {
            if (generation.Records.Find(request.DocId!) is not { } entry)
                return null;
            var passages = PassagesOf(generation, entry.Metadata.DocId).Where(PassageDocuments.IsSearchable).ToList();
            // The title, each heading once, then the text of every searchable passage.
            var headings = passages.Select(p => p.Section).OfType<string>().Distinct(StringComparer.Ordinal);
            var source = new SimilarSource(string.Join("\n\n", headings.Prepend(entry.Metadata.Title).Concat(passages.Select(p => p.Text))));
            var settings = request.Settings with { MaxTokensParsed = Math.Max(request.Settings.MaxTokensParsed, SimilarSettings.DocumentTokens) };
            var (query, terms) = SimilarQuery.Build(generation.IndexReader, source, settings);
            if (terms.Count == 0)
            {
                return new SimilarDocumentsResponse
                {
                    DocId = entry.Metadata.DocId, Terms = [], Total = 0, Documents = [], Warnings = [NoTelling("document")],
                    TookMs = Elapsed(clock), Generation = generation.Id,
                };
            }

            query.Add(new TermQuery(new Term(IndexFields.DocId, entry.Metadata.DocId)), Occur.MUST_NOT);
            var selections = new FacetSelections(request.Filters);
            budget.Check();
            var (_, top) = Collect(generation, budget, query, selections, countFacets: false, SearchSort.Relevance, SimilarSearch.DocumentDepth);
            var scoredDocs = top.Top(0, SimilarSearch.DocumentDepth);
            var keys = Keys(generation, scoredDocs);
            var grouped = keys
                .Select((k, i) => (k.DocId, k.Score, Scored: scoredDocs[i]))
                .GroupBy(k => k.DocId, StringComparer.Ordinal)
                .Select(g => (DocId: g.Key, Best: g.OrderByDescending(k => k.Score).Take(SimilarSearch.PassagesPerDocument).ToList()))
                .Select(g => (g.DocId, g.Best, Score: Math.Round(g.Best.Sum(b => b.Score), 4)))
                .OrderByDescending(g => g.Score).ThenBy(g => g.DocId, StringComparer.Ordinal)
                .ToList();

            var documents = new List<SimilarDocument>();
            foreach (var (docId, best, score) in grouped.Take(request.Top))
            {
                budget.Check();
                if (generation.Records.Find(docId) is not { } record)
                    continue;
                var hits = best.Select(b => SimilarHitOf(generation, b.Scored, PassageRecord.Read(generation.Doc(b.Scored.Doc)), query, request.Filters.Style)).ToList();
                documents.Add(new SimilarDocument
                {
                    Document = DocumentSummary.From(record.Metadata, record.SourcePath, record.PassageCount, record.Warnings),
                    Score = score,
                    Passages = hits,
                    SharedTerms = hits.SelectMany(h => h.SharedTerms).Distinct(StringComparer.Ordinal).ToList(),
                });
            }

            return new SimilarDocumentsResponse
            {
                DocId = entry.Metadata.DocId, Terms = terms, Total = grouped.Count, Documents = documents, TookMs = Elapsed(clock), Generation = generation.Id,
            };
        });
    }

    private static SimilarHit SimilarHitOf(IndexGeneration generation, ScoreDoc scored, Passage passage, Query query, Citations.CitationStyle style)
    {
        var hit = MakeHit(generation, scored, passage, query, style);
        var shared = new List<string>();
        void AddWords(string? text, IEnumerable<MatchSpan> spans)
        {
            if (text is null)
                return;
            foreach (var span in spans)
            {
                var word = text[span.Start..span.End].ToLowerInvariant();
                if (!shared.Contains(word, StringComparer.Ordinal))
                    shared.Add(word);
            }
        }

        AddWords(hit.Text, hit.Matches);
        if (hit.SectionHighlight is not null)
            AddWords(hit.Section, MatchHighlighter.Matches(query, IndexFields.Section, hit.Section!));
        if (hit.TitleHighlight is not null)
            AddWords(hit.Title, MatchHighlighter.Matches(query, IndexFields.Title, hit.Title));
        return new SimilarHit { Hit = hit, SharedTerms = shared };
    }

    private static string NoTelling(string what) =>
        $"This {what} has no word that is distinctive enough to compare (every word is a stop word, too rare or too common).";

    private static double Elapsed(Stopwatch clock) => Math.Round(clock.Elapsed.TotalMilliseconds, 2);

    private static void ValidateSimilar(SimilarRequest request, bool documents)
    {
        var sources = (request.PassageId is null ? 0 : 1) + (request.DocId is null ? 0 : 1) + (request.Text is null ? 0 : 1);
        if (sources != 1)
            throw new SearchRequestException("Give one of a passage id, a document id or a text to find similar passages for.");
        if (documents != (request.DocId is not null))
            throw new SearchRequestException(documents ? "Similar documents start from a document id." : "Similar passages start from a passage id or a text.");
        if (request.Top < 1 || request.Top > SimilarSearch.MaxTop)
            throw new SearchRequestException($"top must be between 1 and {SimilarSearch.MaxTop} (got {request.Top}).");
        if (request.Text is { } text)
        {
            if (string.IsNullOrWhiteSpace(text))
                throw new SearchRequestException("The text to compare is empty: paste a sentence or a paragraph.");
            if (text.Length > SimilarSearch.MaxTextLength)
                throw new SearchRequestException($"The text is {text.Length} characters long; at most {SimilarSearch.MaxTextLength} are compared.");
        }

        Validate(request.Filters with { Query = "", Page = 1, PageSize = 1 });
    }
}
