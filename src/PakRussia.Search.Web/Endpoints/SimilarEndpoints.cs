using PakRussia.Search.Citations;
using PakRussia.Search.Search;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web.Endpoints;

/// <summary>
/// "More like this": <c>GET /api/passages/{id}/similar</c>, <c>GET /api/documents/{id}/similar</c> and
/// <c>GET /api/similar?text=</c>; the same JSON as <c>pakrussia similar --json</c>.
/// </summary>
public static class SimilarEndpoints
{
    private const string Filters = "top: how many (1-100, default 10); source, year, doc, author, from, to: the search filters; style: citation style (plain, apa, bibtex, ris).";

    public static IEndpointRouteBuilder MapSimilar(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/passages/{id}/similar", (HttpContext http, Searcher searcher, string id) =>
            {
                if (!Searcher.IsValidPassageId(id))
                    return Problems.NotFound("No passage has this id. Passage ids look like news-ties-closer.p3.");
                return Passages(http, searcher, Request(http) with { PassageId = id }, id);
            })
            .WithName("SimilarPassages")
            .WithSummary("Passages like this passage")
            .WithDescription("Passages that share this passage's most telling words (Lucene's MoreLikeThis), the passage and its word-for-word copies left out; "
                + "each hit's highlight marks the shared words and sharedTerms lists them. " + Filters)
            .Produces<SimilarResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        routes.MapGet("/api/similar", (HttpContext http, Searcher searcher) =>
            {
                var text = QueryParameters.Text(http.Request.Query["text"], "text", SimilarSearch.MaxTextLength);
                if (string.IsNullOrWhiteSpace(text))
                    return Problems.BadRequest("Give the text to compare in 'text'.");
                return Passages(http, searcher, Request(http) with { Text = text }, null);
            })
            .WithName("SimilarToText")
            .WithSummary("Passages like a pasted text")
            .WithDescription($"text: a sentence or paragraph (at most {SimilarSearch.MaxTextLength} characters). " + Filters)
            .Produces<SimilarResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        routes.MapGet("/api/documents/{id}/similar", (HttpContext http, Searcher searcher, string id) =>
            {
                if (!Searcher.IsValidDocId(id))
                    return Problems.NotFound("No document has this id.");
                http.RequestAborted.ThrowIfCancellationRequested();
                var response = searcher.SimilarDocuments(Request(http) with { DocId = id }, http.RequestAborted);
                if (response is null)
                    return Problems.NotFound($"No document has the id '{QueryParameters.Printable(id)}'.");
                Generation(http, response.Generation);
                return Results.Json(response, JsonDefaults.Web);
            })
            .WithName("SimilarDocuments")
            .WithSummary("Documents like this document")
            .WithDescription("Documents whose passages share this document's most telling words; each scores as the sum of its best three passages. " + Filters)
            .Produces<SimilarDocumentsResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static IResult Passages(HttpContext http, Searcher searcher, SimilarRequest request, string? id)
    {
        http.RequestAborted.ThrowIfCancellationRequested();
        var response = searcher.Similar(request, http.RequestAborted);
        if (response is null)
            return Problems.NotFound($"No passage has the id '{QueryParameters.Printable(id ?? "")}'.");
        Generation(http, response.Generation);
        return Results.Json(response, JsonDefaults.Web);
    }

    /// <summary>top, the filters and the citation style (bad values are 400s from <see cref="QueryParameters"/>).</summary>
    private static SimilarRequest Request(HttpContext http)
    {
        var query = http.Request.Query;
        var style = QueryParameters.Style(query["style"]);
        return new SimilarRequest
        {
            Top = QueryParameters.Int(query["top"], "top", 10),
            Filters = QueryParameters.Filters(query) with { Style = style },
        };
    }

    private static void Generation(HttpContext http, string? generation)
    {
        if (generation is not null)
            http.Response.Headers["X-Index-Generation"] = generation;
    }
}
