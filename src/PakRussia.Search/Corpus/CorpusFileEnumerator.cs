namespace PakRussia.Search.Corpus;

/// <summary>
/// Lists a corpus folder recursively in a stable order (ordinal by relative path) without reading any file.
/// Follows symbolic links once; a link loop, a dangling link, an unreadable folder, an unsupported type,
/// an empty or oversized file becomes a <see cref="SkippedFile"/> — nothing here throws for a bad entry.
/// </summary>
internal sealed class CorpusFileEnumerator(CorpusOptions options)
{
    public List<CorpusFile> List(string corpusFolder, ICollection<SkippedFile> skipped)
    {
        var root = new DirectoryInfo(Path.GetFullPath(corpusFolder));
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"corpus folder not found: {corpusFolder}");
        }

        var files = new List<CorpusFile>();
        var found = new List<SkippedFile>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { Normalise(root.FullName) };
        Walk(root, "", visited, files, found);

        foreach (var skip in found.OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            skipped.Add(skip);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    private void Walk(DirectoryInfo folder, string prefix, HashSet<string> visited, List<CorpusFile> files, List<SkippedFile> skipped)
    {
        FileSystemInfo[] entries;
        try
        {
            entries = folder.GetFileSystemInfos();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            skipped.Add(new SkippedFile(prefix.Length == 0 ? "." : prefix.TrimEnd('/'), $"cannot read folder: {ex.Message}"));
            return;
        }

        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var relative = prefix + entry.Name;
            try
            {
                Visit(entry, relative, visited, files, skipped);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                skipped.Add(new SkippedFile(relative, $"cannot read: {ex.Message}"));
            }
        }
    }

    private void Visit(FileSystemInfo entry, string relative, HashSet<string> visited, List<CorpusFile> files, List<SkippedFile> skipped)
    {
        if (entry.Name.StartsWith('.'))
        {
            skipped.Add(new SkippedFile(relative, "hidden file or folder"));
            return;
        }

        var target = entry;
        if (entry.LinkTarget != null)
        {
            FileSystemInfo? resolved;
            try
            {
                resolved = entry.ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException ex)
            {
                skipped.Add(new SkippedFile(relative, $"symbolic link loop or unresolvable link ({ex.Message})"));
                return;
            }

            if (resolved == null || !resolved.Exists)
            {
                skipped.Add(new SkippedFile(relative, $"dangling symbolic link (target {entry.LinkTarget} does not exist)"));
                return;
            }

            target = resolved;
        }

        if (target is DirectoryInfo directory)
        {
            if (!visited.Add(Normalise(directory.FullName)))
            {
                skipped.Add(new SkippedFile(relative, "symbolic link loop (folder already visited)"));
                return;
            }

            Walk(directory, relative + "/", visited, files, skipped);
            return;
        }

        var file = (FileInfo)target;
        if (relative == options.ManifestFileName)
        {
            files.Add(new CorpusFile(relative, file.Length, file.LastWriteTimeUtc.Ticks) { IsManifest = true });
            return;
        }

        var extension = Path.GetExtension(relative);
        if (!options.Extensions.Contains(extension))
        {
            skipped.Add(new SkippedFile(relative, $"unsupported type ({(extension.Length == 0 ? "no extension" : extension)})"));
            return;
        }

        if (file.Length == 0)
        {
            skipped.Add(new SkippedFile(relative, "empty file"));
            return;
        }

        if (file.Length > options.MaxFileBytes)
        {
            skipped.Add(new SkippedFile(relative, $"over the size limit ({file.Length:N0} bytes > {options.MaxFileBytes:N0})"));
            return;
        }

        files.Add(new CorpusFile(relative, file.Length, file.LastWriteTimeUtc.Ticks));
    }

    private static string Normalise(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
