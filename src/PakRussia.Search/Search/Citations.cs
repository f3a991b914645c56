using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Search;

/// <summary>Interim plain citation line (the quotes issue brings every style).</summary>
public static class Citations
{
    public static string Plain(DocumentMetadata document, Passage passage)
    {
        var parts = new List<string> { $"“{document.Title}”", document.Site ?? document.SourceType };
        if (document.Author is { } author) parts.Add(author);
        if (document.Date is { } date) parts.Add(date);
        if (passage.Section is { } section) parts.Add(section);
        parts.Add($"¶ {passage.Ordinal + 1}");
        return string.Join(", ", parts) + $" [pakrussia:{passage.PassageId}]";
    }
}
