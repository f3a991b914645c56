using PakRussia.Search.Corpus;

namespace PakRussia.Search.Indexing;

/// <summary>A corpus folder as an <see cref="ICorpusSource"/>: files listed by size and time, read through the <see cref="CorpusLoader"/>.</summary>
public sealed class FolderCorpusSource(string folder, CorpusOptions? options = null) : ICorpusSource
{
    public const string DescriptionPrefix = "folder:";

    private readonly CorpusLoader _loader = new(options);
    private readonly Dictionary<string, CorpusFile> _listed = new(StringComparer.Ordinal);

    public string Folder { get; } = Path.GetFullPath(folder);

    public string Description => DescriptionPrefix + Folder;

    public CorpusListing List()
    {
        var skipped = new List<SkippedFile>();
        var files = _loader.ListFiles(Folder, skipped);
        _listed.Clear();
        var entries = new List<SourceFileEntry>();
        var shared = new List<string>();
        foreach (var file in files)
        {
            if (file.IsManifest)
            {
                shared.Add($"{file.RelativePath}={file.Fingerprint}");
                continue;
            }

            _listed[file.RelativePath] = file;
            entries.Add(new SourceFileEntry(file.RelativePath, file.Size, file.LastWriteUtcTicks));
        }

        return new CorpusListing(entries, string.Join(";", shared), skipped);
    }

    public IngestedDocument? Load(SourceFileEntry file, ICollection<SkippedFile> skipped) =>
        _listed.TryGetValue(file.Path, out var listed)
            ? _loader.LoadFile(Folder, listed, skipped)
            : _loader.LoadFile(Folder, new CorpusFile(file.Path, file.Size, file.Ticks), skipped);
}
