using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;

namespace PakRussia.Search.Web.Infrastructure;

/// <summary>
/// The one error shape of the API: <c>application/problem+json</c> with type, title, status and detail.
/// Every expected failure maps here; the detail is written for users and never holds a stack trace.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ProblemHttpResult BadRequest(string detail) => Make(StatusCodes.Status400BadRequest, detail);

    public static ProblemHttpResult NotFound(string detail) => Make(StatusCodes.Status404NotFound, detail);

    public static ProblemHttpResult Unavailable(string detail) => Make(StatusCodes.Status503ServiceUnavailable, detail);

    public static ProblemHttpResult Make(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: Title(status), type: TypeOf(status));

    /// <summary>Writes a problem directly (middleware that runs outside the endpoints).</summary>
    public static Task Write(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return Make(status, detail).ExecuteAsync(context);
    }

    /// <summary>Maps an exception thrown while answering to a status and a user-facing message.</summary>
    public static (int Status, string Detail) FromException(Exception ex) => ex switch
    {
        SearchRequestException => (StatusCodes.Status400BadRequest, ex.Message),
        // Past its time budget: 503 with Retry-After, not 400, since the same query may pass on an idle server.
        QueryTimeoutException => (StatusCodes.Status503ServiceUnavailable, ex.Message),
        IndexException => (StatusCodes.Status503ServiceUnavailable, ex.Message),
        // Query-language errors (QueryParseException, QueryLimitException) come from the query branch;
        // matched by name so this works before and after it merges.
        _ when IsQueryLanguageError(ex) => (StatusCodes.Status400BadRequest, ex.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, RequestGuards.TooLarge),
        BadHttpRequestException bad => (bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest, "The request is malformed."),
        _ => (StatusCodes.Status500InternalServerError, "The server failed to answer this request. It has been logged."),
    };

    /// <summary>Gives every problem the same fields, including those the framework writes (404/405 from routing).</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        problem.Title = Title(status);
        problem.Type ??= TypeOf(status);
        problem.Detail ??= status switch
        {
            404 => "Nothing is served at this address.",
            405 => $"{context.HttpContext.Request.Method} is not allowed here; the API answers GET requests.",
            _ => Title(status) + ".",
        };
    }

    public static bool IsQueryLanguageError(Exception ex)
    {
        for (var type = ex.GetType(); type is not null && type != typeof(Exception); type = type.BaseType)
        {
            if (type.Namespace == "PakRussia.Search.Querying"
                && (type.Name.EndsWith("ParseException", StringComparison.Ordinal) || type.Name.EndsWith("LimitException", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    public static string Title(int status) => status switch
    {
        400 => "Bad request",
        404 => "Not found",
        405 => "Method not allowed",
        413 => "Request too large",
        429 => "Too many requests",
        503 => "Service unavailable", // a damaged or missing index, a query past its time budget, a full queue: the detail says which
        500 => "Internal server error",
        _ => ((HttpStatusCode)status).ToString(),
    };

    // RFC 9110 section links, as ASP.NET Core's own problem details use.
    private static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };
}
