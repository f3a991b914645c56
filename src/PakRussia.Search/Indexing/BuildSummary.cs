using PakRussia.Search.Corpus;

namespace PakRussia.Search.Indexing;

/// <summary>What a build did.</summary>
public sealed record BuildSummary
{
    public required bool UpToDate { get; init; }
    public int Added { get; init; }
    public int Updated { get; init; }
    public int Removed { get; init; }
    public int Unchanged { get; init; }
    public long Documents { get; init; }
    public long Passages { get; init; }
    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];
    /// <summary>Per-file warnings of the indexed documents ("bad.txt: 8 invalid byte sequences replaced …"), in corpus order.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Files a build killed before its commit had left in the index folder, removed by this one.</summary>
    public int LeftoversRemoved { get; init; }
    public TimeSpan Elapsed { get; init; }
}

/// <summary>Progress of a build: files (or records) done out of a total (0 when unknown).</summary>
public readonly record struct BuildProgress(long Done, long Total, string Current);

/// <summary>Options for a build.</summary>
public sealed record BuildOptions
{
    /// <summary>Build from scratch even when an index exists.</summary>
    public bool Rebuild { get; init; }

    /// <summary>Merge a full build into one segment at the end (smaller, faster index; costs build time).</summary>
    public bool Optimize { get; init; } = true;

    /// <summary>Threads that add documents to the index at once (Lucene's writer takes them in parallel). Default: one per core.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Called after each document; an exception thrown here aborts the build and leaves the old index in place.</summary>
    public IProgress<BuildProgress>? Progress { get; init; }

    /// <summary>How long to wait for another build of the same index to finish.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Tests: flush a segment every this many Lucene documents (with <see cref="Optimize"/> off, an index of several
    /// segments, as a large or updated corpus has, built the same way every time). Null: flush by memory used.
    /// </summary>
    internal int? FlushEveryDocuments { get; init; }
}
