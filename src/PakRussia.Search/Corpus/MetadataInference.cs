using PakRussia.Search.Passages;

namespace PakRussia.Search.Corpus;

/// <summary>
/// Metadata for a document the manifest does not describe, guessed from its text (<see cref="DocumentMetadata.Inferred"/> is true):
/// id from the file name, title from the page title / first heading / first line, source type from the layout,
/// date from the latest date the text mentions.
/// </summary>
public static class MetadataInference
{
    private const int MaxTitleLength = 120;
    private static readonly HashSet<string> GenericHeadings = new(StringComparer.OrdinalIgnoreCase) { "Abstract", "Introduction", "Contents", "Summary" };

    public static DocumentMetadata Infer(string relativePath, IReadOnlyList<CleanedBlock> blocks, TextLayout layout, string? pageTitle)
    {
        var title = pageTitle
            ?? blocks.FirstOrDefault(b => b.Kind == PassageKind.Heading && !GenericHeadings.Contains(b.Text))?.Text
            ?? FirstLine(blocks)
            ?? Path.GetFileName(relativePath);

        var body = string.Join("\n", blocks.Select(b => b.Text));
        var found = DateFinder.Find(body);
        return new DocumentMetadata
        {
            DocId = DocIds.FromFileName(relativePath),
            Title = Shorten(title),
            SourceType = TextLayouts.SourceType(layout),
            Date = found?.Date,
            DatePrecision = found?.Precision,
            DateEvidence = found == null ? null : $"Inferred from the text: the latest date it mentions is “{found.Mention}”, so it was written then or later.",
            Inferred = true,
        };
    }

    private static string? FirstLine(IReadOnlyList<CleanedBlock> blocks)
    {
        foreach (var block in blocks)
        {
            var line = block.Text.Split('\n')[0].Trim();
            if (line.Length > 0)
            {
                return line;
            }
        }

        return null;
    }

    private static string Shorten(string title)
    {
        title = TextPatterns.CollapseSpaces(title.Replace('\n', ' '));
        if (title.Length <= MaxTitleLength)
        {
            return title;
        }

        var cut = title.LastIndexOf(' ', MaxTitleLength);
        return (cut > 40 ? title[..cut] : title[..MaxTitleLength]) + "…";
    }
}
