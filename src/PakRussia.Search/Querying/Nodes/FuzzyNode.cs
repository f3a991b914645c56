using System.Text;

namespace PakRussia.Search.Querying.Nodes;

/// <summary>
/// A word within an edit distance (<c>kremlim~</c>, <c>kremlim~1</c>). <see cref="MaxEdits"/> null means the
/// default: 2, or 1 for words of at most 4 letters.
/// </summary>
public sealed record FuzzyNode(string Text, int Position, int? MaxEdits = null) : QueryNode(Position)
{
    /// <summary>The edit distance actually used.</summary>
    public int EffectiveEdits => MaxEdits ?? (Text.Length <= 4 ? 1 : 2);

    public override string ToString() => WithBoost(Escape(Text) + "~" + (MaxEdits?.ToString() ?? ""));

    internal override void PrintTo(StringBuilder sb, int indent, string? label) =>
        Line(sb, indent, label, "Fuzzy " + Escape(Text) + " ~" + EffectiveEdits + (MaxEdits == null ? " (default)" : ""));
}
