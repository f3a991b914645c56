using PakRussia.Search.Citations;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Passages;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Search;

/// <summary>
/// Answers searches over one index file: BM25-ranked passages with highlights, facet counts over the whole
/// result set, filters, duplicates collapsed, paging. Safe to share between threads (each call has a read-only
/// connection of its own, reused from earlier calls while the index file is the same; see <see cref="ReadConnections"/>).
/// </summary>
public sealed partial class Searcher(string indexPath)
{
    public string IndexPath { get; } = Path.GetFullPath(indexPath);

    private readonly ReadConnections _connections = new(Path.GetFullPath(indexPath));

    /// <summary>
    /// How long one search may run (default <see cref="SearchLimits.DefaultTimeBudget"/>); past it the statement is
    /// interrupted inside SQLite and the search throws <see cref="QueryTimeoutException"/>.
    /// <see cref="Timeout.InfiniteTimeSpan"/> or zero: no budget.
    /// </summary>
    public TimeSpan TimeBudget { get; init; } = SearchLimits.DefaultTimeBudget;

    /// <summary>
    /// Runs one search. Throws <see cref="QueryTimeoutException"/> past <see cref="TimeBudget"/> and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled; either way
    /// the running SQLite statement is interrupted, not left to finish.
    /// </summary>
    public SearchResponse Search(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        Validate(request);
        return Budgeted(request.TimeBudget, cancellationToken, (connection, budget) => SearchWithin(connection, budget, request, clock));
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a kept read connection under a time budget (<paramref name="budget"/>, else
    /// <see cref="TimeBudget"/>): every call that can cost more than a lookup by id goes through here, so each one
    /// is interrupted inside SQLite when it runs too long or its caller goes away, and a damaged file is reported as
    /// such.
    /// </summary>
    private T Budgeted<T>(TimeSpan? budget, CancellationToken cancellationToken, Func<SqliteConnection, QueryBudget, T> body)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = _connections.Rent();
        var connection = lease.Connection;
        try
        {
            // The documents catalog is read once per index generation, outside any query's budget (see DocumentCatalog.For).
            DocumentCatalog.For(connection);
        }
        catch (SqliteException ex) when (Damaged(ex) is { } damaged)
        {
            throw damaged;
        }

        using var limit = new QueryBudget(connection, budget ?? TimeBudget, cancellationToken);
        try
        {
            return body(connection, limit);
        }
        catch (SqliteException ex) when ((limit.Translate(ex) ?? Damaged(ex)) is { } stopped)
        {
            throw stopped;
        }
    }

    private static SearchResponse SearchWithin(SqliteConnection connection, QueryBudget budget, SearchRequest request, Stopwatch clock)
    {
        var catalog = DocumentCatalog.For(connection);
        var vocabulary = new SqliteVocabulary(connection);
        var compiled = QueryCompiler.Compile(request.Query, new QueryOptions { Strict = request.Strict, AnyWord = request.Any, PlainText = request.PlainText }, vocabulary);
        var warnings = new List<string>(compiled.Warnings);
        var filter = new DocumentFilter(request, compiled.Filters);
        var kinds = compiled.Filters.OfType<ValueFilter>().Where(f => f.Field == MetadataField.Kind).ToList();
        budget.Check();

        var source = MatchSource.From(compiled);
        if (source is null && filter.IsEmpty && kinds.Count == 0)
        {
            throw new SearchRequestException("The query is empty: type some words, a \"phrase\", or choose a filter.");
        }

        if (!request.Facets && filter.IsEmpty && kinds.Count == 0 && source is { Kind: MatchKind.Match })
        {
            return SearchWithoutFacets(connection, budget, catalog, compiled, source, warnings, vocabulary, request, clock);
        }

        var counts = CountPerDocument(connection, source, kinds);
        if (source is { Kind: MatchKind.Match } && counts.Count == 0 && compiled.Fallback is not null)
        {
            source = new MatchSource(MatchKind.Match, compiled.Fallback);
            budget.Check();
            counts = CountPerDocument(connection, source, kinds);
            if (counts.Count > 0)
            {
                warnings.Add("No passage has all the words; showing passages with some of them.");
            }
        }

        var allowed = counts.Keys.Where(key => catalog.ByKey.TryGetValue(key, out var doc) && filter.Allows(doc)).ToHashSet();
        var total = allowed.Sum(key => counts[key]);
        var facets = request.Facets ? CountFacets(catalog, counts, filter) : new FacetSet();
        var constrainDocs = allowed.Count < counts.Count;

        var hits = new List<SearchHit>();
        var offset = (request.Page - 1) * request.PageSize;
        if (offset < total)
        {
            budget.Check();
            foreach (var (rowId, score) in RankPage(connection, source, kinds, constrainDocs ? allowed : null, request.Sort, compiled.Weights, request.PageSize, offset))
            {
                budget.Check();
                hits.Add(MakeHit(connection, catalog, source, rowId, score, request.Style));
            }
        }

        return Respond(request, compiled, vocabulary, clock, total, warnings, hits, facets, catalog.Generation);
    }

    /// <summary>The response both search paths give; "did you mean" only when the query found nothing or very little.</summary>
    private static SearchResponse Respond(SearchRequest request, CompiledQuery compiled, IVocabulary vocabulary, Stopwatch clock,
        long total, List<string> warnings, List<SearchHit> hits, FacetSet facets, string generation) => new()
    {
        Generation = generation,
        Query = request.Query,
        Total = total,
        Page = request.Page,
        PageSize = request.PageSize,
        Warnings = warnings,
        Hits = hits,
        Facets = facets,
        Suggestion = total < 3 && compiled.Words.Count > 0 ? DidYouMean(request.Query, compiled, vocabulary) : null,
        Explain = request.Explain ? compiled.Explanation : null,
        TookMs = Math.Round(clock.Elapsed.TotalMilliseconds, 2),
    };

    /// <summary>
    /// The top <paramref name="depth"/> passages by BM25, without highlights, facets or paging: for evaluation
    /// and benchmarks. Filters in the request apply; the OR fallback applies as in <see cref="Search"/>.
    /// </summary>
    public IReadOnlyList<RankedPassage> Rank(SearchRequest request, int depth, CancellationToken cancellationToken = default)
    {
        if (depth < 1 || depth > SearchLimits.MaxResultWindow)
            throw new SearchRequestException($"depth must be between 1 and {SearchLimits.MaxResultWindow} (got {depth}).");
        return Budgeted(request.TimeBudget, cancellationToken, (connection, budget) => Rank(connection, budget, request, depth));
    }

    private static List<RankedPassage> Rank(SqliteConnection connection, QueryBudget budget, SearchRequest request, int depth)
    {
        var catalog = DocumentCatalog.For(connection);
        var compiled = QueryCompiler.Compile(request.Query, new QueryOptions { Strict = request.Strict, AnyWord = request.Any, PlainText = request.PlainText }, new SqliteVocabulary(connection));
        var filter = new DocumentFilter(request, compiled.Filters);
        var kinds = compiled.Filters.OfType<ValueFilter>().Where(f => f.Field == MetadataField.Kind).ToList();
        if (MatchSource.From(compiled) is not { Kind: MatchKind.Match } source)
            return [];
        HashSet<long>? allowed = filter.IsEmpty ? null : catalog.Entries.Where(e => filter.Allows(e)).Select(e => e.DocKey).ToHashSet();
        budget.Check();
        var page = RankPage(connection, source, kinds, allowed, request.Sort, compiled.Weights, depth, 0);
        if (page.Count == 0 && compiled.Fallback is not null && Checked(budget))
            page = RankPage(connection, source with { Expression = compiled.Fallback }, kinds, allowed, request.Sort, compiled.Weights, depth, 0);
        return page.Select(p =>
        {
            var doc = catalog.ByKey[IndexSchema.DocKeyOf(p.RowId)].Metadata.DocId;
            return new RankedPassage(Passage.MakeId(doc, (int)(p.RowId & (IndexSchema.MaxPassagesPerDocument - 1))), doc, p.Score);
        }).ToList();
    }

    /// <summary>
    /// Without facets and filters the total is one count(*) over the matches and the page one ranked query:
    /// the cheapest path, which the benchmark's facets-off mode measures.
    /// </summary>
    /// <summary>
    /// A file whose header is intact but whose pages are not (truncated, overwritten) passes the checks at open and
    /// fails mid-query: that is an index problem to rebuild, never a bad request or a crash.
    /// </summary>
    private IndexException? Damaged(SqliteException ex) =>
        ex.SqliteErrorCode is 11 /* SQLITE_CORRUPT */ or 26 /* SQLITE_NOTADB */
            ? new IndexException($"{IndexPath} is damaged ({ex.Message.TrimEnd('.')}). Rebuild it with: pakrussia index --rebuild", ex)
            : null;

    private static bool Checked(QueryBudget budget)
    {
        budget.Check();
        return true;
    }

    private static SearchResponse SearchWithoutFacets(SqliteConnection connection, QueryBudget budget, DocumentCatalog catalog, CompiledQuery compiled, MatchSource source,
        List<string> warnings, IVocabulary vocabulary, SearchRequest request, Stopwatch clock)
    {
        var offset = (request.Page - 1) * request.PageSize;
        var page = RankPage(connection, source, [], null, request.Sort, compiled.Weights, request.PageSize, offset);
        if (page.Count == 0 && offset == 0 && compiled.Fallback is not null)
        {
            source = source with { Expression = compiled.Fallback };
            budget.Check();
            page = RankPage(connection, source, [], null, request.Sort, compiled.Weights, request.PageSize, offset);
            if (page.Count > 0)
                warnings.Add("No passage has all the words; showing passages with some of them.");
        }

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH $m";
        count.Parameters.AddWithValue("$m", source.Expression);
        budget.Check();
        var total = Convert.ToInt64(Execute(count, c => c.ExecuteScalar()));
        var hits = page.Select(p =>
        {
            budget.Check();
            return MakeHit(connection, catalog, source, p.RowId, p.Score, request.Style);
        }).ToList();
        return Respond(request, compiled, vocabulary, clock, total, warnings, hits, new FacetSet(), catalog.Generation);
    }

    private static string? DidYouMean(string query, CompiledQuery compiled, IVocabulary vocabulary)
    {
        var suggestion = Querying.DidYouMean.Suggest(query, vocabulary);
        return suggestion is null || string.Equals(suggestion, query, StringComparison.OrdinalIgnoreCase) ? null : suggestion;
    }

    private static void Validate(SearchRequest request)
    {
        if (request.Page < 1)
            throw new SearchRequestException($"page must be 1 or more (got {request.Page}).");
        if (request.PageSize < 1 || request.PageSize > SearchLimits.MaxPageSize)
            throw new SearchRequestException($"page size must be between 1 and {SearchLimits.MaxPageSize} (got {request.PageSize}).");
        if ((long)request.Page * request.PageSize > SearchLimits.MaxResultWindow)
            throw new SearchRequestException($"Results past rank {SearchLimits.MaxResultWindow} cannot be paged to; narrow the search with filters.");
        var values = request.Sources.Count + request.Years.Count + request.Docs.Count + request.Authors.Count;
        if (values > SearchLimits.MaxFilterValues)
            throw new SearchRequestException($"Too many filter values ({values}); at most {SearchLimits.MaxFilterValues}.");
    }

    private enum MatchKind { Match, ExcludeOnly }

    /// <summary>What selects the passages: an FTS5 expression they match, or one they must not match.</summary>
    private sealed record MatchSource(MatchKind Kind, string Expression)
    {
        public static MatchSource? From(CompiledQuery compiled) =>
            compiled.Match is { } match ? new MatchSource(MatchKind.Match, match)
            : compiled.ExcludeOnly is { } exclude ? new MatchSource(MatchKind.ExcludeOnly, exclude)
            : null;
    }

    /// <summary>Matching passages per document, counted in SQL (grouped by the document part of the rowid).</summary>
    private static Dictionary<long, long> CountPerDocument(SqliteConnection connection, MatchSource? source, IReadOnlyList<ValueFilter> kinds)
    {
        using var command = connection.CreateCommand();
        var kindSql = KindSql(command, kinds, "p");
        command.CommandText = source switch
        {
            { Kind: MatchKind.Match } when kindSql.Length == 0 =>
                "SELECT rowid >> 20, count(*) FROM passage_fts WHERE passage_fts MATCH $m GROUP BY 1",
            { Kind: MatchKind.Match } =>
                $"SELECT f.rowid >> 20, count(*) FROM passage_fts f JOIN passages p ON p.rowid = f.rowid WHERE passage_fts MATCH $m {kindSql} GROUP BY 1",
            { Kind: MatchKind.ExcludeOnly } =>
                $"SELECT p.doc_key, count(*) FROM passages p WHERE {IndexWriter.SearchableSql("p")} AND p.rowid NOT IN (SELECT rowid FROM passage_fts WHERE passage_fts MATCH $m) {kindSql} GROUP BY 1",
            _ => $"SELECT p.doc_key, count(*) FROM passages p WHERE {IndexWriter.SearchableSql("p")} {kindSql} GROUP BY 1",
        };
        if (source is not null)
        {
            command.Parameters.AddWithValue("$m", source.Expression);
        }

        var counts = new Dictionary<long, long>();
        using var reader = Execute(command);
        while (reader.Read())
        {
            counts[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static string KindSql(SqliteCommand command, IReadOnlyList<ValueFilter> kinds, string alias)
    {
        var sql = "";
        var n = 0;
        foreach (var kind in kinds)
        {
            var names = new List<string>();
            foreach (var value in kind.Values)
            {
                var name = $"$kind{n++}";
                command.Parameters.AddWithValue(name, value.ToLowerInvariant());
                names.Add(name);
            }

            sql += $" AND {alias}.kind {(kind.Negated ? "NOT IN" : "IN")} ({string.Join(", ", names)})";
        }

        return sql;
    }

    private static FacetSet CountFacets(DocumentCatalog catalog, Dictionary<long, long> counts, DocumentFilter filter)
    {
        // Each facet counts with every filter except its own selection (multi-select, as Solr's tag/exclude).
        var bySource = new Dictionary<string, long>(StringComparer.Ordinal);
        var byYear = new Dictionary<string, long>(StringComparer.Ordinal);
        var byDocument = new Dictionary<string, (long Count, string Title)>(StringComparer.Ordinal);
        var byAuthor = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in counts)
        {
            if (!catalog.ByKey.TryGetValue(key, out var doc)) continue;
            var meta = doc.Metadata;
            if (filter.Allows(doc, Facet.Source))
                bySource[meta.SourceType] = bySource.GetValueOrDefault(meta.SourceType) + count;
            if (meta.Year is { } year && filter.Allows(doc, Facet.Year))
                byYear[year.ToString()] = byYear.GetValueOrDefault(year.ToString()) + count;
            if (filter.Allows(doc, Facet.Document))
                byDocument[meta.DocId] = (byDocument.GetValueOrDefault(meta.DocId).Count + count, meta.Title);
            if (meta.Author is { } author && filter.Allows(doc, Facet.Author))
                byAuthor[author] = byAuthor.GetValueOrDefault(author) + count;
        }

        static IReadOnlyList<FacetValue> Top(IEnumerable<FacetValue> values) =>
            values.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).Take(50).ToList();

        return new FacetSet
        {
            SourceType = Top(bySource.Select(p => new FacetValue(p.Key, p.Value))),
            // Years read best in order; the web page draws them as a bar chart.
            Year = byYear.Select(p => new FacetValue(p.Key, p.Value)).OrderBy(v => v.Value, StringComparer.Ordinal).ToList(),
            Document = Top(byDocument.Select(p => new FacetValue(p.Key, p.Value.Count, p.Value.Title))),
            Author = Top(byAuthor.Select(p => new FacetValue(p.Key, p.Value))),
        };
    }

    private static List<(long RowId, double Score)> RankPage(SqliteConnection connection, MatchSource? source, IReadOnlyList<ValueFilter> kinds,
        HashSet<long>? allowedDocs, SearchSort sort, ColumnWeights? weights, int limit, int offset)
    {
        using var command = connection.CreateCommand();
        var fromFts = source is { Kind: MatchKind.Match };
        var alias = fromFts ? "f" : "p";
        var kindSql = KindSql(command, kinds, "p");
        var docSql = "";
        if (allowedDocs is not null)
        {
            if (allowedDocs.Count == 1)
            {
                var key = allowedDocs.First();
                docSql = $" AND {alias}.rowid >= $lo AND {alias}.rowid < $hi";
                command.Parameters.AddWithValue("$lo", IndexSchema.RowId(key, 0));
                command.Parameters.AddWithValue("$hi", IndexSchema.RowId(key + 1, 0));
            }
            else
            {
                docSql = $" AND ({alias}.rowid >> 20) IN (SELECT value FROM json_each($docs))";
                command.Parameters.AddWithValue("$docs", JsonSerializer.Serialize(allowedDocs));
            }
        }

        var dateJoin = sort == SearchSort.Relevance ? "" : $" JOIN documents d ON d.doc_key = ({alias}.rowid >> 20)";
        var dateOrder = sort switch
        {
            SearchSort.Date => "d.date_first IS NULL, d.date_first DESC, ",
            SearchSort.DateAscending => "d.date_first IS NULL, d.date_first ASC, ",
            _ => "",
        };
        if (fromFts)
        {
            var join = kindSql.Length > 0 ? " JOIN passages p ON p.rowid = f.rowid" : "";
            var (wt, wti, ws) = weights is null ? IndexSchema.DefaultWeights : (weights.Text, weights.Title, weights.Section);
            command.CommandText = $"""
                SELECT f.rowid, bm25(passage_fts, {wt:0.0##}, {wti:0.0##}, {ws:0.0##}) AS s FROM passage_fts f{join}{dateJoin}
                WHERE passage_fts MATCH $m{kindSql}{docSql}
                ORDER BY {dateOrder}s, f.rowid LIMIT $limit OFFSET $offset
                """;
        }
        else
        {
            var exclude = source is null ? "" : " AND p.rowid NOT IN (SELECT rowid FROM passage_fts WHERE passage_fts MATCH $m)";
            command.CommandText = $"""
                SELECT p.rowid, 0.0 FROM passages p{dateJoin}
                WHERE {IndexWriter.SearchableSql("p")}{exclude}{kindSql}{docSql}
                ORDER BY {dateOrder}p.rowid LIMIT $limit OFFSET $offset
                """;
        }

        if (source is not null)
        {
            command.Parameters.AddWithValue("$m", source.Expression);
        }

        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        var page = new List<(long, double)>();
        using var reader = Execute(command);
        while (reader.Read())
        {
            page.Add((reader.GetInt64(0), Math.Round(-reader.GetDouble(1), 4)));
        }

        return page;
    }

    private static SearchHit MakeHit(SqliteConnection connection, DocumentCatalog catalog, MatchSource? source, long rowId, double score, CitationStyle style)
    {
        var (passage, doc) = ReadPassage(connection, catalog, rowId);
        var highlighted = new Highlighter.Highlighted(passage.Text, []);
        string? titleHighlight = null, sectionHighlight = null;
        if (source is { Kind: MatchKind.Match })
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT highlight(passage_fts, 0, char(57344), char(57345)), highlight(passage_fts, 1, char(57344), char(57345)),
                       highlight(passage_fts, 2, char(57344), char(57345))
                FROM passage_fts WHERE passage_fts MATCH $m AND rowid = $r
                """;
            command.Parameters.AddWithValue("$m", source.Expression);
            command.Parameters.AddWithValue("$r", rowId);
            using var reader = Execute(command);
            if (reader.Read())
            {
                highlighted = Highlighter.Parse(reader.GetString(0));
                titleHighlight = MarkedOrNull(reader, 1);
                sectionHighlight = MarkedOrNull(reader, 2);
            }
        }

        var meta = doc.Metadata;
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
            Score = score,
            Text = highlighted.Text,
            Highlight = Highlighter.ToHtml(highlighted.Text, highlighted.Matches),
            Snippet = Highlighter.Snippet(highlighted.Text, highlighted.Matches),
            Matches = highlighted.Matches,
            TitleHighlight = titleHighlight,
            SectionHighlight = sectionHighlight,
            Start = passage.Start,
            End = passage.End,
            Duplicates = DuplicatesOf(connection, passage.PassageId),
            Citation = CitationFormatter.Format(meta, passage with { DocId = meta.DocId }, style),
        };
    }

    /// <summary>The column's text as highlighted HTML when the query matched in it; null when it did not (or is empty).</summary>
    private static string? MarkedOrNull(SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var parsed = Highlighter.Parse(reader.GetString(ordinal));
        return parsed.Matches.Count == 0 ? null : Highlighter.ToHtml(parsed.Text, parsed.Matches);
    }

    internal static (Passage Passage, DocumentCatalog.Entry Document) ReadPassage(SqliteConnection connection, DocumentCatalog catalog, long rowId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {PassageRecord.Columns} FROM passages p WHERE p.rowid = $r";
        command.Parameters.AddWithValue("$r", rowId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new IndexException($"The index is inconsistent: passage row {rowId} is missing. Rebuild it with: pakrussia index --rebuild");
        }

        var (_, docKey, passage) = PassageRecord.Read(reader);
        var doc = catalog.ByKey[docKey];
        return (passage with { DocId = doc.Metadata.DocId }, doc);
    }

    internal static IReadOnlyList<string> DuplicatesOf(SqliteConnection connection, string passageId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT passage_id FROM passages WHERE duplicate_of = $id ORDER BY rowid";
        command.Parameters.AddWithValue("$id", passageId);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Runs a statement that carries user text; an FTS5 complaint becomes a bad-request error, never a crash.</summary>
    private static SqliteDataReader Execute(SqliteCommand command) => Execute(command, c => c.ExecuteReader());

    private static T Execute<T>(SqliteCommand command, Func<SqliteCommand, T> run)
    {
        try
        {
            return run(command);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1 /* SQLITE_ERROR: e.g. an fts5 syntax error */)
        {
            throw new SearchRequestException("The query could not be run as written; try removing special characters.");
        }
    }
}
