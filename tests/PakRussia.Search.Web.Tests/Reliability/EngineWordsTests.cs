using System.Text.Json;
using System.Text.RegularExpressions;
using PakRussia.Search.Web.Tests.TestSupport;

namespace PakRussia.Search.Web.Tests.Reliability;

/// <summary>
/// Every message the API's bad-input table produces — problem titles and details, search warnings, suggestions —
/// speaks of the user's query and files, never of the engine: no engine or library names, no exception type names.
/// (An audit found "SQLite Error 26: 'file is not a database'" in a 503 detail, and warnings such as "FTS5 cannot
/// weight single words".)
/// </summary>
public sealed partial class EngineWordsTests(KestrelFixture fixture) : IClassFixture<KestrelFixture>
{
    [GeneratedRegex(@"lucene|sqlite|fts5|\bcodec|segments_|TokenMgrError|\bTooManyClauses|IndexWriter|DirectoryReader|\bSystem\.[A-Z]|\b[A-Z][A-Za-z]*Exception\b", RegexOptions.IgnoreCase)]
    internal static partial Regex EngineWords();

    public static TheoryData<string> Requests()
    {
        var data = new TheoryData<string>();
        foreach (var row in HardeningTests.BadSearches)
        {
            data.Add("api/search?" + row);
        }

        foreach (var target in new[]
                 {
                     "api/search?q=russia&explain=true", "api/search?q=russia%20AND%20-pakistan", "api/search?q=%22the%22",
                     "api/search?q=russia^x", "api/search?q=title:", "api/search?q=nosuchfield:russia", "api/search?q=russia~9",
                     "api/search?q=rus*ia*%20OR%20pak*%20OR%20afg*", "api/passages/nope", "api/documents/nope", "api/suggest?q=",
                     "api/suggest?q=" + new string('x', 2000), "api/quote?q=", "api/quote?q=" + new string('x', 5000),
                     "api/export?q=&format=csv", "api/export?q=russia&format=doc", "api/documents?page=0",
                 })
        {
            data.Add(target);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Messages_NeverNameTheEngine(string target)
    {
        using var response = await fixture.Server.Client.GetAsync(target);
        var body = await response.Content.ReadAsStringAsync();
        foreach (var message in Messages(response.Content.Headers.ContentType?.MediaType, body))
        {
            Assert.False(EngineWords().IsMatch(message), $"{target}: '{EngineWords().Match(message).Value}' in \"{message}\"");
        }
    }

    [Theory]
    [InlineData("a zero-byte commit")]
    [InlineData("a file at the index path")]
    public async Task ADamagedIndex_IsReportedWithoutTheEnginesWords(string kind)
    {
        using var folder = new TempFolder();
        var index = folder.File("index");
        if (kind == "a file at the index path")
        {
            File.WriteAllText(index, "an index of an earlier version was one file");
        }
        else
        {
            Directory.CreateDirectory(index);
            File.WriteAllBytes(Path.Combine(index, "segments_1"), []);
            File.WriteAllText(Path.Combine(index, "segments.gen"), "scribbled");
        }

        await using var factory = new ApiFactory(index);
        using var client = factory.CreateClient();
        foreach (var target in new[] { "/health", "/api/search?q=russia", "/api/documents", "/api/passages/news-ties-closer.p3" })
        {
            using var response = await client.GetAsync(target);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(503, (int)response.StatusCode);
            var messages = Messages(response.Content.Headers.ContentType?.MediaType, body).ToList();
            Assert.NotEmpty(messages);
            Assert.All(messages, m => Assert.False(EngineWords().IsMatch(m), $"{target}: '{EngineWords().Match(m).Value}' in \"{m}\""));
        }
    }

    /// <summary>The human-readable messages of an answer: a problem's title and detail, a search's warnings and suggestion.</summary>
    internal static IEnumerable<string> Messages(string? mediaType, string body)
    {
        if (mediaType is not ("application/json" or "application/problem+json"))
        {
            yield return body;
            yield break;
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var name in new[] { "title", "detail", "suggestion", "error", "message" })
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                yield return value.GetString()!;
            }
        }

        if (root.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array)
        {
            foreach (var warning in warnings.EnumerateArray())
            {
                yield return warning.ValueKind == JsonValueKind.String ? warning.GetString()! : warning.GetRawText();
            }
        }
    }
}
