using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using PakRussia.Search.Web.Infrastructure;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Reliability;

/// <summary>
/// Admission control: index-reading requests beyond the slots wait their turn instead of sharing the cores (and
/// running out their time budget while waiting); a request that cannot get a turn is 503 busy with Retry-After.
/// </summary>
public sealed class QueryAdmissionTests
{
    private static WebServerOptions Options(int slots, int queued = 16, int timeoutMs = 10_000) => new()
    {
        IndexPath = TestIndex.Path,
        MaxConcurrentQueries = slots,
        MaxQueuedQueries = queued,
        QueueTimeout = TimeSpan.FromMilliseconds(timeoutMs),
    };

    /// <summary>Runs one request through the filter; the "endpoint" finishes when <paramref name="finish"/> completes.</summary>
    private static async Task<object?> Admit(QueryAdmission admission, Task<object?> finish, HttpContext? http = null) =>
        await admission.InvokeAsync(new DefaultEndpointFilterInvocationContext(http ?? new DefaultHttpContext()), _ => new ValueTask<object?>(finish));

    [Fact]
    public async Task RequestsBeyondTheSlots_WaitTheirTurn_AndRunWhenOneEnds()
    {
        var admission = new QueryAdmission(Options(slots: 1));
        var first = new TaskCompletionSource<object?>();
        var running = Admit(admission, first.Task);
        var second = Admit(admission, Task.FromResult<object?>("second ran"));

        await WaitUntil(() => admission.Waiting == 1);
        Assert.False(second.IsCompleted);
        first.SetResult("first ran");
        Assert.Equal("first ran", await running);
        Assert.Equal("second ran", await second.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, admission.Waiting);
    }

    [Fact]
    public async Task ARequestThatWaitsPastTheQueueTimeout_Is503BusyWithRetryAfter()
    {
        var admission = new QueryAdmission(Options(slots: 1, timeoutMs: 100));
        var first = new TaskCompletionSource<object?>();
        var running = Admit(admission, first.Task);
        var http = new DefaultHttpContext();

        var answer = await Admit(admission, Task.FromResult<object?>("must not run"), http).WaitAsync(TimeSpan.FromSeconds(10));
        var problem = Assert.IsType<ProblemHttpResult>(answer);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Contains("busy", problem.ProblemDetails.Detail);
        Assert.Equal("1", http.Response.Headers.RetryAfter.ToString());

        first.SetResult("done");
        await running;
        Assert.Equal("next", await Admit(admission, Task.FromResult<object?>("next")));
    }

    [Fact]
    public async Task AFullQueue_Is503AtOnce()
    {
        var admission = new QueryAdmission(Options(slots: 1, queued: 0));
        var first = new TaskCompletionSource<object?>();
        var running = Admit(admission, first.Task);

        var answer = await Admit(admission, Task.FromResult<object?>("must not run")).WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, Assert.IsType<ProblemHttpResult>(answer).StatusCode);
        first.SetResult(null);
        await running;
    }

    [Fact]
    public async Task AClientThatGoesAwayWhileWaiting_LeavesTheQueue()
    {
        var admission = new QueryAdmission(Options(slots: 1));
        var first = new TaskCompletionSource<object?>();
        var running = Admit(admission, first.Task);
        using var gone = new CancellationTokenSource();
        var http = new DefaultHttpContext { RequestAborted = gone.Token };
        var waiting = Admit(admission, Task.FromResult<object?>("must not run"), http);

        await WaitUntil(() => admission.Waiting == 1);
        gone.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, admission.Waiting);

        first.SetResult(null);
        await running;
        Assert.Equal("after", await Admit(admission, Task.FromResult<object?>("after")).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>On a real server with one slot, 24 concurrent searches all get their answer: they queue, none is refused.</summary>
    [Fact]
    public async Task OneSlot_ManyConcurrentSearches_AllAnswered()
    {
        await using var server = await KestrelServer.Start(o => o with { MaxConcurrentQueries = 1 });
        var queries = new[] { "russia", "pakistan afghanistan", "\"warm waters\"", "energy OR pipeline OR secur*" };
        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await server.Client.GetAsync("api/search?q=" + Uri.EscapeDataString(queries[i % queries.Length]));
            return response.StatusCode;
        }));
        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    /// <summary>/health does not wait behind queries: it answers while every slot is taken.</summary>
    [Fact]
    public async Task Health_IsNotAdmittedThroughTheQueue()
    {
        await using var server = await KestrelServer.Start(o => o with { MaxConcurrentQueries = 1, MaxQueuedQueries = 0 });
        var admission = server.Services.GetService(typeof(QueryAdmission)) as QueryAdmission;
        Assert.NotNull(admission);
        var hold = new TaskCompletionSource<object?>();
        var holding = Admit(admission, hold.Task);
        try
        {
            using var busy = await server.Client.GetAsync("api/search?q=russia");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Contains("busy", await busy.Content.ReadAsStringAsync());
            using var health = await server.Client.GetAsync("health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            hold.SetResult(null);
            await holding;
        }

        using var after = await server.Client.GetAsync("api/search?q=russia");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the condition");
            await Task.Delay(5);
        }
    }
}
