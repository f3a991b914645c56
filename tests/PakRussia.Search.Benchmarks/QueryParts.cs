using System.Diagnostics;
using System.Text.Json.Nodes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PakRussia.Search.Citations;
using PakRussia.Search.Indexing;
using PakRussia.Search.Passages;
using PakRussia.Search.Querying;
using PakRussia.Search.Search;

namespace PakRussia.Search.Benchmarks;

/// <summary>
/// Where a search's time goes: the steps of <see cref="Searcher.Search"/> timed one by one over the same queries, with
/// the engine's own (internal) types, next to the whole calls. For finding why a target is missed, not for the results
/// table. Per query, on the current generation:
/// <list type="bullet">
/// <item>acquire the generation (<see cref="IndexGenerations.Acquire"/>: one listing of the folder + the SearcherManager);
/// for the first 10 queries of each pass also a cold open (a new <see cref="IndexGenerations"/>: reader, schema check,
/// checksums of a small index, vocabulary);</item>
/// <item>compile (<see cref="QueryCompiler.Compile(string, QueryOptions, IVocabulary)"/> over the generation's vocabulary);</item>
/// <item>collect top-10 without facets, then with facets (the searcher's own collection: <see cref="PassageCollector"/>
/// with its budget checks, handing matches to <see cref="RankedCollector"/>), the OR fallback collected as its own step
/// when the AND query matched nothing;</item>
/// <item>the page: 10 stored passages (<see cref="PassageRecord"/>), document records (the generation's cache, and
/// uncached: term lookup + stored record), duplicates, highlights (<see cref="MatchHighlighter"/> on text, title and
/// section, <see cref="Highlighter"/> HTML and snippet), citations, did-you-mean when fewer than 3 passages match;</item>
/// <item>the whole <see cref="Searcher.Top"/> and <see cref="Searcher.Search"/>, facets off and on.</item>
/// </list>
/// Every step runs without a time budget (so no query is cut short). The first, untimed pass warms the JIT and checks
/// that the step-by-step top-10 is the one <see cref="Searcher.Top"/> returns (reported on stderr).
/// </summary>
public static class QueryParts
{
    private const int PageSize = 10;

    /// <summary>Queries per pass that also time a cold open of the index (a new reader each time).</summary>
    private const int ColdOpens = 10;

    /// <summary>The steps, in the order they run and are printed (a step no query reached is left out).</summary>
    private static readonly string[] Steps =
    [
        "open generation (cold: new reader)",
        "acquire generation (current)",
        "compile",
        "collect top-10, facets off",
        "collect top-10, OR fallback (AND matched nothing)",
        "collect top-10 + facet counts",
        "facets: top 50 values of each, labelled",
        "facets: titles of those documents (generation cache)",
        "read 10 stored passages",
        "document records x10 (generation cache)",
        "document records x10 (term + stored, uncached)",
        "duplicates x10",
        "highlight x10 (text, title, section)",
        "citations x10",
        "did-you-mean (< 3 matches)",
        "Searcher.Top facets off",
        "Searcher.Top facets on",
        "Searcher.Search facets off",
        "Searcher.Search facets on",
    ];

