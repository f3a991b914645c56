namespace PakRussia.Search.Web.Infrastructure;

/// <summary>
/// Admission control for the endpoints that read the index: at most <see cref="WebServerOptions.MaxConcurrentQueries"/>
/// of them run at once (two per core by default); the rest wait their turn, oldest first, for at most
/// <see cref="WebServerOptions.QueueTimeout"/>, and at most <see cref="WebServerOptions.MaxQueuedQueries"/> of them wait.
/// A request that cannot get a turn gets 503 with <c>Retry-After</c>: the server is busy, the query is not at fault.
/// </summary>
/// <remarks>
/// Why: Lucene runs a query on the calling thread, so sixteen concurrent searches on two cores would each run eight
/// times slower, and the per-query time budget (meant to stop queries that are expensive in themselves) would stop
/// ordinary queries that were only waiting for a core. Here a query's budget starts when it gets its turn, so it
/// measures the query (within the factor of two that two queries sharing a core cost); waiting costs no thread (the
/// wait is asynchronous), and a client that goes away while waiting leaves the queue. The page, /health and the
/// OpenAPI document are not admitted through here.
/// </remarks>
public sealed class QueryAdmission : IEndpointFilter
{
    private readonly SemaphoreSlim _turns;
    private readonly int _maxQueued;
    private readonly TimeSpan _queueTimeout;
    private int _waiting;

    public QueryAdmission(WebServerOptions options)
    {
        Slots = Math.Max(1, options.MaxConcurrentQueries);
        _turns = new SemaphoreSlim(Slots, Slots);
        _maxQueued = Math.Max(0, options.MaxQueuedQueries);
        _queueTimeout = options.QueueTimeout;
    }

    /// <summary>How many index-reading requests may run at once.</summary>
    public int Slots { get; }

    /// <summary>Requests waiting for a turn right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!_turns.Wait(0))
        {
            if (Interlocked.Increment(ref _waiting) > _maxQueued)
            {
                Interlocked.Decrement(ref _waiting);
                return Busy(http, $"The server is busy: {Slots} queries are running and {_maxQueued} are waiting. Try again in a moment.");
            }

            bool admitted;
            try
            {
                admitted = await _turns.WaitAsync(_queueTimeout, http.RequestAborted);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }

            if (!admitted)
            {
                return Busy(http, $"The server is busy: no query could start within {_queueTimeout.TotalSeconds:0.#} s. Try again in a moment.");
            }
        }

        try
        {
            return await next(context);
        }
        finally
        {
            _turns.Release();
        }
    }

    private static IResult Busy(HttpContext http, string detail)
    {
        http.Response.Headers.RetryAfter = "1";
        return Problems.Unavailable(detail);
    }
}
