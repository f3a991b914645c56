using System.Security.Cryptography;
using System.Text;
using PakRussia.Search.Citations;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Search;

/// <summary>One hit of a whole result set: what a snapshot records of it.</summary>
public sealed record ResultHit(int Rank, string PassageId, string DocId, double Score, string TextHash, string Citation);

/// <summary>
/// A search's whole result set from one generation: every hit up to <see cref="SearchLimits.MaxResultWindow"/> (not a
/// page), the total, the facet counts, and the generation's corpus fingerprint and documents.
/// </summary>
public sealed record ResultSet(
    string Generation,
    string CorpusFingerprint,
    long Total,
    FacetSet Facets,
    IReadOnlyList<ResultHit> Hits,
    IReadOnlyList<FingerprintedDocument> Documents,
    IReadOnlyList<string> Warnings);

/// <summary>Whole result sets, for snapshots.</summary>
public sealed partial class Searcher
{
    /// <summary>
    /// Runs <paramref name="request"/> as <see cref="Search"/> does (filters, the OR fallback, repeats collapsed) and
    /// returns every hit up to <see cref="SearchLimits.MaxResultWindow"/> in rank order with its score, a hash of its text
    /// and its citation (<see cref="SearchRequest.Style"/>), plus the documents of the same generation. Paging is ignored.
    /// </summary>
    public ResultSet Results(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request with { Page = 1, PageSize = 1 });
        return Budgeted(request.TimeBudget, cancellationToken, (generation, budget) =>
        {
            var compiled = Compile(generation, request);
            var warnings = new List<string>(compiled.Warnings);
            var selections = new FacetSelections(request);
            if (compiled.Query is null && selections.IsEmpty)
                throw new SearchRequestException("The query is empty: type some words, a \"phrase\", or choose a filter.");
            budget.Check();
            var (collector, top, _, fellBack, minimumWords) = CollectWithFallback(generation, budget, compiled, selections, countFacets: true, request.Sort, SearchLimits.MaxResultWindow);
            if (fellBack)
                warnings.Add("No passage has all the words; showing passages with some of them.");
            if (minimumWords is { } minimum && minimum < compiled.RequiredWords.Count)
                warnings.Add($"Passages with at least {minimum} of the {compiled.RequiredWords.Count} words are listed after those with every word.");

            // The hits are read after the budgeted pass: reading them is output, not the query.
            var hits = new List<ResultHit>();
            foreach (var scored in top.Top(0, SearchLimits.MaxResultWindow))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var passage = PassageRecord.Read(generation.Doc(scored.Doc));
                var entry = generation.Records.Find(passage.DocId)
                    ?? throw new IndexException($"The index is inconsistent: the record of {passage.DocId} is missing. {IndexDirectory.RebuildHint}");
                hits.Add(new ResultHit(hits.Count + 1, passage.PassageId, passage.DocId, Score(scored.Score), TextHash(passage.Text),
                    CitationFormatter.Format(entry.Metadata, passage, request.Style)));
            }

            var facets = collector.Facets(docId => generation.Records.Find(docId)?.Metadata.Title);
            return new ResultSet(generation.Id, generation.CorpusFingerprint, collector.Total, facets, hits,
                ResultsFingerprint.Documents(generation.IndexReader), warnings.Distinct().ToList());
        });
    }

    /// <summary>The corpus fingerprint of the current generation.</summary>
    public string CorpusFingerprint()
    {
        using var lease = _generations.Acquire();
        return Guarded(() => lease.Generation.CorpusFingerprint);
    }

    /// <summary>"sha256:" and the SHA-256 (hex) of a passage's exact text.</summary>
    public static string TextHash(string text) => ResultsFingerprint.Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
