using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search.Spans;
using PakRussia.Search.Concordance;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Search;

/// <summary>
/// Dispersion (<c>dispersion</c>): every occurrence of a term in the passages the filters leave, placed in its document.
/// Lucene's spans give each occurrence's position; the postings' offsets (the text field is indexed with them) turn the
/// position into a character offset in the passage, and the passage's stored start places it in the document's cleaned text.
/// </summary>
public sealed partial class Searcher
{
    private static readonly ISet<string> StartField = new HashSet<string> { IndexFields.Start };
    private static readonly ISet<string> LengthField = new HashSet<string> { IndexFields.CleanLength };

    public DispersionResponse Dispersion(DispersionRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (request.Top < 1 || request.Top > DispersionRequest.MaxTop)
            throw new SearchRequestException($"top must be between 1 and {DispersionRequest.MaxTop} (got {request.Top}).");
        Validate(request.Filters with { Query = "", Page = 1, PageSize = 1 });
        return Budgeted(request.Filters.TimeBudget, cancellationToken, (generation, budget) =>
        {
            var term = TrendTerm.Compile(request.Term, generation.Vocabulary);
            var spans = (SpanQuery)generation.Rewrite(term.Spans);
            var words = new HashSet<Term>();
            spans.ExtractTerms(words);
            var subcorpus = Subcorpus(generation, budget, null, new FacetSelections(request.Filters));
            // First every occurrence's passage and position (spans and doc values only), then offsets and passage starts
            // (postings offsets, one stored field) for the documents listed.
            var byDocument = new Dictionary<string, List<(int Leaf, int Doc, List<int> Starts)>>(StringComparer.Ordinal);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var scratch = new Lucene.Net.Util.BytesRef();
            var countdown = QueryBudget.CheckEvery;
            foreach (var leaf in generation.IndexReader.Leaves)
            {
                budget.Check();
                var bits = subcorpus.Of(leaf.Ord);
                if (bits.Length == 0)
                    continue;
                var reader = leaf.AtomicReader;
                var documentIds = reader.GetSortedDocValues(IndexFields.DocId);
                var matches = spans.GetSpans(leaf, reader.LiveDocs, new Dictionary<Term, TermContext>());
                List<int>? starts = null;
                var current = -1;
                while (matches.MoveNext())
                {
                    if (--countdown <= 0)
                    {
                        budget.Check();
                        countdown = QueryBudget.CheckEvery;
                    }

                    var doc = matches.Doc;
                    if (doc >= bits.Length || !bits.Get(doc))
                        continue;
                    if (doc != current)
                    {
                        current = doc;
                        documentIds.Get(doc, scratch);
                        var docId = scratch.Utf8ToString();
                        if (!byDocument.TryGetValue(docId, out var passages))
                            byDocument[docId] = passages = [];
                        starts = [];
                        passages.Add((leaf.Ord, doc, starts));
                    }

                    starts!.Add(matches.Start);
                }
            }

            foreach (var (docId, passages) in byDocument)
                counts[docId] = passages.Sum(p => p.Starts.Count);
            var ranked = counts.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).ToList();
            var leaves = generation.IndexReader.Leaves;
            var documents = new List<DispersionDocument>();
            foreach (var (docId, _) in ranked.Take(request.Top))
            {
                budget.Check();
                var offsets = new List<int>();
                foreach (var (leafOrd, doc, starts) in byDocument[docId])
                {
                    var leaf = leaves[leafOrd];
                    var inPassage = OffsetsOf(leaf.AtomicReader, doc, words);
                    var passageStart = generation.Doc(leaf.DocBase + doc, StartField).GetField(IndexFields.Start)?.GetInt32Value() ?? 0;
                    foreach (var position in starts)
                    {
                        if (inPassage.TryGetValue(position, out var offset))
                            offsets.Add(passageStart + offset);
                    }
                }

                var record = generation.Records.Find(docId);
                var recordDoc = FindDocIn(generation.IndexReader, new Term(IndexFields.RecordId, docId));
                var length = recordDoc is { } found ? generation.Doc(found, LengthField).GetField(IndexFields.CleanLength)?.GetInt32Value() ?? 0 : 0;
                offsets.Sort();
                documents.Add(new DispersionDocument
                {
                    DocId = docId,
                    Title = record?.Metadata.Title ?? docId,
                    SourceType = record?.Metadata.SourceType ?? "",
                    Year = record?.Metadata.Year,
                    Length = Math.Max(length, offsets.Count > 0 ? offsets[^1] + 1 : 0),
                    Count = offsets.Count,
                    Offsets = offsets,
                });
            }

            return new DispersionResponse
            {
                Term = term.Label,
                TotalDocuments = ranked.Count,
                Total = ranked.Sum(d => (long)d.Value),
                Documents = documents,
                Warnings = term.Warnings,
                TookMs = Elapsed(clock),
                Generation = generation.Id,
            };
        });
    }

    /// <summary>Position → start offset (in the passage text) of each of <paramref name="words"/> in one passage, from the postings.</summary>
    private static Dictionary<int, int> OffsetsOf(AtomicReader reader, int doc, HashSet<Term> words)
    {
        var offsets = new Dictionary<int, int>();
        var terms = reader.GetTerms(IndexFields.Text);
        if (terms is null)
            return offsets;
        var termsEnum = terms.GetEnumerator();
        foreach (var word in words)
        {
            if (word.Field != IndexFields.Text || !termsEnum.SeekExact(word.Bytes))
                continue;
            var positions = termsEnum.DocsAndPositions(reader.LiveDocs, null, DocsAndPositionsFlags.OFFSETS);
            if (positions is null || positions.Advance(doc) != doc)
                continue;
            for (var i = 0; i < positions.Freq; i++)
            {
                var position = positions.NextPosition();
                offsets.TryAdd(position, positions.StartOffset);
            }
        }

        return offsets;
    }
}
