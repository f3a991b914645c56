using System.Text;

namespace PakRussia.Search.Querying.Nodes;

/// <summary>What a field name refers to.</summary>
public enum FieldKind
{
    /// <summary>An FTS5 column (title, text, section): the child is searched in that column.</summary>
    Column,
    /// <summary>Document or passage metadata (source, author, doc, kind, year, date): an SQL filter.</summary>
    Metadata,
}

/// <summary><c>field:child</c>. <see cref="Field"/> is the lower-case field name; unknown names never become fields.</summary>
public sealed record FieldNode(string Field, QueryNode Child, int Position) : QueryNode(Position)
{
    public FieldKind Kind => QueryFields.IsColumn(Field) ? FieldKind.Column : FieldKind.Metadata;

    public override string ToString() => WithBoost(Field + ":" + Child);

    internal override void PrintTo(StringBuilder sb, int indent, string? label)
    {
        Line(sb, indent, label, "Field " + Field + (Kind == FieldKind.Metadata ? " (filter)" : " (column)"));
        Child.PrintTo(sb, indent + 1, null);
    }
}
