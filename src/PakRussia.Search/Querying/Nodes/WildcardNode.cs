using System.Text;

namespace PakRussia.Search.Querying.Nodes;

/// <summary>
/// A word with <c>?</c> (one character) or <c>*</c> (any characters) inside (<c>ta?iban</c>, <c>pak*stan</c>),
/// expanded against the vocabulary. In <see cref="Pattern"/> only unescaped wildcards are <c>*</c>/<c>?</c>;
/// escaped ones were turned into spaces (they are separators for the FTS5 tokenizer anyway).
/// </summary>
public sealed record WildcardNode(string Pattern, int Position) : QueryNode(Position)
{
    public override string ToString() => WithBoost(Escape(Pattern, keepWildcards: true));

    internal override void PrintTo(StringBuilder sb, int indent, string? label) => Line(sb, indent, label, "Wildcard " + Escape(Pattern, keepWildcards: true));
}
