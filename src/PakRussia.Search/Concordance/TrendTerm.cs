using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using PakRussia.Search.Indexing;
using PakRussia.Search.Querying;
using PakRussia.Search.Search;

namespace PakRussia.Search.Concordance;

/// <summary>
/// One term of <c>trend</c> or <c>dispersion</c> as Lucene matches occurrences of it in the passage text: a word with its
/// stemmed forms ("pipeline" matches "pipelines"), a quoted phrase, a wildcard, prefix or fuzzy word. The term goes through
/// the project's query compiler (<see cref="QueryCompiler"/>, text field only), and its query becomes a
/// <see cref="SpanQuery"/>, whose spans are the occurrences: <c>pipeline</c> → <c>text:pipelin</c>,
/// <c>"gas pipeline"</c> → <c>spanNear([text:ga, text:pipelin], 0, true)</c>.
/// </summary>
public sealed record TrendTerm(string Label, SpanQuery Spans, IReadOnlyList<string> Warnings)
{
    /// <summary>Longest term accepted, in characters.</summary>
    public const int MaxLength = 200;

    private static readonly IReadOnlyDictionary<string, float> TextOnly = new Dictionary<string, float> { [IndexFields.Text] = 1f };

    /// <summary>
    /// Compiles <paramref name="term"/>; a term that is not a word or a phrase (a filter, an exclusion, several required
    /// words) is a <see cref="SearchRequestException"/> saying so.
    /// </summary>
    public static TrendTerm Compile(string term, IVocabulary vocabulary)
    {
        var label = (term ?? "").Trim();
        if (label.Length == 0)
            throw new SearchRequestException("A term is empty: give a word or a \"quoted phrase\".");
        if (label.Length > MaxLength)
            throw new SearchRequestException($"A term is {label.Length} characters long; at most {MaxLength} are accepted.");
        var compiled = QueryCompiler.Compile(label, new QueryOptions { Fields = TextOnly }, vocabulary);
        if (compiled.Query is null)
            throw new SearchRequestException($"'{Shown(label)}' has nothing to count: give a word or a \"quoted phrase\".");
        var spans = ToSpans(compiled.Query, label);
        return new TrendTerm(label, spans, compiled.Warnings);
    }

    private static SpanQuery ToSpans(Query query, string label)
    {
        switch (query)
        {
            case TermQuery term when term.Term.Field == IndexFields.Text:
                return new SpanTermQuery(term.Term);
            case TermQuery term when term.Term.Field == IndexFields.Type:
                // The compiler's "matches nothing" (an expansion that found no word): a term no passage has.
                return new SpanTermQuery(new Term(IndexFields.Text, "\u0000nothing"));
            case PhraseQuery phrase when phrase.GetTerms().Length > 0 && phrase.GetTerms().All(t => t.Field == IndexFields.Text):
            {
                var terms = phrase.GetTerms();
                if (terms.Length == 1)
                    return new SpanTermQuery(terms[0]);
                var positions = phrase.GetPositions();
                // Positions left open (a dropped word) widen the span by as many words.
                var gaps = positions[^1] - positions[0] - (terms.Length - 1);
                return new SpanNearQuery(terms.Select(t => (SpanQuery)new SpanTermQuery(t)).ToArray(), phrase.Slop + gaps, inOrder: phrase.Slop == 0);
            }
            case MultiPhraseQuery multi:
            {
                var parts = multi.GetTermArrays().Select(options => options.Length == 1
                    ? (SpanQuery)new SpanTermQuery(options[0])
                    : new SpanOrQuery(options.Select(t => (SpanQuery)new SpanTermQuery(t)).ToArray())).ToArray();
                if (parts.Length == 0 || multi.GetTermArrays().SelectMany(t => t).Any(t => t.Field != IndexFields.Text))
                    break;
                return parts.Length == 1 ? parts[0] : new SpanNearQuery(parts, multi.Slop, inOrder: multi.Slop == 0);
            }
            case PrefixQuery prefix when prefix.Field == IndexFields.Text:
                return new SpanMultiTermQueryWrapper<PrefixQuery>(prefix);
            case WildcardQuery wildcard when wildcard.Field == IndexFields.Text:
                return new SpanMultiTermQueryWrapper<WildcardQuery>(wildcard);
            case FuzzyQuery fuzzy when fuzzy.Field == IndexFields.Text:
                return new SpanMultiTermQueryWrapper<FuzzyQuery>(fuzzy);
            case RegexpQuery regexp when regexp.Field == IndexFields.Text:
                return new SpanMultiTermQueryWrapper<RegexpQuery>(regexp);
            case MetadataFilterQuery:
                throw new SearchRequestException($"'{Shown(label)}' is a filter, not a term: use --source, --year, --from/--to, --doc or --author (API: source, year, …).");
            case BooleanQuery boolean when boolean.Clauses.Count > 0:
            {
                // One required clause, or alternatives (an expansion, "a OR b"): their occurrences together.
                if (boolean.Clauses.Any(c => c.Occur == Occur.MUST_NOT))
                    throw new SearchRequestException($"'{Shown(label)}' excludes words; a term is a word or a \"quoted phrase\".");
                var must = boolean.Clauses.Count(c => c.Occur == Occur.MUST);
                if (must > 1 || (must == 1 && boolean.Clauses.Count > 1))
                    break;
                var clauses = boolean.Clauses.Select(c => ToSpans(c.Query, label)).ToArray();
                return clauses.Length == 1 ? clauses[0] : new SpanOrQuery(clauses);
            }
        }

        throw new SearchRequestException($"'{Shown(label)}' is not one word or one phrase: give each word as its own term, or quote the phrase (\"gas pipeline\").");
    }

    private static string Shown(string text) => new string(text.Where(c => !char.IsControl(c)).Take(60).ToArray()) + (text.Length > 60 ? "…" : "");
}
