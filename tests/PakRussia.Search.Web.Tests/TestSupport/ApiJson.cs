using System.Net;
using System.Text.Json;

namespace PakRussia.Search.Web.Tests.TestSupport;

/// <summary>GETs against the test server that read the body as JSON, as the API tests do.</summary>
public static class ApiJson
{
    /// <summary>The status, the JSON body and the response; the body never shows a stack trace or an exception's name.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> Get(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), response);
    }

    /// <summary>The JSON body of a request that must answer 200 (the body is the failure message otherwise).</summary>
    public static async Task<JsonElement> GetOk(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
