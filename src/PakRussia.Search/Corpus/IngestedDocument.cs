using PakRussia.Search.Passages;

namespace PakRussia.Search.Corpus;

/// <summary>A document after reading, cleaning and splitting: what the indexer stores.</summary>
public sealed record IngestedDocument
{
    public required DocumentMetadata Metadata { get; init; }
    /// <summary>Path relative to the corpus folder (or "jsonl:{file}#{line}" for imported records).</summary>
    public required string SourcePath { get; init; }
    /// <summary>The cleaned text that passage offsets point into.</summary>
    public required string CleanText { get; init; }
    public required IReadOnlyList<Passage> Passages { get; init; }
    /// <summary>Hash of the raw input plus the metadata: changes when either changes.</summary>
    public required string ContentHash { get; init; }
    /// <summary>Things the reader repaired, e.g. invalid UTF-8 bytes replaced.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>A file the corpus reader did not index, and why.</summary>
public sealed record SkippedFile(string Path, string Reason);
