namespace PakRussia.Search.Corpus;

/// <summary>Settings for reading a corpus folder.</summary>
public sealed record CorpusOptions
{
    /// <summary>Files larger than this are skipped (default 20 MB).</summary>
    public long MaxFileBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>Name of the metadata manifest inside the corpus folder; it is never read as a document.</summary>
    public string ManifestFileName { get; init; } = "manifest.json";

    /// <summary>The alias list at the top of the corpus folder: searches read it, the indexer leaves it out.</summary>
    public string AliasesFileName { get; init; } = DefaultAliasesFileName;

    public const string DefaultAliasesFileName = "aliases.txt";

    /// <summary>
    /// Follow symbolic links whose target lies outside the corpus folder (default false: such a link is skipped with
    /// the reason "link points outside the corpus"). Links that stay inside the folder are always followed.
    /// </summary>
    public bool FollowLinks { get; init; }

    /// <summary>Extensions (lower-case, with the dot) that are read as documents.</summary>
    public IReadOnlySet<string> Extensions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".html", ".htm" };
}
