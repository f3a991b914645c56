using System.Text;
using Microsoft.AspNetCore.Http.Features;
using PakRussia.Search.Citations;
using PakRussia.Search.Quotes;
using PakRussia.Search.Search;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web.Endpoints;

/// <summary>
/// <c>GET /api/export?q=…&amp;format=csv|jsonl|ris</c>: every passage a search matches (not one page; at most 10,000),
/// streamed as a download, with metadata and citations; the same files as <c>pakrussia search --export</c>.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/export", Export)
            .WithName("Export")
            .WithSummary("Download every passage a search matches")
            .WithDescription("The parameters of /api/search (q, source, year, from, to, doc, author, sort, any, strict; page and size are ignored) plus "
                + "format: csv, jsonl or ris (default csv), and style: the citation style of the csv 'citation' column and the jsonl 'citation' field.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static IResult Export(
        HttpContext context, Searcher searcher,
        string? q = null, string[]? source = null, string[]? year = null, string? from = null, string? to = null,
        string[]? doc = null, string[]? author = null, string? sort = null, string? any = null, string? strict = null,
        string? format = null, string? style = null)
    {
        var query = context.Request.Query;
        var formatText = QueryParameters.Single(query["format"], "format");
        var chosen = string.IsNullOrEmpty(formatText) ? "csv" : formatText.Trim().ToLowerInvariant();
        if (!PassageExport.IsFormat(chosen))
            return Problems.BadRequest($"Unknown export format '{QueryParameters.Printable(chosen)}': use csv, jsonl or ris.");
        var citationStyle = QueryParameters.Style(query["style"]);

        var request = QueryParameters.SearchRequest(query) with { Style = citationStyle };

        context.RequestAborted.ThrowIfCancellationRequested();
        // Checked and ranked here (a bad query is a 400 before anything is written); passages are read as they are written.
        var rows = searcher.AllMatches(request, context.RequestAborted);
        return new ExportResult(chosen, rows, citationStyle);
    }

    /// <summary>Streams the export: the writer is synchronous, so this response allows synchronous writes, buffered.</summary>
    private sealed class ExportResult(string format, IEnumerable<(Corpus.DocumentMetadata, Passages.Passage)> rows, CitationStyle style) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var extension = PassageExport.Extension(format);
            context.Response.ContentType = PassageExport.ContentType(format);
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"pakrussia-export.{extension}\"";
            context.Response.Headers.CacheControl = "no-store";
            if (context.Features.Get<IHttpBodyControlFeature>() is { } body)
                body.AllowSynchronousIO = true;
            var cancelled = context.RequestAborted;
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 32 * 1024, leaveOpen: true);
            PassageExport.Write(format, rows.Select(row =>
            {
                cancelled.ThrowIfCancellationRequested(); // stop reading the index for a client that has gone
                return row;
            }), writer, style);
            await writer.FlushAsync(cancelled);
        }
    }
}
