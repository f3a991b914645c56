namespace PakRussia.Search.Web.Infrastructure;

/// <summary>
/// Outermost handler: turns every exception into a problem+json answer (400/503 for the expected ones,
/// a bare 500 without details for a bug). A request the client abandoned is dropped quietly.
/// </summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is listening for an answer.
        }
        catch (Exception ex)
        {
            var (status, detail) = Problems.FromException(ex);
            if (status >= 500 && status != StatusCodes.Status503ServiceUnavailable)
            {
                logger.LogError(ex, "Unhandled error answering {Method} {Path}", context.Request.Method, context.Request.Path);
            }

            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            context.Response.Clear();
            if (ex is PakRussia.Search.Search.QueryTimeoutException)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            await Problems.Write(context, status, detail);
        }
    }
}
