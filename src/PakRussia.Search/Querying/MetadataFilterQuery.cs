using Lucene.Net.Search;

namespace PakRussia.Search.Querying;

/// <summary>
/// A metadata filter inside a query (<c>source:forum</c>, <c>year:[2014 TO 2017]</c>): it decides whether a passage
/// matches and never changes its score (constant score with boost 0), so filters combine with words under AND, OR and
/// NOT like any other clause.
/// </summary>
public sealed class MetadataFilterQuery : ConstantScoreQuery
{
    public MetadataFilterQuery(Query filter, MetadataField field, string description) : base(filter)
    {
        Field = field;
        Description = description;
        Boost = 0f;
    }

    public MetadataField Field { get; }

    /// <summary>The filter in words: "source is forum", "year in [2014, 2017]".</summary>
    public string Description { get; }

    public override string ToString(string field) => "filter(" + Description + ")";
}
