using System.Text;

namespace PakRussia.Search.Querying.Nodes;

/// <summary>How a clause takes part in a <see cref="BooleanNode"/> (Lucene's BooleanClause.Occur).</summary>
public enum Occur
{
    /// <summary>Must match (AND, <c>+x</c>, or a bare word under the default AND operator).</summary>
    Must,
    /// <summary>
    /// Should match (OR, or a bare word with --any). With no Must clause at least one Should must match;
    /// next to Must clauses Should clauses are optional (Lucene semantics).
    /// </summary>
    Should,
    /// <summary>Must not match (NOT, <c>!x</c>, <c>-x</c>).</summary>
    MustNot,
}

/// <summary>One clause of a <see cref="BooleanNode"/>.</summary>
public sealed record BooleanClause(Occur Occur, QueryNode Node)
{
    public override string ToString() => Occur switch
    {
        Occur.Must => "+" + Node,
        Occur.MustNot => "-" + Node,
        _ => Node.ToString(),
    };
}

/// <summary>
/// A group of clauses, printed like Lucene's BooleanQuery in parentheses: <c>(+a +b -c)</c>, <c>(a b)</c>.
/// A lone <c>NOT x</c> is a BooleanNode with one MustNot clause; there is no separate NOT node.
/// </summary>
public sealed record BooleanNode(IReadOnlyList<BooleanClause> Clauses, int Position) : QueryNode(Position)
{
    public override string ToString() => WithBoost("(" + string.Join(" ", Clauses) + ")");

    internal override void PrintTo(StringBuilder sb, int indent, string? label)
    {
        Line(sb, indent, label, "Boolean");
        foreach (var clause in Clauses)
        {
            var occur = clause.Occur switch { Occur.Must => "MUST", Occur.MustNot => "MUST_NOT", _ => "SHOULD" };
            clause.Node.PrintTo(sb, indent + 1, occur);
        }
    }
}
