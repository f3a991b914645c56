using System.Text.Json;
using System.Text.RegularExpressions;
using PakRussia.Search.Export;
using PakRussia.Search.Tests.Reliability;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Export;

/// <summary>
/// <c>pakrussia export --format elasticsearch DIR</c> over the seeds: the two files' shape (no cluster can be started
/// here): valid JSON, our analysis chain, a strict mapping, one action line and one source line per passage, every
/// source carrying exactly the fields the mapping names, values of the mapped types.
/// </summary>
public sealed class ElasticsearchExportTests(SeedIndex seeds) : IClassFixture<SeedIndex>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private (JsonElement Template, List<string> Lines) Export()
    {
        var run = seeds.Cli("export", _folder.Path, "--format", "elasticsearch");
        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains($"wrote {seeds.Summary.Passages} passages of {seeds.Summary.Documents} documents", run.Output);
        var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder.Path, ElasticsearchExport.TemplateFileName))).RootElement;
        var lines = File.ReadAllText(Path.Combine(_folder.Path, ElasticsearchExport.BulkFileName)).Split('\n').ToList();
        Assert.Equal("", lines[^1]); // the bulk API wants a final newline
        lines.RemoveAt(lines.Count - 1);
        return (template, lines);
    }

    [Fact]
    public void Template_HasOurAnalysisAndAStrictMapping()
    {
        var (template, _) = Export();
        Assert.Equal("pakrussia*", template.GetProperty("index_patterns")[0].GetString());
        var analyzer = template.GetProperty("template").GetProperty("settings").GetProperty("analysis").GetProperty("analyzer").GetProperty("pakrussia");
        Assert.Equal("standard", analyzer.GetProperty("tokenizer").GetString());
        Assert.Equal(["english_possessive", "lowercase", "asciifolding", "model_numbers", "porter_stem"], analyzer.GetProperty("filter").EnumerateArray().Select(f => f.GetString()));
        var mappings = template.GetProperty("template").GetProperty("mappings");
        Assert.Equal("strict", mappings.GetProperty("dynamic").GetString());
        var properties = mappings.GetProperty("properties");
        foreach (var field in new[] { "text", "title", "section" })
        {
            Assert.Equal("text", properties.GetProperty(field).GetProperty("type").GetString());
            Assert.Equal("pakrussia", properties.GetProperty(field).GetProperty("analyzer").GetString());
        }

        foreach (var facet in new[] { "sourceType", "docId", "author" })
        {
            Assert.Equal("keyword", properties.GetProperty(facet).GetProperty("type").GetString());
        }

        Assert.Equal("integer", properties.GetProperty("year").GetProperty("type").GetString());
        Assert.Equal("date", properties.GetProperty("date").GetProperty("type").GetString());
    }

    [Fact]
    public void Template_FoldsExactlyTheApostrophesOurAnalysisFolds()
    {
        var (template, _) = Export();
        var mapping = template.GetProperty("template").GetProperty("settings").GetProperty("analysis").GetProperty("char_filter").GetProperty("apostrophes");
        Assert.Equal("mapping", mapping.GetProperty("type").GetString());
        var mapped = mapping.GetProperty("mappings").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.All(mapped, m => Assert.EndsWith("=>'", m));
        var ours = Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c)
            .Where(c => c != '\'' && PakRussia.Search.Indexing.Analysis.ApostropheCharFilter.Fold(c) == '\'').ToList();
        Assert.Equal(5, ours.Count);
        Assert.Equal(ours.Select(c => c.ToString()).Order(), mapped.Select(m => m[..^3]).Order());
    }

    [Fact]
    public void Bulk_HasOneActionAndOneSourcePerPassage_WithEveryMappedField()
    {
        var (template, lines) = Export();
        var properties = template.GetProperty("template").GetProperty("mappings").GetProperty("properties");
        var mapped = properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(seeds.Summary.Passages * 2, lines.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i += 2)
        {
            var action = JsonDocument.Parse(lines[i]).RootElement.GetProperty("index");
            Assert.Equal("pakrussia", action.GetProperty("_index").GetString());
            var id = action.GetProperty("_id").GetString()!;
            Assert.True(ids.Add(id), $"{id} twice");

            var source = JsonDocument.Parse(lines[i + 1]).RootElement;
            Assert.Equal(id, source.GetProperty("passageId").GetString());
            Assert.Equal(mapped, source.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            foreach (var field in source.EnumerateObject())
            {
                var type = properties.GetProperty(field.Name).GetProperty("type").GetString();
                var kind = field.Value.ValueKind;
                var fits = kind == JsonValueKind.Null || type switch
                {
                    "keyword" or "text" => kind == JsonValueKind.String,
                    "integer" => kind == JsonValueKind.Number && field.Value.TryGetInt32(out _),
                    "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
                    "date" => kind == JsonValueKind.String && Regex.IsMatch(field.Value.GetString()!, @"^\d{4}(-\d{2}(-\d{2})?)?$"),
                    _ => false,
                };
                Assert.True(fits, $"{id}: {field.Name} = {field.Value.GetRawText()} is not a {type}");
            }
        }

        Assert.Equal(seeds.Summary.Passages, ids.Count);
    }

    [Fact]
    public void Bulk_CarriesThePassagesAsTheIndexHasThem()
    {
        var (_, lines) = Export();
        var sources = lines.Where((_, i) => i % 2 == 1).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var shown = seeds.Searcher.Show("news-ties-closer.p3")!;
        var source = sources.Single(s => s.GetProperty("passageId").GetString() == "news-ties-closer.p3");
        Assert.Equal(shown.Passage.Text, source.GetProperty("text").GetString());
        Assert.Equal(shown.Document.Title, source.GetProperty("title").GetString());
        Assert.Equal(shown.Document.SourceType, source.GetProperty("sourceType").GetString());
        Assert.Equal(shown.Document.Year, source.GetProperty("year").GetInt32());
        Assert.True(source.GetProperty("searchable").GetBoolean());
        Assert.All(sources.Where(s => s.GetProperty("kind").GetString() == "heading"), s => Assert.False(s.GetProperty("searchable").GetBoolean()));
        Assert.All(sources.Where(s => s.GetProperty("duplicateOf").ValueKind == JsonValueKind.String), s => Assert.False(s.GetProperty("searchable").GetBoolean()));
        Assert.Equal(seeds.Summary.Documents, sources.Select(s => s.GetProperty("docId").GetString()).Distinct().Count());
    }

    [Theory]
    [InlineData("--format", "solr", "elasticsearch")]
    [InlineData("--index-name", "Bad Name", "index name")]
    public void BadOptions_ExitTwoWithAMessage(string option, string value, string message)
    {
        var args = new List<string> { "export", _folder.Path, "--format", "elasticsearch" };
        var at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);
        var run = seeds.Cli([.. args]);
        CliOutcome.Check($"export {option} {value}", Outcome.BadInput, run, message);
        Assert.False(File.Exists(Path.Combine(_folder.Path, ElasticsearchExport.BulkFileName)));
    }

    [Fact]
    public void AFileWhereTheFolderShouldBe_ExitsTwoAndLeavesItAlone()
    {
        var file = _folder.File("not-a-folder");
        File.WriteAllText(file, "mine");
        var run = seeds.Cli("export", file, "--format", "elasticsearch");
        CliOutcome.Check("export into a file", Outcome.BadInput, run, "cannot write");
        Assert.Equal("mine", File.ReadAllText(file));
    }
}
