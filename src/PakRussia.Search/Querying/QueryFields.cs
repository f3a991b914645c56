using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using PakRussia.Search.Indexing;

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
    /// The query with its words on <see cref="IndexFields.All"/> (what bare words search) moved to <paramref name="field"/>,
    /// one of the three fields that field is made of: what it matched there, for the highlighter, the concordance and the
    /// rank tiers. Words on a named field stay where they are; a query with no word on <see cref="IndexFields.All"/> is
    /// returned as it is.
    /// </summary>
    public static Query Retarget(Query query, string field)
    {
        Term On(Term term) => term.Field == IndexFields.All ? new Term(field, term.Bytes) : term;
        switch (query)
        {
            case TermQuery term when term.Term.Field == IndexFields.All:
                return new TermQuery(On(term.Term)) { Boost = term.Boost };
            case PhraseQuery phrase when phrase.GetTerms() is { Length: > 0 } terms && terms[0].Field == IndexFields.All:
                return OnField(phrase, field)!;
            case MultiPhraseQuery multi when multi.GetTermArrays() is { Count: > 0 } arrays && arrays[0][0].Field == IndexFields.All:
            {
                var positions = multi.GetPositions();
                var copy = new MultiPhraseQuery { Slop = multi.Slop, Boost = multi.Boost };
                for (var i = 0; i < arrays.Count; i++)
                {
                    copy.Add(arrays[i].Select(On).ToArray(), positions[i]);
                }

                return copy;
            }
            case PrefixQuery prefix when prefix.Field == IndexFields.All:
                return new PrefixQuery(On(prefix.Prefix)) { Boost = prefix.Boost, MultiTermRewriteMethod = prefix.MultiTermRewriteMethod };
            case SpanTermQuery span when span.Field == IndexFields.All:
                return new SpanTermQuery(On(span.Term)) { Boost = span.Boost };
            case SpanNotQuery not when not.Field == IndexFields.All:
                return new SpanNotQuery((SpanQuery)Retarget(not.Include, field), (SpanQuery)Retarget(not.Exclude, field)) { Boost = not.Boost };
            case BooleanQuery boolean:
            {
                var copy = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost, MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch };
                var changed = false;
                foreach (var clause in boolean.Clauses)
                {
                    var moved = Retarget(clause.Query, field);
                    changed |= !ReferenceEquals(moved, clause.Query);
                    copy.Add(moved, clause.Occur);
                }

                return changed ? copy : boolean;
            }
            default:
                return query;
        }
    }

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
