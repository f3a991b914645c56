namespace PakRussia.Search.Corpus;

/// <summary>
/// A cheap fingerprint of one file in the corpus folder, taken without reading it: enough for the indexer
/// to tell whether anything changed since the last build.
/// </summary>
/// <param name="RelativePath">Path relative to the corpus folder, '/'-separated.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="LastWriteUtcTicks">Last write time (UTC ticks).</param>
public sealed record CorpusFile(string RelativePath, long Size, long LastWriteUtcTicks)
{
    /// <summary>True for the metadata manifest itself (listed so that its changes are seen; it is not a document).</summary>
    public bool IsManifest { get; init; }

    /// <summary>"{size}:{ticks}", the part of the fingerprint that changes with the file.</summary>
    public string Fingerprint => $"{Size}:{LastWriteUtcTicks}";
}
