using System.Text;

namespace PakRussia.Search.Querying.Nodes;

/// <summary>A quoted phrase, with an optional slop (<c>"russia pakistan"~5</c> → FTS5 NEAR).</summary>
public sealed record PhraseNode(string Text, int Position, int? Slop = null) : QueryNode(Position)
{
    public override string ToString() => WithBoost(QuotePhrase(Text) + (Slop is { } s ? "~" + s : ""));

    internal override void PrintTo(StringBuilder sb, int indent, string? label) =>
        Line(sb, indent, label, "Phrase " + QuotePhrase(Text) + (Slop is { } s ? " slop " + s : ""));
}
