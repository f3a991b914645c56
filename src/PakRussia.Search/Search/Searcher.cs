using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PakRussia.Search.Citations;
using PakRussia.Search.Indexing;
using PakRussia.Search.Passages;
using PakRussia.Search.Querying;
using PakRussia.Search.Querying.Aliases;

namespace PakRussia.Search.Search;

/// <summary>
/// Answers searches over one index folder: BM25-ranked passages (Lucene's <see cref="Lucene.Net.Search.Similarities.BM25Similarity"/>)
/// with highlights, facet counts over every match, filters, duplicates collapsed, paging. Each call answers from one
/// index generation (see <see cref="IndexGenerations"/>); a newer build is picked up by the next call. Safe to share
/// between threads.
/// </summary>
public sealed partial class Searcher(string indexPath) : IDisposable
{
    public string IndexPath { get; } = Path.GetFullPath(indexPath);

    private readonly IndexGenerations _generations = new(Path.GetFullPath(indexPath));

    /// <summary>
    /// How long one search may run (default <see cref="SearchLimits.DefaultTimeBudget"/>); past it the search stops where
    /// it is and throws <see cref="QueryTimeoutException"/>. <see cref="Timeout.InfiniteTimeSpan"/> or zero: no budget.
    /// </summary>
    public TimeSpan TimeBudget { get; init; } = SearchLimits.DefaultTimeBudget;

    /// <summary>
    /// How much memory the answers to recent searches may hold (<see cref="ResultCache"/>), so that a search asked again of
    /// the same generation (paging back, a facet toggled and untoggled) is answered without searching; 0, the default,
    /// keeps none (a CLI process answers one search). The server keeps 64 MB (<c>pakrussia serve --cache-mb</c>).
    /// </summary>
    public long ResultCacheBytes
    {
        get => _cache?.CapacityBytes ?? 0;
        init => _cache = value > 0 ? new ResultCache(value) : null;
    }

    private readonly ResultCache? _cache;

    /// <summary>The estimated size of the answers the cache holds now.</summary>
    internal long CachedBytes => _cache?.Bytes ?? 0;

    /// <summary>How the first passages by relevance gain for having the query's words near each other (<see cref="PassageProximity"/>).</summary>
    public PassageProximity Proximity { get; init; } = PassageProximity.Default;

    /// <summary>
    /// The alias list searches use (<c>aliases.txt</c>, read again when it changes); unless set, the one in the corpus
    /// folder the index was built from, if it was built from a folder.
    /// </summary>
    public AliasSource? Aliases { get; init; }

    private AliasSource? _recordedAliases;

    /// <summary>The alias list in force for searches of <paramref name="generation"/> (empty when there is none).</summary>
    public AliasList AliasesOf(IndexGeneration generation)
    {
        if (Aliases is { } configured)
        {
            return configured.Current();
        }

        if (!generation.Commit.UserData.TryGetValue(IndexSchema.SourceKey, out var source) || !source.StartsWith(FolderCorpusSource.DescriptionPrefix, StringComparison.Ordinal))
        {
            return AliasList.Empty;
        }

        var path = Path.Combine(source[FolderCorpusSource.DescriptionPrefix.Length..], AliasList.FileName);
        var recorded = _recordedAliases;
        if (recorded is null || recorded.Path != Path.GetFullPath(path))
        {
            _recordedAliases = recorded = new AliasSource(path);
        }

        return recorded.Current();
    }

    /// <summary>The alias list in force now.</summary>
    public AliasList CurrentAliases()
    {
        using var lease = _generations.Acquire();
        return AliasesOf(lease.Generation);
    }

    /// <summary>Sorts that make every ranking the same whatever the build's document order: ties by document id, then passage.</summary>
    private static readonly SortField[] TieBreak =
    [
        new SortField(IndexFields.DocId, SortFieldType.STRING),
        new SortField(IndexFields.Ordinal, SortFieldType.INT32),
    ];

