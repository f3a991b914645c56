using Lucene.Net.Codecs;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using PakRussia.Search.Indexing;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Search;

/// <summary>
/// One commit of the index, open for searching: Lucene's <see cref="IndexSearcher"/> over that commit's reader, with
/// what belongs to the commit rather than to a query (its id, counts, vocabulary, the document records read so far).
/// A request acquires one generation and answers wholly from it, so a rebuild mid-request never mixes two.
/// </summary>
public sealed class IndexGeneration : IndexSearcher
{
    /// <summary>Indexes up to this size have every file's checksum verified when a generation is opened.</summary>
    public const long VerifyAllBelowBytes = 64L * 1024 * 1024;

    internal IndexGeneration(DirectoryReader reader, string path) : base(reader)
    {
        Similarity = new BM25Similarity();
        var commit = reader.IndexCommit;
        IndexSchema.Validate(commit.UserData, path);
        Commit = new IndexCommitInfo(commit.Generation, new Dictionary<string, string>(commit.UserData));
        Path = path;
        Verify(reader);
        Vocabulary = new IndexVocabulary(reader);
        Records = new DocumentRecords(this);
        SearchablePassages = new CachingWrapperFilter(new QueryWrapperFilter(new TermQuery(new Term(IndexFields.Searchable, "1"))));
        _corpusFingerprint = new Lazy<string>(() =>
            Commit.UserData.TryGetValue(IndexSchema.ResultsFingerprintKey, out var stored) && stored.StartsWith(ResultsFingerprint.Prefix, StringComparison.Ordinal)
                ? stored
                : ResultsFingerprint.Compute(reader));
        _sources = new Lazy<FacetValueOrdinals>(() => new FacetValueOrdinals(reader, IndexFields.Source));
        _documents = new Lazy<FacetValueOrdinals>(() => new FacetValueOrdinals(reader, IndexFields.DocId));
        _authors = new Lazy<FacetValueOrdinals>(() => new FacetValueOrdinals(reader, IndexFields.Author));
    }

    public string Path { get; }

    public IndexCommitInfo Commit { get; }

    /// <summary>The generation id (one per build), sent as X-Index-Generation.</summary>
    public string Id => Commit.Id;

    public IndexVocabulary Vocabulary { get; }

    private readonly Lazy<string> _corpusFingerprint;

    /// <summary>
    /// The corpus fingerprint (<see cref="ResultsFingerprint"/>), from the commit; an index built before it was recorded
    /// has it computed from its document records once, on first use.
    /// </summary>
    public string CorpusFingerprint => _corpusFingerprint.Value;

    internal DocumentRecords Records { get; }

    /// <summary>The passages a search may return (not headings, not word-for-word repeats), cached per segment.</summary>
    public Filter SearchablePassages { get; }

    private readonly Lazy<FacetValueOrdinals> _sources, _documents, _authors;

    /// <summary>
    /// Document ids' ordinals across the segments (Lucene's ordinal map), for ranking ties by document id; null when the
    /// generation has one segment, whose ordinals are already global. Built once per generation, on first use.
    /// </summary>
    public MultiDocValues.OrdinalMap? DocumentOrdinals => _documents.Value.Mapping;

    /// <summary>The source types, document ids and authors numbered across the segments, for counting facets.</summary>
    internal FacetValueOrdinals SourceValues => _sources.Value;

    internal FacetValueOrdinals DocumentValues => _documents.Value;

    internal FacetValueOrdinals AuthorValues => _authors.Value;

    /// <summary>
    /// Lucene 4.8 checksums every file; here they are verified when the generation is opened, for indexes small enough
    /// that reading every byte costs little, so a damaged file is reported before it answers wrongly. Larger indexes
    /// have every file's footer checked (its last 16 bytes: a truncated, zeroed or overwritten end is found at once);
    /// <c>pakrussia index --check</c> reads every byte of any size.
    /// </summary>
    private static void Verify(DirectoryReader reader)
    {
        long bytes = 0;
        foreach (var leaf in reader.Leaves)
        {
            if (leaf.AtomicReader is SegmentReader segment)
            {
                bytes += segment.SegmentInfo.GetSizeInBytes();
            }
        }

        if (bytes > VerifyAllBelowBytes)
        {
            VerifyFooters(reader);
            return;
        }

        foreach (var leaf in reader.Leaves)
        {
            leaf.AtomicReader.CheckIntegrity();
        }
    }

    /// <summary>Checks the footer (codec magic, algorithm, checksum present) of every file the commit uses.</summary>
    internal static void VerifyFooters(DirectoryReader reader)
    {
        var directory = reader.Directory;
        foreach (var file in reader.IndexCommit.FileNames)
        {
            if (file == IndexFileNames.SEGMENTS_GEN)
            {
                continue; // the generation hint carries no footer
            }

            using var input = directory.OpenInput(file, IOContext.READ_ONCE);
            if (input.Length < CodecUtil.FooterLength())
            {
                throw new CorruptIndexException($"{file} is shorter than its footer");
            }

            CodecUtil.RetrieveChecksum(input);
        }
    }
}
