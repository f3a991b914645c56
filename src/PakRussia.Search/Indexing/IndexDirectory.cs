using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Directory = System.IO.Directory;

namespace PakRussia.Search.Indexing;

/// <summary>What an index folder's latest commit says about itself.</summary>
/// <param name="Generation">Lucene's commit generation (segments_N).</param>
/// <param name="UserData">Our keys (<see cref="IndexSchema"/>): schema, generation id, fingerprints, counts.</param>
public sealed record IndexCommitInfo(long Generation, IReadOnlyDictionary<string, string> UserData)
{
    /// <summary>The files the commit uses (its segments_N included), when it was read from the folder; empty otherwise.</summary>
    public IReadOnlySet<string> Files { get; init; } = new HashSet<string>();

    public string Id => UserData.GetValueOrDefault(IndexSchema.GenerationKey, "");

    public long Count(string key) => long.TryParse(UserData.GetValueOrDefault(key), out var n) ? n : 0;
}

/// <summary>
/// Opening index folders: telling a missing index from a folder that is not ours, another schema version, or a damaged
/// one, and turning every Lucene failure into an <see cref="IndexException"/> with a message saying what to do. No
/// exception text of the library reaches a user.
/// </summary>
public static partial class IndexDirectory
{
    /// <summary>The message ending every "rebuild" problem.</summary>
    public const string RebuildHint = "Rebuild it with: pakrussia index --rebuild";

    /// <summary>Opens the folder as a Lucene directory (memory-mapped; nothing is created or locked).</summary>
    public static FSDirectory Open(string path) => FSDirectory.Open(new DirectoryInfo(path));

    /// <summary>
    /// Opens the folder for a build: plain positional reads instead of memory maps, so the segments a merge reads (the
    /// whole index, for the final merge of a full build) pass through the page cache without becoming part of the
    /// builder's resident memory. Searches keep the memory-mapped <see cref="Open"/>.
    /// </summary>
    public static FSDirectory OpenForWriting(string path) => new NIOFSDirectory(new DirectoryInfo(path));

    /// <summary>
    /// The latest commit of the index at <paramref name="path"/>, validated as ours and of this schema; null when there
    /// is no index there yet (no folder, an empty one, or the leftovers of a first build that never committed).
    /// </summary>
    public static IndexCommitInfo? ReadCommit(string path)
    {
        if (File.Exists(path))
        {
            throw new IndexException($"{path} is a file, not an index folder (an index is a folder; versions before 2026-12 kept the index in one file). "
                + "Move it away, or choose another folder with --index, then run: pakrussia index --rebuild");
        }

        if (!Directory.Exists(path))
        {
            return null;
        }

        try
        {
            using var directory = Open(path);
            var infos = new SegmentInfos();
            infos.Read(directory);
            IndexSchema.Validate(infos.UserData, path);
            return new IndexCommitInfo(infos.Generation, new Dictionary<string, string>(infos.UserData))
            {
                Files = infos.GetFiles(directory, true).ToHashSet(StringComparer.Ordinal),
            };
        }
        catch (IndexNotFoundException)
        {
            if (HoldsOnlyIndexFiles(path))
            {
                return null;
            }

            throw new IndexException($"{path} is not an index: the folder holds other files. Choose an empty folder with --index.");
        }
        catch (Exception ex) when (Damage(ex, path) is { } damaged)
        {
            throw damaged;
        }
    }

    /// <summary>True when the folder holds a valid index of this version.</summary>
    public static bool IsUsable(string path, out string? problem)
    {
        try
        {
            if (ReadCommit(path) is null)
            {
                problem = $"No index at {path}. Build it with: pakrussia index";
                return false;
            }

            problem = null;
            return true;
        }
        catch (IndexException ex)
        {
            problem = ex.Message;
            return false;
        }
    }

