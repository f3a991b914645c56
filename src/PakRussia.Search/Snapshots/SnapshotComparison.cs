using PakRussia.Search.Search;

namespace PakRussia.Search.Snapshots;

/// <summary>A hit in both snapshots whose rank, score, text or citation differs.</summary>
public sealed record HitChange(string PassageId, string DocId, int RankBefore, int RankNow, double ScoreBefore, double ScoreNow, bool TextChanged, bool CitationChanged);

/// <summary>A facet value whose count differs (0 when absent on one side).</summary>
public sealed record FacetChange(string Facet, string Value, long Before, long Now);

/// <summary>
/// What differs between a saved snapshot and the same search run again: the corpus (fingerprint, documents added,
/// removed and edited), the program, and the results (total, facets, hits gained, lost and changed).
/// <see cref="Identical"/> when the fingerprint and every result are the same.
/// </summary>
public sealed record SnapshotDifference
{
    public required bool Identical { get; init; }
    public required string FingerprintBefore { get; init; }
    public required string FingerprintNow { get; init; }
    public bool FingerprintSame => FingerprintBefore == FingerprintNow;
    public required string ProductBefore { get; init; }
    public required string ProductNow { get; init; }
    /// <summary>False when the saved snapshot listed only its hits' documents: added documents cannot be named then.</summary>
    public required bool DocumentsComplete { get; init; }
    public IReadOnlyList<SnapshotDocument> DocumentsAdded { get; init; } = [];
    public IReadOnlyList<SnapshotDocument> DocumentsRemoved { get; init; } = [];
    public IReadOnlyList<SnapshotDocument> DocumentsEdited { get; init; } = [];
    public required long TotalBefore { get; init; }
    public required long TotalNow { get; init; }
    /// <summary>True when the results (total, facets, every hit's rank, score, text and citation) are the same.</summary>
    public required bool ResultsSame { get; init; }
    public IReadOnlyList<SnapshotHit> HitsGained { get; init; } = [];
    public IReadOnlyList<SnapshotHit> HitsLost { get; init; } = [];
    public IReadOnlyList<HitChange> HitsChanged { get; init; } = [];
    public IReadOnlyList<FacetChange> FacetsChanged { get; init; } = [];
}

/// <summary>Compares a saved snapshot with a fresh one of the same search.</summary>
public static class SnapshotComparison
{
    public static SnapshotDifference Compare(SearchSnapshot before, SearchSnapshot now)
    {
        var (added, removed, edited) = Documents(before, now);
        var oldHits = ById(before.Hits);
        var newHits = ById(now.Hits);
        var gained = now.Hits.Where(h => !oldHits.ContainsKey(h.PassageId)).ToList();
        var lost = before.Hits.Where(h => !newHits.ContainsKey(h.PassageId)).ToList();
        var changed = new List<HitChange>();
        foreach (var hit in now.Hits)
        {
            if (oldHits.TryGetValue(hit.PassageId, out var old)
                && (old.Rank != hit.Rank || old.Score != hit.Score || old.TextHash != hit.TextHash || old.Citation != hit.Citation))
            {
                changed.Add(new HitChange(hit.PassageId, hit.DocId, old.Rank, hit.Rank, old.Score, hit.Score, old.TextHash != hit.TextHash, old.Citation != hit.Citation));
            }
        }

        var facets = Facets(before.Facets, now.Facets);
        var resultsSame = before.Total == now.Total && gained.Count == 0 && lost.Count == 0 && changed.Count == 0 && facets.Count == 0;
        return new SnapshotDifference
        {
            Identical = resultsSame && before.CorpusFingerprint == now.CorpusFingerprint,
            FingerprintBefore = before.CorpusFingerprint,
            FingerprintNow = now.CorpusFingerprint,
            ProductBefore = before.Product,
            ProductNow = now.Product,
            DocumentsComplete = before.DocumentsComplete,
            DocumentsAdded = added,
            DocumentsRemoved = removed,
            DocumentsEdited = edited,
            TotalBefore = before.Total,
            TotalNow = now.Total,
            ResultsSame = resultsSame,
            HitsGained = gained,
            HitsLost = lost,
            HitsChanged = changed,
            FacetsChanged = facets,
        };
    }

    private static Dictionary<string, SnapshotHit> ById(IEnumerable<SnapshotHit> hits)
    {
        var map = new Dictionary<string, SnapshotHit>(StringComparer.Ordinal);
        foreach (var hit in hits)
            map.TryAdd(hit.PassageId, hit);
        return map;
    }

    private static (List<SnapshotDocument> Added, List<SnapshotDocument> Removed, List<SnapshotDocument> Edited) Documents(SearchSnapshot before, SearchSnapshot now)
    {
        var old = new Dictionary<string, SnapshotDocument>(StringComparer.Ordinal);
        foreach (var doc in before.Documents)
            old.TryAdd(doc.DocId, doc);
        var current = new Dictionary<string, SnapshotDocument>(StringComparer.Ordinal);
        foreach (var doc in now.Documents)
            current.TryAdd(doc.DocId, doc);

        // A snapshot of a huge corpus lists only its hits' documents: then only those can be found removed or edited.
        var added = before.DocumentsComplete ? now.Documents.Where(d => !old.ContainsKey(d.DocId)).ToList() : [];
        var removed = before.Documents.Where(d => !current.ContainsKey(d.DocId)).ToList();
        var edited = now.Documents.Where(d => old.TryGetValue(d.DocId, out var o) && o.ContentHash != d.ContentHash).ToList();
        if (!now.DocumentsComplete)
        {
            // The fresh listing is partial too: a document of the old list missing from it may only be outside its hits.
            removed = [];
        }

        return (added, removed, edited);
    }

    private static List<FacetChange> Facets(FacetSet before, FacetSet now)
    {
        var changes = new List<FacetChange>();
        void One(string name, IReadOnlyList<FacetValue>? a, IReadOnlyList<FacetValue>? b)
        {
            var old = (a ?? []).GroupBy(v => v.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Count, StringComparer.Ordinal);
            var current = (b ?? []).GroupBy(v => v.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Count, StringComparer.Ordinal);
            foreach (var value in old.Keys.Union(current.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var x = old.GetValueOrDefault(value);
                var y = current.GetValueOrDefault(value);
                if (x != y)
                    changes.Add(new FacetChange(name, value, x, y));
            }
        }

        One("source", before.SourceType, now.SourceType);
        One("year", before.Year, now.Year);
        One("document", before.Document, now.Document);
        One("author", before.Author, now.Author);
        return changes;
    }
}
