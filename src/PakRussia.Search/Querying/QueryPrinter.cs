using System.Globalization;
using System.Text;
using Lucene.Net.Search;

namespace PakRussia.Search.Querying;

/// <summary>Prints a Lucene query as an indented tree, one clause per line, for <c>--explain</c>.</summary>
public static class QueryPrinter
{
    public static string Print(Query query)
    {
        var sb = new StringBuilder();
        Print(query, "", 0, sb);
        return sb.ToString().TrimEnd('\n');
    }

    private static void Print(Query query, string occur, int depth, StringBuilder sb)
    {
        sb.Append(' ', depth * 2);
        if (occur.Length > 0)
        {
            sb.Append(occur).Append(' ');
        }

        switch (query)
        {
            case BooleanQuery boolean:
                sb.Append("Boolean");
                if (boolean.MinimumNumberShouldMatch > 0)
                {
                    sb.Append(" (at least ").Append(boolean.MinimumNumberShouldMatch).Append(" optional)");
                }

                AppendBoost(query, sb);
                sb.Append('\n');
                foreach (var clause in boolean.Clauses)
                {
                    Print(clause.Query, clause.Occur switch { Occur.MUST => "MUST", Occur.MUST_NOT => "MUST_NOT", _ => "SHOULD" }, depth + 1, sb);
                }

                return;
            case MetadataFilterQuery filter:
                sb.Append("Filter ").Append(filter.Description).Append('\n');
                return;
            case TermQuery term:
                sb.Append("Term ").Append(term.Term.Field).Append(':').Append(term.Term.Text);
                break;
            case PhraseQuery phrase:
                sb.Append("Phrase ").Append(phrase.ToString());
                sb.Length -= BoostSuffix(query).Length;
                break;
            case MatchAllDocsQuery:
                sb.Append("All passages");
                break;
            default:
                sb.Append(query.GetType().Name.Replace("Query", "", StringComparison.Ordinal)).Append(' ').Append(query.ToString());
                sb.Length -= BoostSuffix(query).Length;
                break;
        }

        AppendBoost(query, sb);
        sb.Append('\n');
    }

    private static void AppendBoost(Query query, StringBuilder sb) => sb.Append(BoostSuffix(query));

    private static string BoostSuffix(Query query) =>
        query.Boost == 1f ? "" : "^" + query.Boost.ToString("0.0", CultureInfo.InvariantCulture);
}
