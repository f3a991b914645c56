using PakRussia.Search.Citations;
using PakRussia.Search.Search;
using PakRussia.Search.Snapshots;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web.Endpoints;

/// <summary>
/// <c>GET /api/snapshot?q=…</c>: the snapshot of a search (every hit, at most 10,000, with the corpus fingerprint) as a
/// JSON download, the same file as <c>pakrussia search … --snapshot FILE</c>; the page's "Save this search" links here.
/// </summary>
public static class SnapshotEndpoints
{
    public const string FingerprintHeader = "X-Corpus-Fingerprint";

    public static IEndpointRouteBuilder MapSnapshots(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/snapshot", Snapshot)
            .WithName("Snapshot")
            .WithSummary("Download a snapshot of a search, to check later with pakrussia snapshot check")
            .WithDescription("The parameters of /api/search (q, source, year, from, to, doc, author, sort, any, strict; page and size are ignored) plus "
                + "style: the style of the hits' citations (plain, apa, bibtex, ris). The answer is the snapshot JSON (format pakrussia-snapshot, version 1).")
            .Produces<SearchSnapshot>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static IResult Snapshot(
        HttpContext context, Searcher searcher,
        string? q = null, string[]? source = null, string[]? year = null, string? from = null, string? to = null,
        string[]? doc = null, string[]? author = null, string? sort = null, string? any = null, string? strict = null, string? style = null)
    {
        var query = context.Request.Query;
        var citationStyle = QueryParameters.Style(query["style"]);

        var request = QueryParameters.SearchRequest(query) with { Style = citationStyle };
        var snapshot = SearchSnapshot.From(request, searcher.Results(request, context.RequestAborted), DateTimeOffset.UtcNow);
        var headers = context.Response.Headers;
        headers[FingerprintHeader] = snapshot.CorpusFingerprint;
        if (snapshot.Generation is { } generation)
            headers["X-Index-Generation"] = generation;
        headers.ContentDisposition = "attachment; filename=\"pakrussia-snapshot.json\"";
        headers.CacheControl = "no-store";
        return Results.Text(SnapshotFile.ToJson(snapshot) + "\n", "application/json; charset=utf-8");
    }
}