    /// <summary>
    /// Runs one search. Throws <see cref="QueryTimeoutException"/> past <see cref="TimeBudget"/> and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public SearchResponse Search(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        Validate(request);
        return Budgeted(request.TimeBudget, cancellationToken, (generation, budget) =>
        {
            if (_cache is null)
            {
                return SearchIn(generation, budget, request, clock);
            }

            var aliases = AliasesOf(generation);
            var key = ResultCache.KeyOf(request);
            if (_cache.Find(generation, aliases, key) is { } cached)
            {
                return cached with { Cached = true, TookMs = Math.Round(clock.Elapsed.TotalMilliseconds, 2) };
            }

            var response = SearchIn(generation, budget, request, clock);
            _cache.Add(generation, aliases, key, response);
            return response;
        });
    }

    /// <summary>
    /// Runs <paramref name="body"/> on the current generation under a time budget (<paramref name="budget"/>, else
    /// <see cref="TimeBudget"/>). Opening a new generation is a cost of the generation, not of the query, so it happens
    /// before the budget starts. Every Lucene failure that means a damaged index becomes an <see cref="IndexException"/>.
    /// </summary>
    private T Budgeted<T>(TimeSpan? budget, CancellationToken cancellationToken, Func<IndexGeneration, QueryBudget, T> body)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = _generations.Acquire();
        var limit = new QueryBudget(budget ?? TimeBudget, cancellationToken);
        return Guarded(() => body(lease.Generation, limit));
    }

    /// <summary>Runs a read on the index, reporting a damaged index as such (never a crash or a library message).</summary>
    private T Guarded<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (IndexDirectory.Damage(ex, IndexPath) is { } damaged)
        {
            throw damaged;
        }
    }

    private SearchResponse SearchIn(IndexGeneration generation, QueryBudget budget, SearchRequest request, Stopwatch clock)
    {
        var compiled = Compile(generation, request);
        var warnings = new List<string>(compiled.Warnings);
        var selections = new FacetSelections(request);
        budget.Check();
        if (compiled.Query is null && selections.IsEmpty)
        {
            throw new SearchRequestException("The query is empty: type some words, a \"phrase\", or choose a filter.");
        }

        var offset = (request.Page - 1) * request.PageSize;
        var (collector, top, query, fellBack, minimumWords) = CollectWithFallback(generation, budget, compiled, selections, request.Facets, request.Sort, offset + request.PageSize);
        if (fellBack)
        {
            warnings.Add("No passage has all the words; showing passages with some of them.");
        }

        var mostWords = minimumWords is not null;
        long? allWords = mostWords && top.FirstTierCount is { } counted ? counted : null;
        if (allWords == 0 && collector.Total > 0)
        {
            warnings.Add($"No passage has all {compiled.RequiredWords.Count} words; showing passages with at least {minimumWords} of them.");
        }
        else if (mostWords && minimumWords < compiled.MinimumWords)
        {
            warnings.Add($"Few passages have {compiled.MinimumWords} of the {compiled.RequiredWords.Count} words; also showing passages with {minimumWords} or more.");
        }

        var highlight = compiled.HasText ? MatchHighlighter.ForHighlighting(query) : null;
        var missing = mostWords ? new MissingWords(generation, compiled.RequiredWords) : null;
        var hits = new List<SearchHit>();
        foreach (var scored in top.Top(offset, request.PageSize))
        {
            budget.Check();
            var hit = MakeHit(generation, scored, highlight, request.Style);
            hit = missing?.Of(scored.Doc) is { Count: > 0 } lacks ? hit with { Missing = lacks } : hit;
            hits.Add(compiled.Aliases.Count > 0 ? hit with { Aliases = AliasesMatched(hit, compiled.Aliases) } : hit);
        }

        var facets = collector.Facets(docId => generation.Records.Find(docId)?.Metadata.Title);
        return new SearchResponse
        {
            Generation = generation.Id,
            CorpusFingerprint = generation.CorpusFingerprint,
            Query = request.Query,
            Total = collector.Total,
            AllWords = allWords,
            Page = request.Page,
            PageSize = request.PageSize,
            Warnings = warnings.Distinct().ToList(),
            Hits = hits,
            Facets = facets,
            Suggestion = collector.Total < 3 && compiled.Words.Count > 0 ? DidYouMean(request.Query, generation.Vocabulary) : null,
            Explain = request.Explain && compiled.Explanation is { } explanation
                ? explanation with { Proximity = request.Sort == SearchSort.Relevance ? Proximity.Describe(query) : null }
                : null,
            Expansions = compiled.Aliases.Select(u => new AliasExpansion(u.Typed, u.Variant, u.File, u.Line, u.Searched)).ToList(),
            TookMs = Math.Round(clock.Elapsed.TotalMilliseconds, 2),
        };
    }

    /// <summary>The aliases among a hit's marked words: a mark that reads as one of the variants searched.</summary>
    private static IReadOnlyList<string>? AliasesMatched(SearchHit hit, IReadOnlyList<AliasUse> uses)
    {
        var matched = new List<string>();
        foreach (var mark in hit.Matches)
        {
            var marked = hit.Text[mark.Start..mark.End];
            foreach (var use in uses)
            {
                if (use.IsWrittenIn(marked) && !matched.Contains(use.Matched))
                {
                    matched.Add(use.Matched);
                }
            }
        }

        return matched.Count == 0 ? null : matched;
    }

    private CompiledQuery Compile(IndexGeneration generation, SearchRequest request)
    {
        var aliases = request.NoAliases ? null : AliasesOf(generation);
        var compiled = QueryCompiler.Compile(request.Query,
            new QueryOptions { Strict = request.Strict, AnyWord = request.Any, AllWords = request.All, PlainText = request.PlainText, Fields = request.Fields, Aliases = aliases },
            generation.Vocabulary);
        return aliases is { Problems.Count: > 0 } ? compiled with { Warnings = [.. compiled.Warnings, .. aliases.Problems.Select(p => p.ToString())] } : compiled;
    }

    /// <summary>What <see cref="CollectWithFallback"/> collected, with which query, and how.</summary>
    /// <param name="Collector">Totals and facets.</param>
    /// <param name="Top">The best passages.</param>
    /// <param name="Query">The query that collected them (for highlighting).</param>
    /// <param name="FellBack">The query found nothing with all its words and its OR fallback ran instead.</param>
    /// <param name="MinimumWords">For a sentence-like query: how many of its words a listed passage has at least.</param>
    private sealed record Collected(PassageCollector Collector, Ranking Top, Query Query, bool FellBack, int? MinimumWords);

    /// <summary>
    /// A sentence-like query lists fewer passages than this only when even one of its words is too many to ask for: below
    /// it, the number of words a passage must have is lowered one at a time (never below one). Chosen with
    /// <c>eval --ranking search</c> on both collections (README, Quality): at 10, SciFact's claims (about 12 words) kept too
    /// few candidates (nDCG@10 0.6289, Recall@100 0.7549; Cranfield 0.3046 / 0.3326); at 100, 0.6559 / 0.8739 and
    /// 0.3722 / 0.6681; at 1,000, 0.6620 / 0.9059 and 0.3775 / 0.7403, at least the any-word ranking's on both.
    /// </summary>
    internal const int MinimumListed = 1000;

    /// <summary>
    /// The query's pass (every passage when it has only filters), and when nothing matches, the pass of its OR fallback
    /// instead. A sentence-like query runs as its most-words version (<see cref="CompiledQuery.Partial"/>), the passages
    /// with every word ranked first; when that lists fewer than <see cref="MinimumListed"/> passages, it asks for one word
    /// fewer, and so on down to one, so a long sentence never collapses to a single hit. By relevance, passages rank by
    /// their <see cref="RankTiers"/> (how many of the words they have; a word in their own text; body before footnote),
    /// then by score.
    /// </summary>
    private Collected CollectWithFallback(IndexGeneration generation,
        QueryBudget budget, CompiledQuery compiled, FacetSelections selections, bool countFacets, SearchSort sort, int depth)
    {
        var proximity = Proximity;
        if (compiled.Partial is BooleanQuery partial)
        {
            var tiers = sort == SearchSort.Relevance ? RankTiers.For(generation, compiled) : null;
            var minimum = partial.MinimumNumberShouldMatch;
            var (collector, top) = Collect(generation, budget, partial, selections, countFacets, sort, depth, tiers, proximity);
            var used = partial;
            while (collector.Total < MinimumListed && minimum > 1)
            {
                budget.Check();
                minimum--;
                used = (BooleanQuery)partial.Clone();
                used.MinimumNumberShouldMatch = minimum;
                collector.Release();
                (collector, top) = Collect(generation, budget, used, selections, countFacets, sort, depth, tiers, proximity);
            }

            return new Collected(collector, top, used, false, minimum);
        }

        var query = compiled.Query ?? new MatchAllDocsQuery();
        var textTiers = sort == SearchSort.Relevance ? RankTiers.For(generation, compiled) : null;
        var (all, allTop) = Collect(generation, budget, query, selections, countFacets, sort, depth, textTiers, proximity);
        if (all.Matched == 0 && compiled.Fallback is not null)
        {
            budget.Check();
            var (fallbackCollector, fallbackTop) = Collect(generation, budget, compiled.Fallback, selections, countFacets, sort, depth, textTiers, proximity);
            if (fallbackCollector.Matched > 0)
            {
                all.Release();
                return new Collected(fallbackCollector, fallbackTop, compiled.Fallback, true, null);
            }

            fallbackCollector.Release();
        }

        return new Collected(all, allTop, query, false, null);
    }

    /// <summary>
    /// One pass of <paramref name="query"/> over the searchable passages: facet selections, counts, and the best
    /// <paramref name="depth"/> hits in the requested order.
    /// </summary>
    internal static (PassageCollector Collector, Ranking Top) Collect(IndexGeneration generation, QueryBudget budget,
        Query query, FacetSelections selections, bool countFacets, SearchSort sort, int depth, RankTiers? tiers = null,
        PassageProximity? proximity = null)
    {
        var searched = Searchable(generation, FlatOr(query));
        var plan = sort == SearchSort.Relevance ? proximity?.PlanFor(generation, query) : null;
        var top = new Ranking(generation, sort, Math.Max(1, depth), tiers, WordsCountedByScorer(searched, tiers), plan);
        searched = plan is null ? searched : PassageProximity.WithContexts(searched, plan.Contexts);
        var collector = new PassageCollector(generation, selections, countFacets, top.Collector, budget);
        generation.Search(searched, collector);
        return (collector, top);
    }

    /// <summary>
    /// True when <paramref name="query"/> is a sentence-like query's words and nothing else (each word a SHOULD clause, at
    /// least two required): Lucene then scores it with one scorer whose <c>Freq</c> is the number of its
    /// clauses the passage matches (BooleanScorer2 over MinShouldMatchSumScorer, or over a conjunction when every word
    /// is required), so the tiers need not read each word's matches into a bit set per segment. With filters or
    /// exclusions the top scorer's frequency means something else, and the words are read as before.
    /// </summary>
    private static bool WordsCountedByScorer(Query query, RankTiers? tiers) =>
        tiers is { Words.Length: > 0 } && query is BooleanQuery { MinimumNumberShouldMatch: > 1 } boolean
        && boolean.Clauses.Count == tiers.Words.Length && boolean.Clauses.All(c => c.Occur == Occur.SHOULD);

    /// <summary>
    /// Keeps the best hits: by relevance with our own heap (<see cref="RankedCollector"/>, out of order, so a top-level OR
    /// is scored in buckets), by date with Lucene's <see cref="TopFieldCollector"/> over the date doc values.
    /// </summary>
    internal sealed class Ranking
    {
        private readonly RankedCollector? _ranked;
        private readonly TopFieldCollector? _field;

        private PassageProximity.Plan? _proximity;

        public Ranking(IndexGeneration generation, SearchSort sort, int depth, RankTiers? tiers = null, bool wordsFromScorer = false,
            PassageProximity.Plan? proximity = null)
        {
            if (sort == SearchSort.Relevance)
            {
                // The passages proximity rescores are kept even when fewer are asked for, so every page is cut from one ranking.
                _proximity = proximity;
                _ranked = new RankedCollector(Math.Max(depth, proximity?.Settings.Window ?? 0), generation, tiers, wordsFromScorer);
            }
            else
            {
                _field = TopFieldCollector.Create(SortFor(sort), depth, fillFields: false, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
            }
        }

        public ICollector Collector => (ICollector?)_ranked ?? _field!;

        public ScoreDoc[] Top(int start, int howMany)
        {
            if (_ranked is null)
            {
                return _field!.GetTopDocs(start, howMany).ScoreDocs;
            }

            if (_proximity is { } proximity)
            {
                _proximity = null;
                _ranked.Rescore(proximity.Settings.Window, proximity.Scores);
            }

            return _ranked.Top(start, howMany);
        }

        /// <summary>Passages collected that have every word of a sentence-like query (relevance order only; null otherwise).</summary>
        public long? FirstTierCount => _ranked is { HasTiers: true } ranked ? ranked.FirstTierCount : null;
    }

    /// <summary>
    /// An OR of words (<c>--any</c>, the fallback) with each word's clause (required on the all field, optional on the
    /// title and section: <see cref="IndexFields.ScoredAlso"/>) spread into the top query's own SHOULD clauses: the same
    /// matches (a title or section term implies the all term), the same scores (BM25 does not coordinate), but flat term
    /// scorers, which Lucene's bucketed OR scores fastest. Any other query runs as it is.
    /// </summary>
    internal static Query FlatOr(Query query)
    {
        if (query is not BooleanQuery { MinimumNumberShouldMatch: 0 } top || top.Clauses.Any(c => c.Occur != Occur.SHOULD)
            || !top.Clauses.Any(c => IsScoredAlso(c.Query)))
        {
            return query;
        }

        var flat = new BooleanQuery(top.CoordDisabled) { Boost = top.Boost };
        foreach (var clause in top.Clauses)
        {
            if (!IsScoredAlso(clause.Query))
            {
                flat.Add(clause.Query, Occur.SHOULD);
                continue;
            }

            foreach (var part in ((BooleanQuery)clause.Query).Clauses)
            {
                var copy = part.Query;
                if (clause.Query.Boost != 1f)
                {
                    copy = (Query)part.Query.Clone();
                    copy.Boost *= clause.Query.Boost;
                }

                flat.Add(copy, Occur.SHOULD);
            }
        }

        return flat.Clauses.Count <= BooleanQuery.MaxClauseCount ? flat : query;
    }

    /// <summary>A bare word's clause: required on the all field, then optional on the title and section.</summary>
    internal static bool IsScoredAlso(Query query) =>
        query is BooleanQuery { MinimumNumberShouldMatch: 0 } word && word.Clauses.Count > 1
        && word.Clauses[0] is { Occur: Occur.MUST } required && FieldOf(required.Query) == IndexFields.All
        && word.Clauses.Skip(1).All(c => c.Occur == Occur.SHOULD && FieldOf(c.Query) is IndexFields.Title or IndexFields.Section);

    /// <summary>The field a term or phrase query searches; null for any other query.</summary>
    private static string? FieldOf(Query query) => query switch
    {
        TermQuery term => term.Term.Field,
        PhraseQuery phrase when phrase.GetTerms().Length > 0 => phrase.GetTerms()[0].Field,
        _ => null,
    };

    /// <summary>
    /// The query restricted to searchable passages. A query that needs a word of the text, title or section can only
    /// match them (only they have those fields), so it runs as it is; one that can match without (only filters,
    /// exclusions, every passage) gets the searchable marker as a required, non-scoring clause.
    /// </summary>
    private static Query Searchable(IndexGeneration generation, Query query) =>
        NeedsText(query) ? query : new BooleanQuery
        {
            { query, Occur.MUST },
            { new ConstantScoreQuery(generation.SearchablePassages) { Boost = 0f }, Occur.MUST },
        };

    /// <summary>True when every passage the query matches has a term of a search field.</summary>
    private static bool NeedsText(Query query) => query switch
    {
        TermQuery or PhraseQuery => FieldOf(query) is { } field && IsSearchField(field),
        MultiTermQuery multi => IsSearchField(multi.Field),
        BooleanQuery boolean when boolean.Clauses.Any(c => c.Occur == Occur.MUST) =>
            boolean.Clauses.Any(c => c.Occur == Occur.MUST && NeedsText(c.Query)),
        BooleanQuery boolean => boolean.Clauses.Any(c => c.Occur == Occur.SHOULD)
            && boolean.Clauses.Where(c => c.Occur == Occur.SHOULD).All(c => NeedsText(c.Query)),
        _ => false,
    };

    private static bool IsSearchField(string field) => field is IndexFields.All or IndexFields.Text or IndexFields.Title or IndexFields.Section;

    private static Sort SortFor(SearchSort sort) => sort switch
    {
        SearchSort.Date => new Sort([ByDate(newestFirst: true), .. TieBreak]),
        SearchSort.DateAscending => new Sort([ByDate(newestFirst: false), .. TieBreak]),
        _ => new Sort([SortField.FIELD_SCORE, .. TieBreak]),
    };

    /// <summary>By the first day a document's date stands for; undated documents last either way.</summary>
    private static SortField ByDate(bool newestFirst)
    {
        var field = new SortField(IndexFields.DateFirst, SortFieldType.INT32, newestFirst);
        field.SetMissingValue(newestFirst ? int.MinValue : int.MaxValue);
        return field;
    }

    /// <summary>
    /// The top <paramref name="depth"/> passages by BM25, without highlights, facets or paging: for evaluation
    /// and benchmarks. Filters in the request apply; the OR fallback applies as in <see cref="Search"/>.
    /// </summary>
    public IReadOnlyList<RankedPassage> Rank(SearchRequest request, int depth, CancellationToken cancellationToken = default) =>
        Top(request with { Facets = false }, depth, cancellationToken).Hits;

    /// <summary>
    /// The search's matching, counting and ranking without its presentation: the total, the facets (when
    /// <see cref="SearchRequest.Facets"/>), and the best <paramref name="depth"/> passages as ids and scores read from doc
    /// values (no stored fields, no highlights). What <see cref="Search"/> does before it builds the page; the
    /// benchmarks time it against the peers' "top-k ids" contract.
    /// </summary>
    public TopPassages Top(SearchRequest request, int depth, CancellationToken cancellationToken = default)
    {
        if (depth < 1 || depth > SearchLimits.MaxResultWindow)
            throw new SearchRequestException($"depth must be between 1 and {SearchLimits.MaxResultWindow} (got {depth}).");
        Validate(request);
        return Budgeted(request.TimeBudget, cancellationToken, (generation, budget) =>
        {
            var compiled = Compile(generation, request);
            var selections = new FacetSelections(request);
            if (compiled.Query is null && selections.IsEmpty)
                return new TopPassages(0, [], new FacetSet(), generation.Id, false);
            budget.Check();
            var (collector, top, _, fellBack, _) = CollectWithFallback(generation, budget, compiled, selections, request.Facets, request.Sort, depth);

            var hits = Keys(generation, top.Top(0, depth)).Select(k => new RankedPassage(k.PassageId, k.DocId, k.Score)).ToList();
            return new TopPassages(collector.Total, hits, collector.Facets(docId => generation.Records.Find(docId)?.Metadata.Title), generation.Id, fellBack);
        });
    }

    /// <summary>Passage and document ids of hits, from doc values (no stored-field reads).</summary>
    private static List<(string PassageId, string DocId, double Score, int Doc)> Keys(IndexGeneration generation, ScoreDoc[] hits)
    {
        var keys = new List<(string, string, double, int)>(hits.Length);
        var leaves = generation.IndexReader.Leaves;
        var scratch = new BytesRef();
        // Each lookup of a field's doc values goes through the segment's per-thread cache: once per segment, not per hit.
        var values = new (BinaryDocValues Passages, SortedDocValues Documents)?[leaves.Count];
        foreach (var hit in hits)
        {
            var index = ReaderUtil.SubIndex(hit.Doc, leaves);
            var leaf = leaves[index];
            var (passages, documents) = values[index] ??= (leaf.AtomicReader.GetBinaryDocValues(IndexFields.PassageId), leaf.AtomicReader.GetSortedDocValues(IndexFields.DocId));
            var local = hit.Doc - leaf.DocBase;
            passages.Get(local, scratch);
            var passageId = scratch.Utf8ToString();
            documents.Get(local, scratch);
            keys.Add((passageId, scratch.Utf8ToString(), Score(hit.Score), hit.Doc));
        }

        return keys;
    }

    private static double Score(float score) => float.IsNaN(score) ? 0 : Math.Round(score, 4);

    private static string? DidYouMean(string query, IVocabulary vocabulary)
    {
        var suggestion = Querying.DidYouMean.Suggest(query, vocabulary);
        return suggestion is null || string.Equals(suggestion, query, StringComparison.OrdinalIgnoreCase) ? null : suggestion;
    }

    private static void Validate(SearchRequest request)
    {
        if (request.Page < 1)
            throw new SearchRequestException($"page must be 1 or more (got {request.Page}).");
        if (request.All && request.Any)
            throw new SearchRequestException("Choose all words or any word, not both.");
        if (request.PageSize < 1 || request.PageSize > SearchLimits.MaxPageSize)
            throw new SearchRequestException($"page size must be between 1 and {SearchLimits.MaxPageSize} (got {request.PageSize}).");
        if ((long)request.Page * request.PageSize > SearchLimits.MaxResultWindow)
            throw new SearchRequestException($"Results past rank {SearchLimits.MaxResultWindow} cannot be paged to; narrow the search with filters.");
        if (request.Fields is { } fields && (fields.Count == 0 || fields.Any(f => !QueryFields.IsColumn(f.Key) || !(f.Value > 0 && float.IsFinite(f.Value)))))
            throw new SearchRequestException("fields must name text, title or section, each with a boost above zero.");
        var values = request.Sources.Count + request.Years.Count + request.Docs.Count + request.Authors.Count;
        if (values > SearchLimits.MaxFilterValues)
            throw new SearchRequestException($"Too many filter values ({values}); at most {SearchLimits.MaxFilterValues}.");
    }

    private static SearchHit MakeHit(IndexGeneration generation, ScoreDoc scored, Query? highlight, CitationStyle style) =>
        MakeHit(generation, scored, PassageRecord.Read(generation.Doc(scored.Doc)), highlight, style);

    /// <summary>The hit for <paramref name="passage"/>, already read from <paramref name="scored"/>'s stored fields.</summary>
    private static SearchHit MakeHit(IndexGeneration generation, ScoreDoc scored, Passage passage, Query? highlight, CitationStyle style)
    {
        var entry = generation.Records.Find(passage.DocId)
            ?? throw new IndexException($"The index is inconsistent: the record of {passage.DocId} is missing. {IndexDirectory.RebuildHint}");
        var meta = entry.Metadata;
        var matches = highlight is null ? [] : MatchHighlighter.Matches(highlight, IndexFields.Text, passage.Text);
        return new SearchHit
        {
            PassageId = passage.PassageId,
            DocId = meta.DocId,
            Title = meta.Title,
            SourceType = meta.SourceType,
            Date = meta.Date,
            Year = meta.Year,
            Author = meta.Author,
            Section = passage.Section,
            Ordinal = passage.Ordinal,
            Kind = passage.Kind.ToString().ToLowerInvariant(),
            Score = Score(scored.Score),
            Text = passage.Text,
            Highlight = Highlighter.ToHtml(passage.Text, matches),
            Snippet = Highlighter.Snippet(passage.Text, matches),
            Matches = matches,
            TitleHighlight = MarkedOrNull(highlight, IndexFields.Title, meta.Title),
            SectionHighlight = MarkedOrNull(highlight, IndexFields.Section, passage.Section),
            Start = passage.Start,
            End = passage.End,
            Duplicates = DuplicatesOf(generation, passage.PassageId),
            Citation = CitationFormatter.Format(meta, passage, style),
        };
    }

    /// <summary>The field's text as highlighted HTML when the query matched in it; null when it did not (or is empty).</summary>
    private static string? MarkedOrNull(Query? highlight, string field, string? text)
    {
        if (highlight is null || string.IsNullOrEmpty(text))
        {
            return null;
        }

        var matches = MatchHighlighter.Matches(highlight, field, text);
        return matches.Count == 0 ? null : Highlighter.ToHtml(text, matches);
    }

    /// <summary>Ids of the passages that repeat <paramref name="passageId"/> word for word, in document order.</summary>
    internal static IReadOnlyList<string> DuplicatesOf(IndexGeneration generation, string passageId)
    {
        var copies = new List<(int Ordinal, string Id)>();
        var term = new Term(IndexFields.DuplicateOf, passageId);
        var scratch = new BytesRef();
        foreach (var leaf in generation.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var docs = reader.GetTermDocsEnum(term);
            if (docs is null)
            {
                continue;
            }

            var live = reader.LiveDocs;
            var ids = reader.GetBinaryDocValues(IndexFields.PassageId);
            var ordinals = reader.GetNumericDocValues(IndexFields.Ordinal);
            while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                if (live is not null && !live.Get(docs.DocID))
                {
                    continue;
                }

                ids.Get(docs.DocID, scratch);
                copies.Add(((int)ordinals.Get(docs.DocID), scratch.Utf8ToString()));
            }
        }

        return copies.OrderBy(c => c.Ordinal).Select(c => c.Id).ToList();
    }

    /// <summary>Generations opened so far (tests).</summary>
    internal int GenerationsOpened => _generations.Opened;

    public void Dispose() => _generations.Dispose();
}
