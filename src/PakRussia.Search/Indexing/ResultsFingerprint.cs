using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using PakRussia.Search.Corpus;

namespace PakRussia.Search.Indexing;

/// <summary>One document of a generation as the corpus fingerprint sees it: its id, title and content hash.</summary>
public sealed record FingerprintedDocument(string DocId, string Title, string ContentHash);

/// <summary>
/// The corpus fingerprint users see ("sha256:" and 16 hex digits): a hash over every document of a generation (its id
/// and content hash, which covers the raw text, the metadata and the ingestion version) and the settings that change
/// results (<see cref="Settings"/>). Two generations with the same fingerprint answer every search the same way (with the
/// same program). Not the cheap listing hash of the up-to-date check (<see cref="IndexSchema.CorpusFingerprintKey"/>,
/// sizes and times): touching a file changes that one, not this one.
/// </summary>
public static class ResultsFingerprint
{
    public const string Prefix = "sha256:";

    /// <summary>The fingerprint of an index without documents (still over the settings).</summary>
    public static string Empty => Of([]);

    /// <summary>
    /// What else decides results besides the documents: the schema version, the ingestion version, the analysis chain
    /// and the similarity with its parameters.
    /// </summary>
    public static string Settings { get; } = BuildSettings();

    private static string BuildSettings()
    {
        var bm25 = new BM25Similarity();
        return string.Join('\n',
            $"schema={IndexSchema.Version}",
            $"ingest={DocumentPipeline.Version}",
            $"analysis=apostrophes>StandardTokenizer>EnglishPossessive>LowerCase>ASCIIFolding>Porter;lucene={Analysis.PassageAnalyzer.Version}",
            string.Create(CultureInfo.InvariantCulture, $"similarity=BM25(k1={bm25.K1},b={bm25.B})"));
    }

    /// <summary>The fingerprint over <paramref name="documents"/> (any order) and <see cref="Settings"/>.</summary>
    public static string Of(IEnumerable<(string DocId, string ContentHash)> documents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(Settings));
        hash.AppendData("\n\n"u8);
        foreach (var (id, contentHash) in documents.OrderBy(d => d.DocId, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(id));
            hash.AppendData("\t"u8);
            hash.AppendData(Encoding.UTF8.GetBytes(contentHash));
            hash.AppendData("\n"u8);
        }

        return Prefix + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>The value of a record's <see cref="IndexFields.RecordKey"/> doc value.</summary>
    public static string RecordKey(string docId, string contentHash) => docId + "\0" + contentHash;

    /// <summary>
    /// The fingerprint of every live document record <paramref name="reader"/> holds, from the records' doc values (a
    /// column read, no stored fields); a record written before they existed is read from its stored fields.
    /// </summary>
    public static string Compute(IndexReader reader)
    {
        var documents = new List<(string, string)>();
        var term = new Term(IndexFields.Type, IndexFields.DocumentType);
        var scratch = new Lucene.Net.Util.BytesRef();
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var docs = atomic.GetTermDocsEnum(term);
            if (docs is null)
            {
                continue;
            }

            var keys = atomic.GetBinaryDocValues(IndexFields.RecordKey);
            var live = atomic.LiveDocs;
            while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                var doc = docs.DocID;
                if (live is not null && !live.Get(doc))
                {
                    continue;
                }

                keys?.Get(doc, scratch);
                var key = keys is null ? "" : scratch.Utf8ToString();
                var split = key.IndexOf('\0', StringComparison.Ordinal);
                if (split > 0)
                {
                    documents.Add((key[..split], key[(split + 1)..]));
                }
                else
                {
                    var stored = atomic.Document(doc, IdAndHash);
                    documents.Add((stored.Get(IndexFields.DocId) ?? "", stored.Get(IndexFields.DocumentHash) ?? ""));
                }
            }
        }

        return Of(documents);
    }

    private static readonly ISet<string> IdAndHash = new HashSet<string> { IndexFields.DocId, IndexFields.DocumentHash };
    private static readonly ISet<string> IdTitleAndHash = new HashSet<string> { IndexFields.DocId, IndexFields.DocumentHash, IndexFields.DocumentTitle };

    /// <summary>Every live document record of <paramref name="reader"/> (only the fields named are read), in id order.</summary>
    public static IReadOnlyList<FingerprintedDocument> Documents(IndexReader reader)
    {
        var documents = new List<FingerprintedDocument>();
        var term = new Term(IndexFields.Type, IndexFields.DocumentType);
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var docs = atomic.GetTermDocsEnum(term);
            if (docs is null)
            {
                continue;
            }

            var live = atomic.LiveDocs;
            while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                if (live is not null && !live.Get(docs.DocID))
                {
                    continue;
                }

                var stored = atomic.Document(docs.DocID, IdTitleAndHash);
                documents.Add(new FingerprintedDocument(stored.Get(IndexFields.DocId) ?? "", stored.Get(IndexFields.DocumentTitle) ?? "",
                    stored.Get(IndexFields.DocumentHash) ?? ""));
            }
        }

        documents.Sort((a, b) => string.CompareOrdinal(a.DocId, b.DocId));
        return documents;
    }
}
