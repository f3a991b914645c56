using PakRussia.Search.Corpus;

namespace PakRussia.Search.Indexing;

/// <summary>Where an incremental build reads documents from: a corpus folder, listed cheaply, loaded one file at a time.</summary>
public interface ICorpusSource
{
    /// <summary>A short description for messages ("folder seeds/").</summary>
    string Description { get; }

    /// <summary>Lists the source's files with cheap fingerprints (no file is read).</summary>
    CorpusListing List();

    /// <summary>Reads, cleans and splits one listed file; null (with a reason added to <paramref name="skipped"/>) when it cannot.</summary>
    IngestedDocument? Load(SourceFileEntry file, ICollection<SkippedFile> skipped);
}

/// <summary>A file's identity for change detection.</summary>
public sealed record SourceFileEntry(string Path, long Size, long Ticks);

/// <summary>
/// What a corpus holds right now. <see cref="SharedFingerprint"/> covers inputs that affect every document
/// (the metadata manifest): when it changes, every document is re-read and compared by content hash.
/// </summary>
public sealed record CorpusListing(IReadOnlyList<SourceFileEntry> Files, string SharedFingerprint, IReadOnlyList<SkippedFile> Skipped);
