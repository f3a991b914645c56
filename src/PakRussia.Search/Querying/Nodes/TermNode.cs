using System.Text;

namespace PakRussia.Search.Querying.Nodes;

/// <summary>A bare word (escapes resolved): <c>pakistan</c>, <c>OPS-306</c>.</summary>
public sealed record TermNode(string Text, int Position) : QueryNode(Position)
{
    public override string ToString() => WithBoost(Escape(Text));

    internal override void PrintTo(StringBuilder sb, int indent, string? label) => Line(sb, indent, label, "Term " + Escape(Text));
}
