namespace PakRussia.Search.Corpus;

/// <summary>
/// Lists a corpus folder recursively in a stable order (ordinal by relative path) without reading any file.
/// Follows a symbolic link only when its fully resolved target stays inside the corpus folder's real path (whole path
/// components compared), unless <see cref="CorpusOptions.FollowLinks"/>; a link out, a link loop, a dangling link, an
/// unreadable folder, an unsupported type, a file that is not a regular file, an empty or oversized file becomes a
/// <see cref="SkippedFile"/> — nothing here throws for a bad entry.
/// </summary>
internal sealed class CorpusFileEnumerator(CorpusOptions options)
{
    /// <summary>The link skip reason (also used when a file opened during a build turns out to be outside).</summary>
    public const string LinkOutside = "link points outside the corpus (--follow-links allows it)";

    /// <summary>The corpus folder's real path (the folder itself may be reached through links): what "inside" means.</summary>
    public static string RealRoot(string corpusFolder) =>
        UnixFiles.RealPath(corpusFolder) ?? Normalise(corpusFolder);

    public List<CorpusFile> List(string corpusFolder, ICollection<SkippedFile> skipped)
    {
        var root = new DirectoryInfo(Path.GetFullPath(corpusFolder));
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"corpus folder not found: {corpusFolder}");
        }

        var files = new List<CorpusFile>();
        var found = new List<SkippedFile>();
        var rootReal = RealRoot(root.FullName);
        var visited = new HashSet<string>(StringComparer.Ordinal) { rootReal };
        Walk(root, "", new Context(rootReal, visited, files, found));

        foreach (var skip in found.OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            skipped.Add(skip);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    private sealed record Context(string RootReal, HashSet<string> Visited, List<CorpusFile> Files, List<SkippedFile> Skipped);

    private void Walk(DirectoryInfo folder, string prefix, Context context)
    {
        var skipped = context.Skipped;
        FileSystemInfo[] entries;
        try
        {
            entries = folder.GetFileSystemInfos();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            skipped.Add(new SkippedFile(prefix.Length == 0 ? "." : prefix.TrimEnd('/'), CannotRead("cannot read folder", ex)));
            return;
        }

        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var relative = prefix + entry.Name;
            try
            {
                Visit(entry, relative, context);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                skipped.Add(new SkippedFile(relative, CannotRead("cannot read", ex)));
            }
        }
    }

    /// <summary>Our own words for a listing failure (never the runtime's exception text).</summary>
    internal static string CannotRead(string what, Exception ex) => ex switch
    {
        UnauthorizedAccessException or System.Security.SecurityException => $"{what}: permission denied",
        FileNotFoundException or DirectoryNotFoundException => "file disappeared before it could be read",
        _ => what,
    };

    private void Visit(FileSystemInfo entry, string relative, Context context)
    {
        var (rootReal, visited, files, skipped) = context;
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
            catch (IOException)
            {
                skipped.Add(new SkippedFile(relative, "symbolic link loop or unresolvable link"));
                return;
            }

            if (resolved == null || !resolved.Exists)
            {
                skipped.Add(new SkippedFile(relative, $"dangling symbolic link (target {entry.LinkTarget} does not exist)"));
                return;
            }

            // Where the link really leads, every link on the way resolved (a link inside may point at a link out).
            var real = UnixFiles.RealPath(entry.FullName);
            if (real is null)
            {
                skipped.Add(new SkippedFile(relative, "symbolic link loop or unresolvable link"));
                return;
            }

            if (!options.FollowLinks && !UnixFiles.IsInside(real, rootReal))
            {
                skipped.Add(new SkippedFile(relative, LinkOutside));
                return;
            }

            target = resolved;
        }

        if (target is DirectoryInfo directory)
        {
            if (!visited.Add(UnixFiles.RealPath(directory.FullName) ?? Normalise(directory.FullName)))
            {
                skipped.Add(new SkippedFile(relative, "symbolic link loop (folder already visited)"));
                return;
            }

            Walk(directory, relative + "/", context);
            return;
        }

        var file = (FileInfo)target;
        if (relative == options.ManifestFileName)
        {
            files.Add(new CorpusFile(relative, file.Length, file.LastWriteTimeUtc.Ticks) { IsManifest = true });
            return;
        }

        if (relative == options.AliasesFileName)
        {
            return; // the alias list, read at query time (Querying/Aliases): not a document, and editing it needs no rebuild
        }

        var extension = Path.GetExtension(relative);
        if (!options.Extensions.Contains(extension))
        {
            skipped.Add(new SkippedFile(relative, $"unsupported type ({(extension.Length == 0 ? "no extension" : extension)})"));
            return;
        }

        if (file.Length == 0)
        {
            // A named pipe, socket or device lists as an empty file: name what it is (reading it is refused anyway).
            if (UnixFiles.TypeOf(file.FullName) is { } type && type != UnixFiles.S_IFREG)
            {
                skipped.Add(new SkippedFile(relative, UnixFiles.NotRegular(type)));
                return;
            }

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
