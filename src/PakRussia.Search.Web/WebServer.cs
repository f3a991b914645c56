using PakRussia.Search.Querying.Aliases;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Web.Endpoints;
using PakRussia.Search.Web.Infrastructure;

namespace PakRussia.Search.Web;

/// <summary>
/// Builds the web server: the JSON API over one <see cref="Searcher"/>, the page from the embedded wwwroot,
/// and the protections (Host check, Kestrel limits, rate limit, security headers, problem+json errors).
/// Used by the web project's Program, by <c>pakrussia serve</c> and by the tests.
/// </summary>
public static class WebServer
{
    public static WebApplication Build(WebServerOptions options, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(options);
        // Resolved from the registered options (not the argument) so tests can replace them.
        builder.Services.AddSingleton(services =>
        {
            var effective = services.GetRequiredService<WebServerOptions>();
            return new Searcher(effective.IndexPath)
            {
                TimeBudget = effective.QueryTimeBudget,
                ResultCacheBytes = effective.ResultCacheBytes,
                Aliases = effective.CorpusPath is { } corpus ? new AliasSource(Path.Combine(corpus, AliasList.FileName)) : null,
            };
        });
        builder.Services.AddSingleton(services => new QueryAdmission(services.GetRequiredService<WebServerOptions>()));
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = Problems.Complete);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.DefaultIgnoreCondition = JsonDefaults.Web.DefaultIgnoreCondition;
            json.SerializerOptions.Encoder = JsonDefaults.Web.Encoder;
        });
        builder.Services.AddOpenApi();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var perSecond = Math.Max(1, context.RequestServices.GetRequiredService<WebServerOptions>().RequestsPerSecond);
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perSecond,
                    Window = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = (rejected, _) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(Problems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
                    $"Too many requests from this address; try again in {seconds} s."));
            };
        });

        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var limits = kestrel.Limits;
            limits.MaxRequestLineSize = 8 * 1024;          // 414 beyond: the longest query (1000 characters, encoded) fits easily
            limits.MaxRequestHeadersTotalSize = 16 * 1024; // 431 beyond
            limits.MaxRequestHeaderCount = 50;
            limits.MaxRequestBodySize = RequestGuards.MaxBodyBytes; // every route is GET; UseBodyCheck judges bodies before this is reached
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10); // slow clients are dropped
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            limits.MaxConcurrentConnections = 256;
            limits.MinRequestBodyDataRate = new(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        });

        var app = builder.Build();
        var effective = app.Services.GetRequiredService<WebServerOptions>();
        PrepareIndex(effective, app.Logger);

        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseSecurityHeaders();
        app.UseStatusCodePages(); // an empty 404/405 from routing becomes problem+json
        app.UseHostCheck(effective.EffectiveAllowedHosts());
        app.UseBodyCheck(); // size before method: a huge body is 413 on every path, any body on a GET is 400
        app.UseRateLimiter();
        app.UseQueryStringCheck();

        // The page is embedded in this assembly, so it is served wherever the server runs from (the CLI too);
        // nothing outside it can ever be served, and there is no directory listing.
        var files = new EmbeddedFileProvider(typeof(WebServer).Assembly, "PakRussia.Search.Web.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });

        app.UseRouting();
        app.MapOpenApi();
        // Everything that reads the index for a user waits its turn (QueryAdmission); /health answers at once.
        var queries = app.MapGroup("").AddEndpointFilter(app.Services.GetRequiredService<QueryAdmission>());
        queries.MapSearch();
        queries.MapPassages();
        queries.MapDocuments();
        queries.MapSuggest();
        queries.MapQuotes();
        queries.MapSimilar();
        queries.MapKwic();
        queries.MapCollocates();
        queries.MapKeywords();
        queries.MapTrend();
        queries.MapDispersion();
        queries.MapExport();
        queries.MapSnapshots();
        app.MapHealth();
        // Every other GET is a problem+json 404 (paths with dots too); other methods get 405 from routing.
        app.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) =>
                Problems.NotFound($"Nothing is served at {QueryParameters.Printable(context.Request.Path.Value ?? "")}."))
            .ExcludeFromDescription()
            .Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = int.MaxValue);
        return app;
    }

    /// <summary>Index on first use: builds or updates the index before serving. A failure is logged and shows on /health.</summary>
    private static void PrepareIndex(WebServerOptions options, ILogger logger)
    {
        if (options.PrepareIndex is null || options.CorpusPath is null)
        {
            return;
        }

        try
        {
            using var log = new StringWriter();
            options.PrepareIndex(options.CorpusPath, options.IndexPath, log);
            foreach (var line in log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                logger.LogInformation("{Line}", line);
            }
        }
        catch (Exception ex) when (ex is IndexException or IOException or UnauthorizedAccessException)
        {
            logger.LogError("The index is not usable: {Problem}. /health answers 503 until it is.", ex.Message);
        }
    }
}
