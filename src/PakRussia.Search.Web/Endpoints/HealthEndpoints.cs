using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web.Endpoints;

/// <summary><c>GET /health</c>: 200 with the index's counts, 503 when there is no usable index.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", (Searcher searcher) =>
            {
                try
                {
                    var stats = searcher.Stats();
                    return Results.Json(new HealthResponse("ok", stats.Documents, stats.Passages, stats.Generation, stats.BuiltAt, stats.CorpusFingerprint), JsonDefaults.Web);
                }
                catch (IndexException ex)
                {
                    return Problems.Unavailable(ex.Message);
                }
            })
            .WithName("Health")
            .WithSummary("Whether the index is usable, with its document and passage counts")
            .Produces<HealthResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }
}

public sealed record HealthResponse(string Status, long Documents, long Passages, string Generation, string? BuiltAt, string CorpusFingerprint);
