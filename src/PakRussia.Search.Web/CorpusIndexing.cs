using PakRussia.Search.Indexing;

namespace PakRussia.Search.Web;

/// <summary>
/// Index on first use for the standalone web host: an existing usable index is served; a missing one is
/// an <see cref="IndexException"/> the server reports on /health (503) until it is built.
/// </summary>
public static class CorpusIndexing
{
    public static string Ensure(string corpus, string index, TextWriter log)
    {
        var path = Path.GetFullPath(index);
        if (!IndexFiles.IsUsable(path, out var problem))
        {
            throw new IndexException(problem!);
        }

        return path;
    }
}
