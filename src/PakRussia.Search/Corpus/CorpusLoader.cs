namespace PakRussia.Search.Corpus;

/// <summary>
/// Reads a corpus folder: lists its files cheaply (<see cref="ListFiles"/>), loads them one at a time
/// (<see cref="Load"/> streams; the corpus is never held in memory) and explains every file it does not index
/// in the <c>skipped</c> collection. One bad file never stops a run and never throws out of the loader.
/// </summary>
public sealed class CorpusLoader
{
    private readonly CorpusOptions options;
    private readonly CorpusFileEnumerator enumerator;
    private readonly Dictionary<string, string> assignedIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> usedIds = new(StringComparer.Ordinal);
    private (string Path, string Fingerprint, CorpusManifest Manifest)? manifestCache;
    private (string Folder, string Real)? rootCache;

    public CorpusLoader(CorpusOptions? options = null)
    {
        this.options = options ?? new CorpusOptions();
        enumerator = new CorpusFileEnumerator(this.options);
    }

    /// <summary>
    /// The corpus's files in stable order (ordinal by relative path) with size and last-write time, plus the manifest's
    /// own entry (<see cref="CorpusFile.IsManifest"/>), without reading any file. Unsupported, empty, oversized files and
    /// bad links are added to <paramref name="skipped"/>. Throws <see cref="DirectoryNotFoundException"/> only when the
    /// corpus folder itself does not exist.
    /// </summary>
    public IReadOnlyList<CorpusFile> ListFiles(string corpusFolder, ICollection<SkippedFile> skipped) =>
        enumerator.List(corpusFolder, skipped);

    /// <summary>Streams the corpus's documents one at a time, in <see cref="ListFiles"/> order.</summary>
    public IEnumerable<IngestedDocument> Load(string corpusFolder, ICollection<SkippedFile> skipped)
    {
        var files = ListFiles(corpusFolder, skipped);
        ReportManifestProblems(corpusFolder, files, skipped);
        foreach (var file in files)
        {
            if (file.IsManifest)
            {
                continue;
            }

            var document = LoadFile(corpusFolder, file, skipped);
            if (document != null)
            {
                yield return document;
            }
        }
    }

    /// <summary>Loads one listed file; returns null (and adds the reason to <paramref name="skipped"/>) when it cannot be indexed.</summary>
    public IngestedDocument? LoadFile(string corpusFolder, CorpusFile file, ICollection<SkippedFile> skipped)
    {
        if (file.IsManifest)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = ReadBytes(corpusFolder, file.RelativePath);
        }
        catch (UnreadableFileException ex)
        {
            skipped.Add(new SkippedFile(file.RelativePath, ex.Message));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException)
        {
            // Our own words only: the runtime's text ("Stream does not support seeking.") means nothing to a reader.
            skipped.Add(new SkippedFile(file.RelativePath, CorpusFileEnumerator.CannotRead("cannot read", ex)));
            return null;
        }

