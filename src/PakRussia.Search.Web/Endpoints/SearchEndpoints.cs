using PakRussia.Search.Search;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web.Endpoints;

/// <summary><c>GET /api/search</c>: ranked passages, highlights, facets; the same JSON as <c>pakrussia search --json</c>.</summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/search", Search)
            .WithName("Search")
            .WithSummary("Search passages")
            .WithDescription("q: the query (at most 1000 characters); source, year, doc, author: facet filters (repeatable: values of one facet combine with OR); "
                + "from/to: date bounds (2014, 2014-03, 2014-03-05); sort: relevance, date or date-asc; page (from 1); size (1-100); any: match any word; all: require every word "
                + "(a query of three or more words otherwise also lists passages with fewer of them, after those with all, each naming the words it lacks in 'missing'); "
                + "strict: a malformed query is an error; explain: include how the query was read.")
            .Produces<SearchResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    // Parameters are declared as strings so that OpenAPI lists them and a malformed value becomes our own 400,
    // not a framework binding failure.
    private static IResult Search(
        HttpContext context, Searcher searcher,
        string? q = null, string[]? source = null, string[]? year = null, string? from = null, string? to = null,
        string[]? doc = null, string[]? author = null, string? sort = null, string? page = null, string? size = null,
        string? any = null, string? all = null, string? strict = null, string? explain = null)
    {
        var query = context.Request.Query;
        var request = QueryParameters.SearchRequest(query) with
        {
            Page = QueryParameters.Int(query["page"], "page", 1),
            PageSize = QueryParameters.Int(query["size"], "size", 10),
            Explain = QueryParameters.Bool(query["explain"], "explain"),
        };

        // A client that goes away cancels its query while Lucene collects it; the generation header lets load tests check
        // that every answer came from one index generation, even during a rebuild.
        var response = searcher.Search(request, context.RequestAborted);
        if (response.Generation is { } generation)
        {
            context.Response.Headers["X-Index-Generation"] = generation;
        }

        if (response.CorpusFingerprint is { } fingerprint)
        {
            context.Response.Headers[SnapshotEndpoints.FingerprintHeader] = fingerprint;
        }

        return Results.Json(response, JsonDefaults.Web);
    }
}