    /// <summary>True when the folder has a commit (of any kind); false for a missing, empty or never-committed folder.</summary>
    public static bool HasCommit(string path)
    {
        if (!Directory.Exists(path))
        {
            return false;
        }

        try
        {
            using var directory = Open(path);
            return DirectoryReader.IndexExists(directory);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// An <see cref="IndexException"/> for a Lucene failure that means the index is damaged or unreadable (corrupt,
    /// truncated or missing files); null for anything else.
    /// </summary>
    public static IndexException? Damage(Exception ex, string path) => ex switch
    {
        IndexException or LockObtainFailedException => null,
        CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException
            => new IndexException($"{path} is damaged: a file of the index is corrupt, truncated or of an unknown format. {RebuildHint}", ex),
        FileNotFoundException or DirectoryNotFoundException
            => new IndexException($"{path} is damaged or was removed: a file the index needs is missing. {RebuildHint}", ex),
        IOException
            => new IndexException($"{path} cannot be read: a file of the index could not be opened or read. {RebuildHint}", ex),
        _ when ThrownByLucene(ex)
            => new IndexException($"{path} is damaged: the index cannot be read. {RebuildHint}", ex),
        _ => null,
    };

    /// <summary>True for the failures that mean the index's bytes are wrong (not a lock, a permission or a full disk).</summary>
    public static bool IsCorruption(Exception ex) =>
        ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException;

    /// <summary>
    /// True when opening a writer over the folder failed because its commit cannot be read (random bytes, a torn or
    /// foreign file): every kind Lucene throws for that — not only its corruption exceptions but a bare "read past EOF"
    /// IOException or an overflow on a nonsense length — and never a lock held by another build.
    /// </summary>
    public static bool IsUnreadableCommit(Exception ex) =>
        IsCorruption(ex) || (ex is IOException and not LockObtainFailedException) || (ex is not IOException && ThrownByLucene(ex));

    /// <summary>True when the exception was thrown inside Lucene.Net (reading an index whose bytes are not what they should be).</summary>
    private static bool ThrownByLucene(Exception ex) =>
        ex is not (OperationCanceledException or OutOfMemoryException)
        && ex.TargetSite?.DeclaringType?.Assembly.GetName().Name?.StartsWith("Lucene.Net", StringComparison.Ordinal) == true;

    /// <summary>Lucene's file names: segments, lock, and the per-segment files (<c>_0.cfs</c>, <c>_1_Lucene41_0.tim</c>, …).</summary>
    [GeneratedRegex(@"^(segments(_[0-9a-z]+)?|segments\.gen|write\.lock|_[0-9a-z]+(_[^.]*)?\.[a-z0-9]+)$")]
    private static partial Regex IndexFileName();

    /// <summary>True when every file in the folder is a Lucene index file (so writing an index there loses nothing).</summary>
    public static bool HoldsOnlyIndexFiles(string path) =>
        Directory.EnumerateFileSystemEntries(path).All(f => File.Exists(f) && IndexFileName().IsMatch(Path.GetFileName(f)));

    /// <summary>
    /// Index files in the folder that the latest commit does not use: what a build killed before its commit leaves (all
    /// of them when there is no commit yet). The next writer removes them; segments.gen and the write lock are not counted.
    /// </summary>
    public static IReadOnlyList<string> Leftovers(string path)
    {
        if (!Directory.Exists(path))
        {
            return [];
        }

        try
        {
            var used = new HashSet<string>(StringComparer.Ordinal) { IndexFileNames.SEGMENTS_GEN, IndexWriter.WRITE_LOCK_NAME };
            using (var directory = Open(path))
            {
                if (DirectoryReader.IndexExists(directory))
                {
                    var infos = new SegmentInfos();
                    infos.Read(directory);
                    used.UnionWith(infos.GetFiles(directory, true));
                }
            }

            return Unused(path, used);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException || Damage(ex, path) is not null)
        {
            return []; // a damaged commit is reported where the index is opened
        }
    }

    /// <summary>
    /// <see cref="Leftovers(string)"/> for a commit already read by <see cref="ReadCommit"/>: one listing of the folder,
    /// no second read of the commit (an up-to-date check runs on every command).
    /// </summary>
    public static IReadOnlyList<string> Leftovers(string path, IndexCommitInfo commit)
    {
        try
        {
            return Unused(path, new HashSet<string>(commit.Files, StringComparer.Ordinal) { IndexFileNames.SEGMENTS_GEN, IndexWriter.WRITE_LOCK_NAME });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static List<string> Unused(string path, HashSet<string> used) =>
        Directory.EnumerateFiles(path).Select(Path.GetFileName).OfType<string>()
            .Where(f => IndexFileName().IsMatch(f) && !used.Contains(f)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Deletes the index files of a damaged index before a rebuild (only Lucene's own file names).</summary>
    internal static void DeleteIndexFiles(string path)
    {
        foreach (var file in Directory.EnumerateFiles(path))
        {
            if (IndexFileName().IsMatch(Path.GetFileName(file)) && Path.GetFileName(file) != "write.lock")
            {
                File.Delete(file);
            }
        }
    }
}
