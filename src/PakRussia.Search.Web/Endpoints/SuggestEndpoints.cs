using PakRussia.Search.Search;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web.Endpoints;

/// <summary><c>GET /api/suggest?q=</c>: completions of the last word being typed, from the index vocabulary.</summary>
public static class SuggestEndpoints
{
    public const int DefaultLimit = 8;

    public static IEndpointRouteBuilder MapSuggest(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/suggest", Suggest)
            .WithName("Suggest")
            .WithSummary("Completions for the search box")
            .WithDescription("q: what the user has typed (the last word is completed); limit: 1-20 (default 8).")
            .Produces<SuggestResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static IResult Suggest(HttpContext context, Searcher searcher, string? q = null, string? limit = null)
    {
        var query = QueryParameters.Query(context.Request.Query["q"]);
        var count = QueryParameters.Int(context.Request.Query["limit"], "limit", DefaultLimit);
        if (count is < 1 or > 20)
            return Problems.BadRequest($"'limit' must be between 1 and 20 (got {count}).");
        context.RequestAborted.ThrowIfCancellationRequested();
        return Results.Json(new SuggestResponse(query, searcher.Suggest(query, count, context.RequestAborted)), JsonDefaults.Web);
    }
}

/// <summary>The text the completions are for, and the completed words (most frequent first).</summary>
public sealed record SuggestResponse(string Query, IReadOnlyList<string> Completions);
