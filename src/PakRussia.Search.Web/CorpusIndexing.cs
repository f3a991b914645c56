using PakRussia.Search.Indexing;

namespace PakRussia.Search.Web;

/// <summary>
/// Index on first use for the standalone web host, as the CLI does it: a missing index is built from the corpus
/// folder, one built from that folder is brought up to date (a cheap check when nothing changed), and an index
/// folder that exists but is unusable is never silently replaced (the server reports it on /health with 503).
/// </summary>
public static class CorpusIndexing
{
    public static string Ensure(string corpus, string index, TextWriter log)
    {
        var path = Path.GetFullPath(index);
        // A folder that is not ours, of another schema or damaged is an IndexException here: never replaced silently.
        if (IndexDirectory.ReadCommit(path) is { } commit)
        {
            var source = commit.UserData.GetValueOrDefault(IndexSchema.SourceKey);
            if (source?.StartsWith(FolderCorpusSource.DescriptionPrefix, StringComparison.Ordinal) == false || !Directory.Exists(corpus))
            {
                return path; // imported from JSON Lines, or the corpus is elsewhere: serve it as it is
            }
        }
        else if (!Directory.Exists(corpus))
        {
            throw new IndexException($"No index at {path} and no corpus folder at {Path.GetFullPath(corpus)} to build one from.");
        }

        var summary = IndexBuilder.Update(new FolderCorpusSource(corpus), path);
        if (!summary.UpToDate)
        {
            log.WriteLine($"indexed {Path.GetFullPath(corpus)}: {summary.Documents} documents, {summary.Passages} passages ({summary.Elapsed.TotalSeconds:0.0} s)");
            foreach (var skipped in summary.Skipped)
            {
                log.WriteLine($"  skipped {skipped.Path}: {skipped.Reason}");
            }
        }

        return path;
    }
}
