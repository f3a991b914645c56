using PakRussia.Search.Indexing;

namespace PakRussia.Search.Cli;

/// <summary>
/// Index on first use: commands that read the index build it from the corpus when it is missing, and
/// bring it up to date when the corpus changed (a cheap check when nothing did). An index folder that
/// exists but is not usable is never silently replaced: the user is told to rebuild.
/// </summary>
public static class IndexLocator
{
    public static string Ensure(string corpus, string index, TextWriter error, Corpus.CorpusOptions? options = null)
    {
        var path = Path.GetFullPath(index);
        // A folder that is not ours, of another schema or damaged is an IndexException here: never replaced silently.
        if (IndexDirectory.ReadCommit(path) is { } commit)
        {
            var source = commit.UserData.GetValueOrDefault(IndexSchema.SourceKey);
            if (source?.StartsWith(FolderCorpusSource.DescriptionPrefix, StringComparison.Ordinal) == false || !Directory.Exists(corpus))
            {
                return path; // imported from JSON Lines, or the corpus is elsewhere: use it as it is
            }
        }
        else if (!Directory.Exists(corpus))
        {
            throw new UsageException($"corpus folder not found: {Path.GetFullPath(corpus)} (and no index at {path} to use instead). Use --corpus or --index.");
        }

        var summary = IndexBuilder.Update(new FolderCorpusSource(corpus, options), path);
        if (!summary.UpToDate)
        {
            error.WriteLine($"indexed {Path.GetFullPath(corpus)}: {summary.Documents} documents, {summary.Passages} passages ({summary.Elapsed.TotalSeconds:0.0} s)");
            foreach (var skipped in summary.Skipped)
            {
                error.WriteLine($"  skipped {skipped.Path}: {skipped.Reason}");
            }

            foreach (var warning in summary.Warnings)
            {
                error.WriteLine($"  warning {TerminalView.Printable(warning)}");
            }
        }

        return path;
    }
}
