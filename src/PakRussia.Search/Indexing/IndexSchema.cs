using System.Globalization;

namespace PakRussia.Search.Indexing;

/// <summary>
/// What marks a folder as a PakRussia.Search index and which layout it has: keys in every commit's user data. A commit
/// without them is another program's index; one with another <see cref="Version"/> must be rebuilt.
/// </summary>
public static class IndexSchema
{
    /// <summary>User-data key naming the format; its value is <see cref="FormatName"/>.</summary>
    public const string FormatKey = "pakrussia.format";
    public const string FormatName = "pakrussia-lucene";

    /// <summary>User-data key of the layout version.</summary>
    public const string VersionKey = "pakrussia.schema";

    /// <summary>Bumped whenever the fields or their analysis change (3 was the last SQLite FTS5 layout).</summary>
    public const int Version = 7;

    /// <summary>A new id per commit: the generation that answered a search (X-Index-Generation).</summary>
    public const string GenerationKey = "pakrussia.generation";
    public const string BuiltAtKey = "pakrussia.built_at";
    /// <summary>Where the documents came from ("folder:/path" or "jsonl:/path").</summary>
    public const string SourceKey = "pakrussia.source";
    /// <summary>Hash of the corpus listing (every file's path, size and time, the manifest): equal means nothing to do.</summary>
    public const string CorpusFingerprintKey = "pakrussia.corpus_fingerprint";
    /// <summary>
    /// The corpus fingerprint users see and snapshots record (<see cref="ResultsFingerprint"/>: every document's id and
    /// content hash plus the settings that change results). Older commits lack it; it is then computed on open.
    /// </summary>
    public const string ResultsFingerprintKey = "pakrussia.results_fingerprint";
    /// <summary>Hash of the inputs every document depends on (the manifest): when it changes every file is read again.</summary>
    public const string SharedFingerprintKey = "pakrussia.shared_fingerprint";
    /// <summary>Files the last build skipped, as JSON (path and reason).</summary>
    public const string SkippedKey = "pakrussia.skipped";
    /// <summary>The indexed documents' per-file warnings (repairs), as a JSON array of strings.</summary>
    public const string WarningsKey = "pakrussia.warnings";
    public const string DocumentsKey = "pakrussia.documents";
    public const string PassagesKey = "pakrussia.passages";

    /// <summary>Most passages one document may have (ordinals are below it).</summary>
    public const int MaxPassagesPerDocument = 1 << 20;

    /// <summary>Throws <see cref="IndexException"/> unless <paramref name="userData"/> is one of our commits of this version.</summary>
    public static void Validate(IDictionary<string, string> userData, string path)
    {
        if (!userData.TryGetValue(FormatKey, out var format) || format != FormatName)
        {
            throw new IndexException($"{path} is not a PakRussia.Search index (another program's index, or an unfinished one). Rebuild it with: pakrussia index --rebuild");
        }

        var version = userData.TryGetValue(VersionKey, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        if (version != Version)
        {
            throw new IndexException($"{path} has index schema version {(version < 0 ? "unknown" : version.ToString(CultureInfo.InvariantCulture))}, this program needs {Version}. Rebuild it with: pakrussia index --rebuild");
        }
    }

    /// <summary>A date (yyyy-MM-dd) as the number yyyymmdd the numeric fields hold; 0 for none.</summary>
    public static int DateNumber(string? isoDay) =>
        isoDay is { Length: 10 } && int.TryParse(isoDay.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(isoDay.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(isoDay.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            ? y * 10_000 + m * 100 + d
            : 0;
}
