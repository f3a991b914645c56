using Lucene.Net.Index;
using Lucene.Net.Search;

namespace PakRussia.Search.Querying;

/// <summary>Metadata a query can filter on.</summary>
public enum MetadataField { Source, Author, Doc, Kind, Year, Date }

/// <summary>The field names the query language knows (case-insensitive).</summary>
public static class QueryFields
{
    /// <summary>Analyzed passage fields: <c>title:x</c> searches x in that field only.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["text", "title", "section"];

    /// <summary>Metadata fields: <c>source:forum</c> becomes a filter (matches or not; never changes a score).</summary>
    public static IReadOnlyDictionary<string, MetadataField> Metadata { get; } = new Dictionary<string, MetadataField>
    {
        ["source"] = MetadataField.Source,
        ["author"] = MetadataField.Author,
        ["doc"] = MetadataField.Doc,
        ["kind"] = MetadataField.Kind,
        ["year"] = MetadataField.Year,
        ["date"] = MetadataField.Date,
    };

    public static bool IsColumn(string field) => Columns.Contains(field);

    public static bool IsKnown(string field) => IsColumn(field) || Metadata.ContainsKey(field);

    /// <summary>Year and date take ranges; the other fields take values.</summary>
    public static bool TakesRange(string field) => field is "year" or "date";

    public static string AllNames => string.Join(", ", Columns.Concat(Metadata.Keys));

    /// <summary>
    /// The same term or phrase query on another field (the search fields share one analysis chain, so the text need
    /// not be analyzed again); null for any other kind of query.
    /// </summary>
    public static Query? OnField(Query query, string field)
    {
        switch (query)
        {
            case TermQuery term:
                return new TermQuery(new Term(field, term.Term.Bytes)) { Boost = term.Boost };
            case PhraseQuery phrase:
                var copy = new PhraseQuery { Slop = phrase.Slop, Boost = phrase.Boost };
                var positions = phrase.GetPositions();
                var terms = phrase.GetTerms();
                for (var i = 0; i < terms.Length; i++)
                {
                    copy.Add(new Term(field, terms[i].Bytes), positions[i]);
                }

                return copy;
            default:
                return null;
        }
    }
}
