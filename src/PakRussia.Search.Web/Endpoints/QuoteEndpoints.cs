using PakRussia.Search.Citations;
using PakRussia.Search.Quotes;
using PakRussia.Search.Search;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web.Endpoints;

/// <summary><c>GET /api/quote?text=</c>: where a quote comes from; the same JSON as <c>pakrussia quote --json</c>.</summary>
public static class QuoteEndpoints
{
    public static IEndpointRouteBuilder MapQuotes(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/quote", Find)
            .WithName("Quote")
            .WithSummary("Find where a quote comes from")
            .WithDescription("text: the quote (4-400 words, at most 3,000 characters; case, quote marks, dashes, accents and line breaks do not matter, "
                + "\"...\" stands for left-out words); style: citation style of each match's 'citation' (plain, apa, bibtex, ris; 'citations' has all); "
                + "max: at most this many different wordings (1-100, default 20). found=false with 'closest' when the quote is nowhere; 400 for a quote too short or too long.")
            .Produces<QuoteResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static IResult Find(HttpContext http, Searcher searcher, string? text = null, string? style = null, string? max = null)
    {
        var query = http.Request.Query;
        if (query["text"].Count > 1)
            return Problems.BadRequest("'text' was given more than once; give it once.");
        var quote = query["text"].Count == 1 ? query["text"][0] ?? "" : "";
        if (string.IsNullOrWhiteSpace(quote))
            return Problems.BadRequest("Give the quote to look up in 'text'.");
        var citationStyle = QueryParameters.Style(query["style"]);
        var maxMatches = QueryParameters.Int(query["max"], "max", 20);

        http.RequestAborted.ThrowIfCancellationRequested();
        // A quote that is too short or too long is a SearchRequestException: 400 problem+json from the middleware.
        return Results.Json(searcher.FindQuote(quote, maxMatches, citationStyle, http.RequestAborted), JsonDefaults.Web);
    }
}
