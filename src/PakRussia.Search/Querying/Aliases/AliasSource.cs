namespace PakRussia.Search.Querying.Aliases;

/// <summary>
/// The alias list of one file, read again whenever the file changes (its size or time): an edit applies to the next
/// search, with no rebuild. Safe to share between threads.
/// </summary>
public sealed class AliasSource(string path)
{
    private readonly object _gate = new();
    private (long Length, long Ticks, AliasList List)? _cached;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public AliasList Current()
    {
        long length = -1, ticks = -1;
        try
        {
            var info = new FileInfo(Path);
            if (info.Exists)
            {
                (length, ticks) = (info.Length, info.LastWriteTimeUtc.Ticks);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // read as missing below
        }

        lock (_gate)
        {
            if (_cached is { } cached && cached.Length == length && cached.Ticks == ticks)
            {
                return cached.List;
            }

            var list = length < 0 ? AliasList.Empty : AliasList.Load(Path);
            _cached = (length, ticks, list);
            return list;
        }
    }
}
