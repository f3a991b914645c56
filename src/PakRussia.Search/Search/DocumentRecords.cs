using System.Collections.Concurrent;
using System.Text.Json;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;

namespace PakRussia.Search.Search;

/// <summary>A document's record: its metadata, where it came from and how many passages it has.</summary>
public sealed record DocumentEntry(DocumentMetadata Metadata, string SourcePath, int PassageCount, IReadOnlyList<string> Warnings)
{
    /// <summary>The document's content hash (raw text, metadata, ingestion version): what the corpus fingerprint is over.</summary>
    public string? ContentHash { get; init; }
}

/// <summary>
/// The document records of one generation, read on demand (a term lookup and one stored document each) and kept for
/// the rest of the generation: hits, facet labels and citations need a document's metadata, and a page of results
/// names only a few documents, so nothing reads every record.
/// </summary>
internal sealed class DocumentRecords(IndexGeneration generation)
{
    /// <summary>Records kept per generation before the cache starts over (a generation of a huge corpus must not grow without end).</summary>
    public const int MaxCached = 100_000;

    private readonly ConcurrentDictionary<string, DocumentEntry?> _cache = new(StringComparer.Ordinal);
    private readonly Lock _orderGate = new();
    private int[]? _ordered;

    public DocumentEntry? Find(string docId)
    {
        if (_cache.TryGetValue(docId, out var cached))
        {
            return cached;
        }

        var entry = Searcher.FindDocIn(generation.IndexReader, new Term(IndexFields.RecordId, docId)) is { } doc ? Read(generation.Doc(doc)) : null;
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[docId] = entry;
        return entry;
    }

    public static DocumentEntry Read(Lucene.Net.Documents.Document stored)
    {
        var metadata = new DocumentMetadata
        {
            DocId = stored.Get(IndexFields.DocId) ?? "",
            Title = stored.Get(IndexFields.DocumentTitle) ?? "",
            SourceType = stored.Get(IndexFields.SourceType) ?? "",
            Site = stored.Get(IndexFields.Site),
            Author = stored.Get(IndexFields.AuthorName),
            Date = stored.Get(IndexFields.Date),
            DatePrecision = stored.Get(IndexFields.DatePrecision) switch
            {
                "year" => DatePrecision.Year,
                "month" => DatePrecision.Month,
                "day" => DatePrecision.Day,
                _ => null,
            },
            DateEvidence = stored.Get(IndexFields.DateEvidence),
            Url = stored.Get(IndexFields.Url),
            Inferred = PassageRecord.Int(stored, IndexFields.Inferred) == 1,
        };
        var warnings = stored.Get(IndexFields.Warnings) is { } json ? JsonSerializer.Deserialize(json, StoredJson.Default.ListString) ?? [] : [];
        return new DocumentEntry(metadata, stored.Get(IndexFields.SourcePath) ?? "", PassageRecord.Int(stored, IndexFields.PassageCount) ?? 0, warnings)
        {
            ContentHash = stored.Get(IndexFields.DocumentHash),
        };
    }

    /// <summary>How many documents the generation holds.</summary>
    public int Count => (int)generation.Commit.Count(IndexSchema.DocumentsKey);

    /// <summary>The records in corpus order (the listing or import order), <paramref name="count"/> of them after <paramref name="offset"/>.</summary>
    public IReadOnlyList<DocumentEntry> Page(long offset, int count)
    {
        var ordered = Ordered();
        var page = new List<DocumentEntry>();
        for (var i = offset; i < ordered.Length && page.Count < count; i++)
        {
            var entry = Read(generation.Doc(ordered[(int)i]));
            page.Add(entry);
        }

        return page;
    }

    /// <summary>Every live record's document number, by corpus order then id (once per generation: an int per document).</summary>
    private int[] Ordered()
    {
        lock (_orderGate)
        {
            if (_ordered is not null)
            {
                return _ordered;
            }

            var records = new List<(long Order, int Doc)>();
            var term = new Term(IndexFields.Type, IndexFields.DocumentType);
            foreach (var leaf in generation.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                var docs = reader.GetTermDocsEnum(term);
                if (docs is null)
                {
                    continue;
                }

                var order = reader.GetNumericDocValues(IndexFields.Order);
                var live = reader.LiveDocs;
                while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    var doc = docs.DocID;
                    if (live is not null && !live.Get(doc))
                    {
                        continue;
                    }

                    records.Add((order?.Get(doc) ?? 0, leaf.DocBase + doc));
                }
            }

            _ordered = records.OrderBy(r => r.Order).ThenBy(r => r.Doc).Select(r => r.Doc).ToArray();
            return _ordered;
        }
    }
}
