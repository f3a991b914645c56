using PakRussia.Search.Concordance;
using PakRussia.Search.Search;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web.Endpoints;

/// <summary>
/// The corpus statistics: <c>GET /api/keywords</c>, <c>GET /api/trend</c> and <c>GET /api/dispersion</c>, the same JSON as
/// <c>pakrussia keywords|trend|dispersion --json</c>, with the search filters (source, year, from, to, doc, author).
/// </summary>
public static class CorpusStatsEndpoints
{
    private const string Filters = "source, year, from, to, doc, author: the search filters.";

    /// <summary>Keywords read the whole vocabulary's postings: they get this many times the server's query budget.</summary>
    public const int KeywordBudgetFactor = 5;

    public static IEndpointRouteBuilder MapKeywords(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/keywords", (HttpContext http, Searcher searcher, WebServerOptions options) =>
            {
                var query = http.Request.Query;
                var target = QueryParameters.Filters(query) with
                {
                    Query = QueryParameters.Query(query["q"]),
                    TimeBudget = options.QueryTimeBudget * KeywordBudgetFactor,
                };
                var response = searcher.Keywords(new KeywordRequest
                {
                    Target = target,
                    MinFrequency = QueryParameters.Int(query["minFrequency"], "minFrequency", 3),
                    Top = QueryParameters.Int(query["top"], "top", 30),
                    StopWords = QueryParameters.Bool(query["stopWords"], "stopWords"),
                    Negative = QueryParameters.Bool(query["negative"], "negative"),
                    Reference = ReferenceOf(query, target.TimeBudget),
                }, http.RequestAborted);
                return Json(http, response, response.Generation);
            })
            .WithName("Keywords")
            .WithSummary("Words distinctive of part of the corpus")
            .WithDescription("The target is the passages matching q (optional) and the filters (at least one of them); the reference is every other searchable passage. "
                + "Signed log-likelihood G² (Rayson & Garside 2000) and log ratio (Hardie 2014). minFrequency (default 3), top (1-500, default 30), stopWords (keep them), "
                + "negative=true (the under-represented words instead; minFrequency then applies to the reference). A reference other than the rest of the corpus: refQ and "
                + "refSource, refYear, refFrom, refTo, refDoc, refAuthor (passages in both count for the target). " + Filters)
            .Produces<KeywordResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    /// <summary>Keywords' reference from refQ and refSource, refYear, …; null when none is given (the rest of the corpus).</summary>
    private static SearchRequest? ReferenceOf(IQueryCollection query, TimeSpan? budget) =>
        QueryParameters.AnyWithPrefix(query, "ref")
            ? QueryParameters.Filters(query, "ref") with { Query = QueryParameters.Query(query["refQ"], "refQ"), TimeBudget = budget }
            : null;

    public static IEndpointRouteBuilder MapTrend(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/trend", (HttpContext http, Searcher searcher) =>
            {
                var query = http.Request.Query;
                var terms = QueryParameters.Many(query["term"], "term");
                if (terms.Count == 0)
                    return Problems.BadRequest("Give at least one 'term': a word or a \"quoted phrase\" (term=a&term=b).");
                var response = searcher.Trend(new TrendRequest
                {
                    Terms = terms,
                    BySource = QueryParameters.Bool(query["bySource"], "bySource"),
                    Filters = QueryParameters.Filters(query),
                }, http.RequestAborted);
                return Json(http, response, response.Generation);
            })
            .WithName("Trend")
            .WithSummary("Occurrences of terms per year")
            .WithDescription($"term: a word (with its stemmed forms) or a quoted phrase, repeatable (at most {TrendLimits.MaxTerms}); bySource: one row per year and source type. "
                + "Per year: words of text, documents, and per term the count, the count per 10,000 words and the documents that have it. " + Filters)
            .Produces<TrendResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    public static IEndpointRouteBuilder MapDispersion(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/dispersion", (HttpContext http, Searcher searcher) =>
            {
                var query = http.Request.Query;
                var term = QueryParameters.Single(query["term"], "term");
                if (string.IsNullOrWhiteSpace(term))
                    return Problems.BadRequest("Give the 'term': a word or a \"quoted phrase\".");
                var response = searcher.Dispersion(new DispersionRequest
                {
                    Term = term,
                    Top = QueryParameters.Int(query["top"], "top", 100),
                    Filters = QueryParameters.Filters(query),
                }, http.RequestAborted);
                return Json(http, response, response.Generation);
            })
            .WithName("Dispersion")
            .WithSummary("Where a term occurs in each document")
            .WithDescription($"term: a word or a quoted phrase; top: documents to list, most occurrences first (1-{DispersionRequest.MaxTop}, default 100). "
                + "Per document: its length and each occurrence's offset, in characters of its cleaned text. " + Filters)
            .Produces<DispersionResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static IResult Json<T>(HttpContext http, T response, string? generation)
    {
        if (generation is not null)
            http.Response.Headers["X-Index-Generation"] = generation;
        return Results.Json(response, JsonDefaults.Web);
    }
}
