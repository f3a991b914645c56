using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Search;

/// <summary>
/// Finds what a query matched in a passage's text (or title, or section), as character offsets, with Lucene.Net.Highlighter:
/// its <see cref="WeightedSpanTermExtractor"/> (the part of <c>QueryScorer</c> that knows queries) says which terms
/// count and, for phrases and proximity, at which positions; the text is analyzed with the index chain, so stemmed forms
/// are found ("relations" for "relation"). Only real matches are marked: a phrase's words only where the phrase occurs
/// (and one phrase occurrence is one match), an excluded word never, a metadata filter never. Offsets point into the
/// original text; <see cref="Highlighter"/> escapes it and inserts the marks.
/// </summary>
public static class MatchHighlighter
{
    public static IReadOnlyList<MatchSpan> Matches(Query query, string field, string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        query = QueryFields.Retarget(query, field); // bare words searched the field the text, title and section make up
        var extractor = new Extractor { ExpandMultiTermQuery = true };
        IDictionary<string, WeightedSpanTerm> terms;
        using (var stream = PassageAnalyzer.Writing.GetTokenStream(field, text))
        {
            // The extractor caches the stream for its in-memory index without resetting it: a consumer's first duty.
            stream.Reset();
            terms = extractor.GetWeightedSpanTerms(query, stream, field);
        }

        if (terms.Count == 0)
        {
            return [];
        }

        var matches = new List<MatchSpan>();
        PositionSpan? lastSpan = null;
        var lastPosition = -2;
        using (var stream = PassageAnalyzer.Writing.GetTokenStream(field, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            stream.Reset();
            var position = -1;
            while (stream.IncrementToken())
            {
                position += increment.PositionIncrement;
                if (!terms.TryGetValue(term.ToString(), out var weighted))
                {
                    continue;
                }

                PositionSpan? span = null;
                if (weighted.IsPositionSensitive)
                {
                    span = weighted.PositionSpans.FirstOrDefault(s => s.Start <= position && position <= s.End);
                    if (span is null)
                    {
                        continue;
                    }
                }

                var (start, end) = (Math.Clamp(offset.StartOffset, 0, text.Length), Math.Clamp(offset.EndOffset, 0, text.Length));
                if (end <= start)
                {
                    continue;
                }

                // The next word of the same phrase occurrence extends its match: "warm waters" is one mark, not two; so
                // does a word the query also has on its own ("russia" beside the alias phrase "pak russia"): one
                // occurrence, one mark, as the concordance counts it.
                var continues = matches.Count > 0 && lastSpan is not null && position == lastPosition + 1 && position <= lastSpan.End
                    && (span is null || ReferenceEquals(span, lastSpan));
                if (continues)
                {
                    matches[^1] = new MatchSpan(matches[^1].Start, end);
                }
                else
                {
                    matches.Add(new MatchSpan(start, end));
                }

                lastSpan = span ?? (continues ? lastSpan : null);
                lastPosition = position;
            }

            stream.End();
        }

        return Merge(matches);
    }

    /// <summary>The query's parts that can match text: metadata filters and match-all clauses taken out (they mark nothing).</summary>
    public static Query? ForHighlighting(Query query)
    {
        switch (query)
        {
            case MetadataFilterQuery or MatchAllDocsQuery:
                return null;
            case BooleanQuery boolean:
                var copy = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost };
                foreach (var clause in boolean.Clauses)
                {
                    if (clause.Occur != Occur.MUST_NOT && ForHighlighting(clause.Query) is { } kept)
                    {
                        copy.Add(kept, clause.Occur == Occur.MUST ? Occur.MUST : Occur.SHOULD);
                    }
                }

                return copy.Clauses.Count == 0 ? null : copy;
            default:
                return query;
        }
    }

    private static List<MatchSpan> Merge(List<MatchSpan> matches)
    {
        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<MatchSpan>(matches.Count);
        foreach (var match in matches)
        {
            if (merged.Count > 0 && match.Start < merged[^1].End)
            {
                merged[^1] = new MatchSpan(merged[^1].Start, Math.Max(merged[^1].End, match.End));
            }
            else
            {
                merged.Add(match);
            }
        }

        return merged;
    }

    /// <summary>The extractor reading the whole passage (its default limit is no characters at all).</summary>
    private sealed class Extractor : WeightedSpanTermExtractor
    {
        public Extractor() => SetMaxDocCharsToAnalyze(int.MaxValue);
    }
}