    public static JsonArray Measure(string indexPath, IReadOnlyList<string> queries, bool any, int repeat)
    {
        indexPath = Path.GetFullPath(indexPath);
        var steps = Steps.ToDictionary(s => s, _ => new List<double>());
        var timing = false;
        void Add(string step, long start)
        {
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (timing)
            {
                steps[step].Add(ms); // every step is listed in Steps, in the order of the output
            }
        }

        using var searcher = new Searcher(indexPath) { TimeBudget = Timeout.InfiniteTimeSpan };
        using var generations = new IndexGenerations(indexPath);
        var options = new QueryOptions { AnyWord = any };
        SearchRequest Request(string q, bool facets) => new() { Query = q, Any = any, Facets = facets, PageSize = PageSize };

        int checkedQueries = 0, sameTop = 0, empty = 0, fellBack = 0;
        for (var pass = -1; pass < repeat; pass++)
        {
            timing = pass >= 0;
            for (var qi = 0; qi < queries.Count; qi++)
            {
                var q = queries[qi];
                long t;
                if (qi < ColdOpens)
                {
                    t = Stopwatch.GetTimestamp();
                    using (var fresh = new IndexGenerations(indexPath))
                    using (fresh.Acquire())
                    {
                    }

                    Add("open generation (cold: new reader)", t);
                }

                t = Stopwatch.GetTimestamp();
                using var lease = generations.Acquire();
                Add("acquire generation (current)", t);
                var generation = lease.Generation;

                t = Stopwatch.GetTimestamp();
                var compiled = QueryCompiler.Compile(q, options, generation.Vocabulary);
                Add("compile", t);
                if (compiled.Query is null)
                {
                    if (!timing) empty++;
                    continue; // Searcher.Search refuses a query with nothing searchable and no filter
                }

                var selections = new FacetSelections(Request(q, facets: false));
                var query = compiled.Query;

                t = Stopwatch.GetTimestamp();
                var (collector, top) = Collect(generation, query, selections, countFacets: false);
                Add("collect top-10, facets off", t);
                if (collector.Matched == 0 && compiled.Fallback is not null)
                {
                    t = Stopwatch.GetTimestamp();
                    var (fallbackCollector, fallbackTop) = Collect(generation, compiled.Fallback, selections, countFacets: false);
                    Add("collect top-10, OR fallback (AND matched nothing)", t);
                    if (fallbackCollector.Matched > 0)
                    {
                        (collector, top, query) = (fallbackCollector, fallbackTop, compiled.Fallback);
                        if (!timing) fellBack++;
                    }
                }

                var hits = top.Top(0, PageSize);

                t = Stopwatch.GetTimestamp();
                var (facetCollector, _) = Collect(generation, query, selections, countFacets: true);
                Add("collect top-10 + facet counts", t);
                t = Stopwatch.GetTimestamp();
                var facets = facetCollector.Facets(_ => null);
                Add("facets: top 50 values of each, labelled", t);
                t = Stopwatch.GetTimestamp();
                foreach (var document in facets.Document)
                {
                    GC.KeepAlive(generation.Records.Find(document.Value));
                }

                Add("facets: titles of those documents (generation cache)", t);

                t = Stopwatch.GetTimestamp();
                var passages = hits.Select(h => PassageRecord.Read(generation.Doc(h.Doc))).ToList();
                Add("read 10 stored passages", t);

                t = Stopwatch.GetTimestamp();
                var entries = passages.Select(p => generation.Records.Find(p.DocId)).ToList();
                Add("document records x10 (generation cache)", t);

                t = Stopwatch.GetTimestamp();
                foreach (var passage in passages)
                {
                    if (Searcher.FindDocIn(generation.IndexReader, new Term(IndexFields.RecordId, passage.DocId)) is { } doc)
                    {
                        DocumentRecords.Read(generation.Doc(doc));
                    }
                }

                Add("document records x10 (term + stored, uncached)", t);

                t = Stopwatch.GetTimestamp();
                foreach (var passage in passages)
                {
                    Searcher.DuplicatesOf(generation, passage.PassageId);
                }

                Add("duplicates x10", t);

                t = Stopwatch.GetTimestamp();
                var highlight = compiled.HasText ? MatchHighlighter.ForHighlighting(query) : null;
                if (highlight is not null)
                {
                    for (var i = 0; i < passages.Count; i++)
                    {
                        var passage = passages[i];
                        var matches = MatchHighlighter.Matches(highlight, IndexFields.Text, passage.Text);
                        Highlighter.ToHtml(passage.Text, matches);
                        Highlighter.Snippet(passage.Text, matches);
                        Mark(highlight, IndexFields.Title, entries[i]?.Metadata.Title);
                        Mark(highlight, IndexFields.Section, passage.Section);
                    }
                }

                Add("highlight x10 (text, title, section)", t);

                t = Stopwatch.GetTimestamp();
                for (var i = 0; i < passages.Count; i++)
                {
                    if (entries[i] is { } entry)
                    {
                        CitationFormatter.Format(entry.Metadata, passages[i], CitationStyle.Plain);
                    }
                }

                Add("citations x10", t);

                if (collector.Total < 3 && compiled.Words.Count > 0)
                {
                    t = Stopwatch.GetTimestamp();
                    DidYouMean.Suggest(q, generation.Vocabulary);
                    Add("did-you-mean (< 3 matches)", t);
                }

                t = Stopwatch.GetTimestamp();
                var whole = searcher.Top(Request(q, facets: false), PageSize);
                Add("Searcher.Top facets off", t);

                t = Stopwatch.GetTimestamp();
                searcher.Top(Request(q, facets: true), PageSize);
                Add("Searcher.Top facets on", t);

                t = Stopwatch.GetTimestamp();
                searcher.Search(Request(q, facets: false));
                Add("Searcher.Search facets off", t);

                t = Stopwatch.GetTimestamp();
                searcher.Search(Request(q, facets: true));
                Add("Searcher.Search facets on", t);

                if (!timing)
                {
                    checkedQueries++;
                    if (whole.Hits.Select(h => h.PassageId).SequenceEqual(passages.Select(p => p.PassageId))) sameTop++;
                }
            }
        }

        Console.Error.WriteLine($"parts: {queries.Count} queries ({(any ? "OR" : "AND")}), {empty} with nothing to search (skipped), {fellBack} fell back to OR; "
            + $"step-by-step top-10 = Searcher.Top for {sameTop} of {checkedQueries}");

        var result = new JsonArray();
        foreach (var (step, values) in steps.Where(s => s.Value.Count > 0))
        {
            var sorted = values.Order().ToArray();
            result.Add(new JsonObject
            {
                ["step"] = step,
                ["p50_ms"] = Math.Round(Stats.Percentile(sorted, 50), 3),
                ["p99_ms"] = Math.Round(Stats.Percentile(sorted, 99), 3),
                ["mean_ms"] = Math.Round(sorted.Average(), 3),
                ["n"] = sorted.Length,
            });
        }

        return result;
    }

    /// <summary>One pass of the query over the searchable passages, as the searcher collects (its own method): facets (or only the total) and the top 10.</summary>
    private static (PassageCollector Collector, Searcher.Ranking Top) Collect(IndexGeneration generation, Query query,
        FacetSelections selections, bool countFacets) =>
        Searcher.Collect(generation, new QueryBudget(Timeout.InfiniteTimeSpan, CancellationToken.None), query, selections, countFacets,
            SearchSort.Relevance, PageSize);

    /// <summary>A field's highlight as the searcher makes it for titles and sections (HTML only when the query matched there).</summary>
    private static void Mark(Query highlight, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var matches = MatchHighlighter.Matches(highlight, field, text);
        if (matches.Count > 0)
        {
            Highlighter.ToHtml(text, matches);
        }
    }
}
