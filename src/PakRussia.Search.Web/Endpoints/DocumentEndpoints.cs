using PakRussia.Search.Search;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web.Endpoints;

/// <summary><c>GET /api/documents</c> and <c>GET /api/documents/{id}</c>: metadata, and one document's passages in order.</summary>
public static class DocumentEndpoints
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1_000;

    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder routes)
    {
        // Paged: an imported corpus can hold hundreds of thousands of documents, far too many for one answer.
        routes.MapGet("/api/documents", (HttpContext context, Searcher searcher, string? page = null, string? size = null) =>
            {
                var query = context.Request.Query;
                var pageNumber = QueryParameters.Int(query["page"], "page", 1);
                var pageSize = QueryParameters.Int(query["size"], "size", DefaultPageSize);
                if (pageNumber < 1)
                    return Problems.BadRequest($"'page' must be 1 or more (got {pageNumber}).");
                if (pageSize is < 1 or > MaxPageSize)
                    return Problems.BadRequest($"'size' must be between 1 and {MaxPageSize} (got {pageSize}).");
                context.RequestAborted.ThrowIfCancellationRequested();
                var (total, documents) = searcher.Documents((long)(pageNumber - 1) * pageSize, pageSize);
                return Results.Json(new DocumentPage(total, pageNumber, pageSize, documents), JsonDefaults.Web);
            })
            .WithName("Documents")
            .WithSummary("Documents with their metadata and passage counts, a page at a time")
            .WithDescription($"page: from 1 (default 1); size: 1-{MaxPageSize} (default {DefaultPageSize}). Documents are in index order; total counts them all.")
            .Produces<DocumentPage>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
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

/// <summary>One page of <c>GET /api/documents</c>: how many documents there are in all, and this page's.</summary>
public sealed record DocumentPage(int Total, int Page, int Size, IReadOnlyList<DocumentSummary> Documents);
