using PakRussia.Search.Corpus;

namespace PakRussia.Search.Cli.Commands;

/// <summary>What the corpus-reading commands share: open the corpus folder and report skipped files on stderr.</summary>
internal static class CorpusCommandSupport
{
    /// <summary>Streams the corpus's documents; null (with a message) when the folder does not exist.</summary>
    public static IEnumerable<IngestedDocument>? Open(string corpus, List<SkippedFile> skipped, TextWriter error)
    {
        if (!Directory.Exists(corpus))
        {
            error.WriteLine($"error: corpus folder not found: {corpus}");
            return null;
        }

        return new CorpusLoader().Load(corpus, skipped);
    }

    public static void ReportSkipped(IEnumerable<SkippedFile> skipped, IEnumerable<IngestedDocument> documents, TextWriter error)
    {
        foreach (var skip in skipped)
        {
            error.WriteLine($"skipped {skip.Path}: {skip.Reason}");
        }

        foreach (var warning in documents.SelectMany(d => d.Warnings))
        {
            error.WriteLine($"warning: {warning}");
        }
    }
}
