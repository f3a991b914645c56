using System.Text;
using PakRussia.Search.Concordance;
using PakRussia.Search.Search;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web.Endpoints;

/// <summary>
/// The concordance, <c>GET /api/kwic</c>, and collocates, <c>GET /api/collocates</c>: the same JSON as
/// <c>pakrussia kwic --json</c> and <c>pakrussia collocates --json</c>, or CSV/TSV with <c>format</c>.
/// </summary>
public static class KwicEndpoints
{
    private const string Query = "q: the query, as search reads it (any, all, strict too); source, year, doc, author, from, to: the search filters.";

    public static IEndpointRouteBuilder MapKwic(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/kwic", (HttpContext http, Searcher searcher) =>
            {
                var query = http.Request.Query;
                var format = Format(query["format"], "csv, tsv or json");
                if (format is not (null or "json" or "csv" or "tsv"))
                    return Problems.BadRequest($"Unknown format '{QueryParameters.Printable(format)}': use json, csv or tsv.");
                var sortText = QueryParameters.Single(query["sort"], "sort");
                var sort = Searcher.ParseKwicSort(sortText);
                if (sort is null)
                    return Problems.BadRequest($"Unknown sort '{QueryParameters.Printable(sortText ?? "")}': use 1L, 2L, 1R, 2R, doc or date.");
                var export = format is "csv" or "tsv";
                var request = new KwicRequest
                {
                    Search = Search(query) with { Style = QueryParameters.Style(query["style"]) },
                    Sort = sort.Value,
                    Width = QueryParameters.Int(query["width"], "width", 8),
                    Page = QueryParameters.Int(query["page"], "page", 1),
                    // Capped: a larger perPage gets the largest page.
                    PerPage = Math.Min(QueryParameters.Int(query["perPage"], "perPage", 50), KwicLimits.MaxPerPage),
                    WithCopies = QueryParameters.Bool(query["withCopies"], "withCopies"),
                    Near = NullIfBlank(QueryParameters.Single(query["near"], "near")),
                    Window = QueryParameters.Int(query["window"], "window", 5),
                    All = export,
                };
                http.RequestAborted.ThrowIfCancellationRequested();
                var response = searcher.Kwic(request, http.RequestAborted);
                Generation(http, response.Generation);
                if (!export)
                    return Results.Json(response, JsonDefaults.Web);
                var text = new StringWriter();
                KwicExport.WriteLines(response.Lines, text, format!);
                return File(http, text.ToString(), format!, "pakrussia-kwic");
            })
            .WithName("Kwic")
            .WithSummary("Concordance: every occurrence of the query in the text, with its context")
            .WithDescription(Query + " sort: doc (default), date, 1L, 2L, 1R, 2R; width: words each side (1-30, default 8); "
                + "page, perPage (1-500, default 50; larger is capped); withCopies: also lines of word-for-word repeats; "
                + "near, window: only lines with this word within window words (1-10, default 5); format: json (default), csv or tsv (every line, not a page).")
            .Produces<KwicResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    public static IEndpointRouteBuilder MapCollocates(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/collocates", (HttpContext http, Searcher searcher) =>
            {
                var query = http.Request.Query;
                var format = Format(query["format"], "csv or json");
                if (format is not (null or "json" or "csv"))
                    return Problems.BadRequest($"Unknown format '{QueryParameters.Printable(format)}': use json or csv.");
                var sortText = QueryParameters.Single(query["sort"], "sort");
                var sort = Searcher.ParseCollocateSort(sortText);
                if (sort is null)
                    return Problems.BadRequest($"Unknown sort '{QueryParameters.Printable(sortText ?? "")}': use logdice, frequency or ll.");
                var request = new CollocateRequest
                {
                    Search = Search(query),
                    Window = QueryParameters.Int(query["window"], "window", 5),
                    Sort = sort.Value,
                    MinFrequency = QueryParameters.Int(query["minFrequency"], "minFrequency", 2),
                    IncludeStopWords = QueryParameters.Bool(query["includeStopwords"], "includeStopwords"),
                    Top = Math.Min(QueryParameters.Int(query["top"], "top", 30), KwicLimits.MaxCollocates),
                };
                http.RequestAborted.ThrowIfCancellationRequested();
                var response = searcher.Collocates(request, http.RequestAborted);
                Generation(http, response.Generation);
                if (format != "csv")
                    return Results.Json(response, JsonDefaults.Web);
                var text = new StringWriter();
                KwicExport.WriteCollocates(response.Collocates, text, "csv");
                return File(http, text.ToString(), "csv", "pakrussia-collocates");
            })
            .WithName("Collocates")
            .WithSummary("Words near the query's matches, with logDice and log-likelihood")
            .WithDescription(Query + " window: words each side (1-10, default 5); sort: logdice (default), frequency, ll; "
                + "minFrequency (default 2); includeStopwords; top (1-1000, default 30); format: json (default) or csv.")
            .Produces<CollocateResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    /// <summary>The query and its reading (any, all, strict) with the filters; the sort is each endpoint's own.</summary>
    private static SearchRequest Search(IQueryCollection query) => QueryParameters.Filters(query) with
    {
        Query = QueryParameters.Query(query["q"]),
        Any = QueryParameters.Bool(query["any"], "any"),
        All = QueryParameters.Bool(query["all"], "all"),
        Strict = QueryParameters.Bool(query["strict"], "strict"),
        NoAliases = QueryParameters.NoAliases(query),
    };

    private static string? Format(Microsoft.Extensions.Primitives.StringValues values, string _) =>
        NullIfBlank(QueryParameters.Single(values, "format"))?.Trim().ToLowerInvariant();

    private static IResult File(HttpContext http, string text, string format, string name)
    {
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.{format}\"";
        var type = format == "tsv" ? "text/tab-separated-values; charset=utf-8" : "text/csv; charset=utf-8";
        return Results.Text(text, type, Encoding.UTF8);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static void Generation(HttpContext http, string? generation)
    {
        if (generation is not null)
            http.Response.Headers["X-Index-Generation"] = generation;
    }
}
