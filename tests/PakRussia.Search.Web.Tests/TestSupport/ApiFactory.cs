using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PakRussia.Search.Web.Tests.TestSupport;

/// <summary>The web project's Program in the test host, serving <paramref name="indexPath"/> with the given rate limit.</summary>
public class ApiFactory(string indexPath, int requestsPerSecond = 100_000) : WebApplicationFactory<Program>
{
    public ApiFactory() : this(TestIndex.Path)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<WebServerOptions>();
            services.AddSingleton(new WebServerOptions { IndexPath = indexPath, RequestsPerSecond = requestsPerSecond, QueryTimeBudget = TestBudget.Query });
        });
    }
}
