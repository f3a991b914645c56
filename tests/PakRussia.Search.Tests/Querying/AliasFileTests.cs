using PakRussia.Search.Indexing;
using PakRussia.Search.Querying.Aliases;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Querying;

/// <summary>The alias file of a corpus copy: read at query time (an edit needs no rebuild), bad lines reported and skipped.</summary>
public sealed class AliasFileTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _corpus;
    private readonly string _index;

    public AliasFileTests()
    {
        _corpus = _folder.File("corpus");
        Directory.CreateDirectory(_corpus);
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(file, Path.Combine(_corpus, Path.GetFileName(file)));
        }

        _index = _folder.File("index");
        IndexBuilder.Update(new FolderCorpusSource(_corpus), _index);
    }

    public void Dispose() => _folder.Dispose();

    private string AliasFile => Path.Combine(_corpus, AliasList.FileName);

    [Fact]
    public void TheAliasFileIsNotADocument()
    {
        using var searcher = new Searcher(_index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        Assert.Equal(5, searcher.Documents().Count);
        Assert.DoesNotContain(searcher.SkippedFiles(), s => s.Path == AliasList.FileName);
    }

    [Fact]
    public void AnEditAppliesToTheNextSearchWithoutARebuild()
    {
        using var searcher = new Searcher(_index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        var generation = IndexFolder.Generation(_index);
        Assert.Equal(10, searcher.Search(new SearchRequest { Query = "USSR", PageSize = 50 }).Total);

        File.WriteAllText(AliasFile, "NATO, North Atlantic Treaty Organization\n");
        File.SetLastWriteTimeUtc(AliasFile, DateTime.UtcNow.AddMinutes(1)); // a new time even on a coarse clock
        Assert.Equal(7, searcher.Search(new SearchRequest { Query = "USSR", PageSize = 50 }).Total);
        Assert.Equal(generation, IndexFolder.Generation(_index));
    }

    [Fact]
    public void AMalformedLineIsReportedAndTheSearchGoesOn()
    {
        File.WriteAllText(AliasFile, "# test list\nUSSR, Soviet Union\nCARs => => Central Asian Republics\n");
        using var searcher = new Searcher(_index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        var response = searcher.Search(new SearchRequest { Query = "USSR", PageSize = 50 });
        Assert.Equal(10, response.Total); // line 2 applies
        Assert.Contains("aliases.txt line 3: more than one '=>' (a line maps names on the left to names on the right, once); the line is ignored", response.Warnings);

        var (exit, output, error) = SeedIndex.RunCli("aliases", "--corpus", _corpus, "--index", _index);
        Assert.Equal(2, exit);
        Assert.Contains("line 2", output);
        Assert.Contains("error: aliases.txt line 3: more than one '=>'", error);

        (exit, output, error) = SeedIndex.RunCli("search", "USSR", "--corpus", _corpus, "--index", _index, "--budget-ms", "60000");
        Assert.Equal(0, exit);
        Assert.Contains("warning: aliases.txt line 3", error);
        Assert.Contains("10 passages match", output);
    }

    [Fact]
    public void WithoutAListSuggestionsAreNew()
    {
        File.Delete(AliasFile);
        var (exit, output, error) = SeedIndex.RunCli("aliases", "--corpus", _corpus, "--index", _index);
        Assert.True(exit == 0, error);
        Assert.Contains("no aliases in force", output);

        (exit, output, error) = SeedIndex.RunCli("aliases", "suggest", "--corpus", _corpus, "--index", _index, "--json", "--top", "100");
        Assert.True(exit == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var sco = json.RootElement.EnumerateArray().Single(s => s.GetProperty("line").GetString() == "SCO, Shanghai Cooperation Organisation");
        Assert.Equal("acronym", sco.GetProperty("kind").GetString());
        Assert.False(sco.TryGetProperty("listedAt", out var listed) && listed.ValueKind == System.Text.Json.JsonValueKind.Number);
        Assert.Contains(json.RootElement.EnumerateArray(), s => s.GetProperty("line").GetString() == "Pak-Russia, Pakistan-Russia");
    }
}
