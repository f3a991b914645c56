namespace PakRussia.Search.Web;

/// <summary>What the server serves and how it protects itself. Registered as a singleton; tests replace it.</summary>
public sealed record WebServerOptions
{
    public const int DefaultPort = 5080;

    /// <summary>The index file the server reads (built from <see cref="CorpusPath"/> first when <see cref="PrepareIndex"/> is set).</summary>
    public required string IndexPath { get; init; }

    /// <summary>The corpus folder the index is built from; null when the index is served as it is.</summary>
    public string? CorpusPath { get; init; }

    /// <summary>Addresses Kestrel listens on. Loopback only by default.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [$"http://127.0.0.1:{DefaultPort}"];

    /// <summary>
    /// Host header values accepted besides the localhost names and the hosts of <see cref="Urls"/>;
    /// anything else gets 400 (a defence against DNS rebinding).
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Requests per second one client IP may make before getting 429 (token bucket, bursts up to this many).</summary>
    public int RequestsPerSecond { get; init; } = 200;

    /// <summary>How long one search may run before it is interrupted and answered 503 with Retry-After.</summary>
    public TimeSpan QueryTimeBudget { get; init; } = PakRussia.Search.Search.SearchLimits.DefaultTimeBudget;

    /// <summary>
    /// How many index-reading requests run at once (<see cref="Infrastructure.QueryAdmission"/>); the others wait their
    /// turn. Default: two per core (measured at 640k passages on 2 cores: 2 slots 40 req/s, 4 slots 49 req/s, p99 1,038 vs 828 ms).
    /// </summary>
    public int MaxConcurrentQueries { get; init; } = 2 * Environment.ProcessorCount;

    /// <summary>How many requests may wait for a turn; one more is answered 503 at once. Default 256.</summary>
    public int MaxQueuedQueries { get; init; } = 256;

    /// <summary>How long a request waits for a turn before it is answered 503 (busy). Default 10 s.</summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How much memory answers to recent searches may hold, to answer a repeated search of the same generation at once (0: none).</summary>
    public long ResultCacheBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Brings the index up to date before serving: (corpus, index, log) → index path. The CLI passes its
    /// index-on-first-use; null serves <see cref="IndexPath"/> as it is.
    /// </summary>
    public Func<string, string, TextWriter, string>? PrepareIndex { get; init; }

    /// <summary>Default options from environment variables (<c>PAKRUSSIA_INDEX</c>, <c>PAKRUSSIA_CORPUS</c>) and <c>--index/--corpus/--urls/--port</c>.</summary>
    public static WebServerOptions FromArgs(string[] args)
    {
        string? Arg(string name)
        {
            for (var i = 0; i < args.Length; i++)
            {
                if (args[i] == name && i + 1 < args.Length) return args[i + 1];
                if (args[i].StartsWith(name + "=", StringComparison.Ordinal)) return args[i][(name.Length + 1)..];
            }

            return null;
        }

        var index = Arg("--index") ?? Environment.GetEnvironmentVariable("PAKRUSSIA_INDEX") ?? Path.Combine("index", "pakrussia");
        var corpus = Arg("--corpus") ?? Environment.GetEnvironmentVariable("PAKRUSSIA_CORPUS") ?? "seeds";
        var urls = Arg("--urls");
        var port = int.TryParse(Arg("--port"), out var p) && p is > 0 and < 65536 ? p : DefaultPort;
        return new WebServerOptions
        {
            IndexPath = Path.GetFullPath(index),
            CorpusPath = corpus,
            Urls = urls is null ? [$"http://127.0.0.1:{port}"] : urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            PrepareIndex = CorpusIndexing.Ensure,
        };
    }

    /// <summary>The Host header values the server answers to.</summary>
    public IReadOnlySet<string> EffectiveAllowedHosts()
    {
        var hosts = new HashSet<string>(["localhost", "127.0.0.1", "[::1]"], StringComparer.OrdinalIgnoreCase);
        foreach (var url in Urls)
        {
            if (Uri.TryCreate(url.Replace("://*", "://wildcard.invalid").Replace("://+", "://wildcard.invalid"), UriKind.Absolute, out var uri)
                && uri.Host != "wildcard.invalid" && uri.Host != "0.0.0.0" && uri.Host != "[::]")
            {
                hosts.Add(uri.Host);
            }
        }

        foreach (var host in AllowedHosts)
        {
            hosts.Add(host);
        }

        return hosts;
    }
}
