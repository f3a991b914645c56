using PakRussia.Search.Search;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web.Endpoints;

/// <summary><c>GET /api/documents</c> and <c>GET /api/documents/{id}</c>: metadata, and one document's passages in order.</summary>
public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/documents", (HttpContext context, Searcher searcher) =>
            {
                context.RequestAborted.ThrowIfCancellationRequested();
                return Results.Json(searcher.Documents(), JsonDefaults.Web);
            })
            .WithName("Documents")
            .WithSummary("All documents with their metadata and passage counts")
            .Produces<IReadOnlyList<DocumentSummary>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        routes.MapGet("/api/documents/{id}", (HttpContext context, Searcher searcher, string id) =>
            {
                if (!Searcher.IsValidDocId(id))
                    return Problems.NotFound("No document has this id.");
                context.RequestAborted.ThrowIfCancellationRequested();
                var view = searcher.Document(id);
                return view is null
                    ? Problems.NotFound($"No document has the id '{QueryParameters.Printable(id)}'.")
                    : Results.Json(view, JsonDefaults.Web);
            })
            .WithName("Document")
            .WithSummary("A document's metadata and its passages in order")
            .Produces<DocumentView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }
}
