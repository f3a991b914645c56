using System.Text;

namespace PakRussia.Search.Querying.Nodes;

/// <summary>A word ending in <c>*</c> (<c>afghan*</c>): FTS5's native prefix search. <see cref="Prefix"/> excludes the star.</summary>
public sealed record PrefixNode(string Prefix, int Position) : QueryNode(Position)
{
    public override string ToString() => WithBoost(Escape(Prefix) + "*");

    internal override void PrintTo(StringBuilder sb, int indent, string? label) => Line(sb, indent, label, "Prefix " + Escape(Prefix) + "*");
}
