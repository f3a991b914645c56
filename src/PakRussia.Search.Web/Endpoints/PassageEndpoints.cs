using PakRussia.Search.Search;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web.Endpoints;

/// <summary><c>GET /api/passages/{id}?context=N</c>: a passage with N passages either side, its document and citation.</summary>
public static class PassageEndpoints
{
    public static IEndpointRouteBuilder MapPassages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/passages/{id}", Show)
            .WithName("Passage")
            .WithSummary("A passage in context")
            .WithDescription("context: passages to include before and after (0-20, default 0).")
            .Produces<PassageView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static IResult Show(HttpContext http, Searcher searcher, string id, string? context = null)
    {
        var around = QueryParameters.Int(http.Request.Query["context"], "context", 0);
        if (around < 0 || around > SearchLimits.MaxContext)
            return Problems.BadRequest($"'context' must be between 0 and {SearchLimits.MaxContext} (got {around}).");
        // Ids are checked before any lookup; one that fails the check is simply unknown. Nothing here reads a file by name.
        if (!Searcher.IsValidPassageId(id))
            return Problems.NotFound("No passage has this id. Passage ids look like news-ties-closer.p3.");
        http.RequestAborted.ThrowIfCancellationRequested();
        var view = searcher.Show(id, around);
        return view is null
            ? Problems.NotFound($"No passage has the id '{QueryParameters.Printable(id)}'.")
            : Results.Json(view, JsonDefaults.Web);
    }
}
