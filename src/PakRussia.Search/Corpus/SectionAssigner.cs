using PakRussia.Search.Passages;

namespace PakRussia.Search.Corpus;

/// <summary>Gives every block the text of the last heading before it; headings get their own text.</summary>
internal static class SectionAssigner
{
    public static List<CleanedBlock> Assign(IEnumerable<CleanedBlock> blocks)
    {
        var result = new List<CleanedBlock>();
        string? section = null;
        foreach (var block in blocks)
        {
            if (block.Kind == PassageKind.Heading)
            {
                section = block.Text;
            }

            result.Add(block.Section == null ? block with { Section = section } : block);
        }

        return result;
    }
}
