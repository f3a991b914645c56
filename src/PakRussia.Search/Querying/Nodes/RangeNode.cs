using System.Text;

namespace PakRussia.Search.Querying.Nodes;

/// <summary>
/// <c>[lower TO upper]</c> (inclusive) or <c>{lower TO upper}</c> (exclusive), ends may mix; an open end
/// (<c>*</c>) is null. Always the child of a year: or date: <see cref="FieldNode"/>.
/// </summary>
public sealed record RangeNode(string? Lower, bool LowerInclusive, string? Upper, bool UpperInclusive, int Position) : QueryNode(Position)
{
    public override string ToString() =>
        WithBoost((LowerInclusive ? "[" : "{") + (Lower ?? "*") + " TO " + (Upper ?? "*") + (UpperInclusive ? "]" : "}"));

    internal override void PrintTo(StringBuilder sb, int indent, string? label) => Line(sb, indent, label, "Range " + ToString());
}