        try
        {
            return Ingest(corpusFolder, file.RelativePath, bytes, skipped);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug in cleaning must cost one file, not the run.
            skipped.Add(new SkippedFile(file.RelativePath, $"could not be processed: {ex.GetType().Name}: {ex.Message}"));
            return null;
        }
    }

    private IngestedDocument? Ingest(string corpusFolder, string relativePath, byte[] bytes, ICollection<SkippedFile> skipped)
    {
        var decoded = TextDecoder.Decode(bytes, relativePath);
        if (decoded.IsSkipped)
        {
            skipped.Add(new SkippedFile(relativePath, decoded.SkipReason!));
            return null;
        }

        var warnings = new List<string>(decoded.Warnings);
        var text = TextSanitizer.Sanitize(decoded.Text!, relativePath, warnings);
        var extension = Path.GetExtension(relativePath).ToLowerInvariant();
        string? pageTitle = null;
        if (extension is ".html" or ".htm")
        {
            (text, pageTitle) = HtmlTextExtractor.Extract(text);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            skipped.Add(new SkippedFile(relativePath, "no visible text"));
            return null;
        }

        var manifest = GetManifest(corpusFolder);
        var described = manifest.TryGet(relativePath, out var metadata, out _);
        var layout = TextLayouts.Detect(text, extension is ".html" or ".htm" ? ".md" : extension);
        if (described && layout == TextLayout.Plain && metadata.SourceType == "news")
        {
            layout = TextLayout.News;
        }

        var blocks = DocumentPipeline.Clean(text, layout);
        if (!described)
        {
            var inferred = MetadataInference.Infer(relativePath, blocks, layout, pageTitle);
            metadata = inferred with { DocId = AssignId(relativePath, inferred.DocId, manifest) };
        }

        var hash = DocumentPipeline.ContentHash(bytes, metadata);
        return DocumentPipeline.Assemble(metadata, blocks, relativePath, hash, warnings);
    }

    private string AssignId(string relativePath, string wanted, CorpusManifest manifest)
    {
        if (assignedIds.TryGetValue(relativePath, out var id))
        {
            return id;
        }

        foreach (var reserved in manifest.AssignedDocIds)
        {
            usedIds.Add(reserved);
        }

        id = DocIds.MakeUnique(wanted, usedIds);
        assignedIds[relativePath] = id;
        return id;
    }

    private CorpusManifest GetManifest(string corpusFolder)
    {
        var path = Path.GetFullPath(Path.Combine(corpusFolder, options.ManifestFileName));
        string fingerprint;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return CorpusManifest.Empty;
            }

            fingerprint = $"{info.Length}:{info.LastWriteTimeUtc.Ticks}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CorpusManifest.Empty;
        }

        if (manifestCache is { } cached && cached.Path == path && cached.Fingerprint == fingerprint)
        {
            return cached.Manifest;
        }

        // Read as the documents are: only a regular file, and not through a link out of the corpus.
        CorpusManifest manifest;
        try
        {
            using var reader = new StreamReader(new MemoryStream(ReadBytes(corpusFolder, options.ManifestFileName)), detectEncodingFromByteOrderMarks: true);
            manifest = CorpusManifest.Parse(reader.ReadToEnd());
        }
        catch (UnreadableFileException ex)
        {
            manifest = CorpusManifest.Unreadable(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException)
        {
            manifest = CorpusManifest.Unreadable(CorpusFileEnumerator.CannotRead("cannot read", ex));
        }

        manifestCache = (path, fingerprint, manifest);
        return manifest;
    }

    private void ReportManifestProblems(string corpusFolder, IReadOnlyList<CorpusFile> files, ICollection<SkippedFile> skipped)
    {
        if (!files.Any(f => f.IsManifest))
        {
            return;
        }

        foreach (var problem in GetManifest(corpusFolder).Problems)
        {
            skipped.Add(new SkippedFile(options.ManifestFileName, problem));
        }
    }

    /// <summary>
    /// Reads one listed file whole. Opened without blocking (Linux: a named pipe swapped in after the listing opens at
    /// once), then checked on the open handle: it must be a regular file, and unless <see cref="CorpusOptions.FollowLinks"/>
    /// what was opened must lie inside the corpus folder's real path (a link swapped in during a build cannot escape).
    /// The bytes read must match the length at open. Any other outcome is an <see cref="UnreadableFileException"/>.
    /// </summary>
    private byte[] ReadBytes(string corpusFolder, string relativePath)
    {
        var path = Path.Combine(corpusFolder, relativePath);
        using var stream = OpenChecked(path);
        if (!options.FollowLinks)
        {
            // The handle's own path where the system tells it (Linux /proc); elsewhere, or without /proc, the path resolved
            // now (a narrower window than the listing's, not none).
            var opened = UnixFiles.OpenedPath(stream.SafeFileHandle) ?? UnixFiles.RealPath(path);
            if (opened is not null && !UnixFiles.IsInside(opened, RootOf(corpusFolder)))
            {
                throw new UnreadableFileException(CorpusFileEnumerator.LinkOutside);
            }
        }

        var length = stream.Length;
        if (length > options.MaxFileBytes)
        {
            throw new UnreadableFileException($"over the size limit ({length:N0} bytes > {options.MaxFileBytes:N0})");
        }

        using var memory = new MemoryStream((int)Math.Max(0, length));
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (memory.Length + read > options.MaxFileBytes)
            {
                throw new UnreadableFileException($"over the size limit (grew past {options.MaxFileBytes:N0} bytes while being read)");
            }

            memory.Write(buffer, 0, read);
        }

        if (memory.Length != length)
        {
            throw new UnreadableFileException("changed while it was read");
        }

        return memory.ToArray();
    }

    /// <summary>Opens a regular file for reading, or throws <see cref="UnreadableFileException"/> with the reason.</summary>
    private static FileStream OpenChecked(string path)
    {
        if (!UnixFiles.OpensThroughLibc)
        {
            var plain = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (!plain.CanSeek)
            {
                plain.Dispose();
                throw new UnreadableFileException("not a regular file");
            }

            return plain;
        }

        var handle = UnixFiles.Open(path, out var failure) ?? throw new UnreadableFileException(failure!);
        try
        {
            var type = UnixFiles.TypeOf(handle);
            if (type is { } known && known != UnixFiles.S_IFREG)
            {
                throw new UnreadableFileException(UnixFiles.NotRegular(known));
            }

            var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            if (type is null && !stream.CanSeek)
            {
                stream.Dispose();
                throw new UnreadableFileException("not a regular file");
            }

            return stream;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private string RootOf(string corpusFolder)
    {
        if (rootCache is { } cached && cached.Folder == corpusFolder)
        {
            return cached.Real;
        }

        var real = CorpusFileEnumerator.RealRoot(Path.GetFullPath(corpusFolder));
        rootCache = (corpusFolder, real);
        return real;
    }

    /// <summary>A file that is not read, with the reason in our own words.</summary>
    private sealed class UnreadableFileException(string reason) : IOException(reason);
}
