using System.CommandLine;
using PakRussia.Search.Web;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia serve</c>: the web page and JSON API on 127.0.0.1 over the same engine. Indexes the corpus first
/// when needed (index on first use), then serves until Ctrl-C.
/// </summary>
public static class ServeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (default 5080)", DefaultValueFactory = _ => WebServerOptions.DefaultPort };
        var urls = new Option<string?>("--urls") { Description = "Listen addresses instead of --port, ';'-separated (e.g. http://localhost:8080)" };
        var corpus = CommonOptions.Corpus();
        var followLinks = CommonOptions.FollowLinks();
        var index = CommonOptions.Index();
        var rate = new Option<int>("--requests-per-second")
        {
            Description = "Requests per second one client address may make before getting 429 (default 200; raise it for load tests)",
            DefaultValueFactory = _ => new WebServerOptions { IndexPath = "" }.RequestsPerSecond,
        };
        var budget = new Option<int>("--budget-ms")
        {
            Description = "Stop a search that runs longer than this many milliseconds (503 with Retry-After; default 1000)",
            DefaultValueFactory = _ => (int)PakRussia.Search.Search.SearchLimits.DefaultTimeBudget.TotalMilliseconds,
        };
        var concurrent = new Option<int>("--concurrent-queries")
        {
            Description = "Index-reading requests that run at once; the rest wait their turn (default: two per core)",
            DefaultValueFactory = _ => new WebServerOptions { IndexPath = "" }.MaxConcurrentQueries,
        };
        var cache = new Option<int>("--cache-mb")
        {
            Description = "Memory for answers to recent searches, served again while the index is unchanged (default 64; 0: none)",
            DefaultValueFactory = _ => (int)(new WebServerOptions { IndexPath = "" }.ResultCacheBytes / (1024 * 1024)),
        };
        var command = new Command("serve", "Serve the search page and the JSON API (http://127.0.0.1:5080 by default)") { port, urls, corpus, followLinks, index, rate, budget, concurrent, cache };
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var portValue = parse.GetValue(port);
            if (portValue is < 1 or > 65535)
            {
                error.WriteLine($"error: --port must be between 1 and 65535 (got {portValue})");
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(rate) < 1 || parse.GetValue(budget) < 1 || parse.GetValue(concurrent) is < 1 or > 1024 || parse.GetValue(cache) is < 0 or > 65536)
            {
                error.WriteLine("error: --requests-per-second and --budget-ms must be 1 or more, --concurrent-queries between 1 and 1024, --cache-mb between 0 and 65536");
                return ExitCodes.BadInput;
            }

            var listen = parse.GetValue(urls) is { Length: > 0 } given
                ? given.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [$"http://127.0.0.1:{portValue}"];
            var options = new WebServerOptions
            {
                IndexPath = Path.GetFullPath(parse.GetValue(index)!),
                CorpusPath = parse.GetValue(corpus),
                Urls = listen,
                PrepareIndex = (corpusFolder, indexFolder, log) => IndexLocator.Ensure(corpusFolder, indexFolder, log, CommonOptions.CorpusOptions(parse, followLinks)),
                RequestsPerSecond = parse.GetValue(rate),
                QueryTimeBudget = TimeSpan.FromMilliseconds(parse.GetValue(budget)),
                MaxConcurrentQueries = parse.GetValue(concurrent),
                ResultCacheBytes = parse.GetValue(cache) * 1024L * 1024,
            };
            var app = WebServer.Build(options);
            app.Lifetime.ApplicationStarted.Register(() => output.WriteLine($"serving {options.IndexPath} at {string.Join(", ", app.Urls)} (Ctrl-C stops)"));
            app.Run();
            return ExitCodes.Ok;
        }));
        return command;
    }
}
