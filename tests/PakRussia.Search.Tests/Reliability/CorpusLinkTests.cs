using System.Text.Json;
using PakRussia.Search.Cli;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>
/// Symbolic links must not carry files from outside the corpus folder into the index (issue 19): a link out is skipped
/// with a reason unless --follow-links, a link that stays inside is followed, and a link swapped in after the listing
/// is caught when the file is opened.
/// </summary>
public sealed class CorpusLinkTests : IDisposable
{
    private const string Secret = "Pakistan and Russia secretword notes that must stay outside the corpus.";
    private const string LinkOut = "link points outside the corpus";
    private readonly TempFolder _temp = new();
    private readonly string _corpus;
    private readonly string _other;

    public CorpusLinkTests()
    {
        _corpus = _temp.File("corpus");
        _other = _temp.File("other-folder");
        Directory.CreateDirectory(_corpus);
        Directory.CreateDirectory(_other);
        Directory.CreateDirectory(_temp.File("corpus2"));
        File.WriteAllText(Path.Combine(_other, "secret.txt"), Secret);
        File.WriteAllText(Path.Combine(_temp.File("corpus2"), "next-door.txt"), "Pakistan and Russia nextdoorword in a folder whose name begins like the corpus.");
        File.WriteAllText(Path.Combine(_corpus, "plain.txt"), "Pakistan and Russia plainword talks in Moscow on energy.");
        Directory.CreateDirectory(Path.Combine(_corpus, "inner"));
        File.WriteAllText(Path.Combine(_corpus, "inner", "target.txt"), "Pakistan and Russia innerword talks reached through a link that stays inside.");

        File.CreateSymbolicLink(Path.Combine(_corpus, "outlink.txt"), "../other-folder/secret.txt");
        Directory.CreateSymbolicLink(Path.Combine(_corpus, "outdir"), "../other-folder");
        File.CreateSymbolicLink(Path.Combine(_corpus, "absolute.txt"), Path.Combine(_other, "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(_corpus, "prefix.txt"), "../corpus2/next-door.txt");
        File.CreateSymbolicLink(Path.Combine(_corpus, "inside.txt"), "inner/target.txt");
        // A link inside the corpus that points at a link out: resolved all the way, it is out.
        File.CreateSymbolicLink(Path.Combine(_corpus, "inner", "hop.txt"), "../outlink.txt");
    }

    public void Dispose() => _temp.Dispose();

    private string Index => _temp.File("idx");

    [Theory]
    [InlineData("outlink.txt")]
    [InlineData("outdir")]
    [InlineData("absolute.txt")]
    [InlineData("prefix.txt")]
    [InlineData("inner/hop.txt")]
    public void Build_LinkOutOfTheCorpus_IsSkippedWithTheReason(string path)
    {
        var summary = IndexBuilder.Update(new FolderCorpusSource(_corpus), Index);
        var skip = Assert.Single(summary.Skipped, s => s.Path == path);
        Assert.Contains(LinkOut, skip.Reason);
    }

    [Fact]
    public void Build_LinksOut_TheSecretIsNotSearchableNorListed()
    {
        IndexBuilder.Update(new FolderCorpusSource(_corpus), Index);
        using var searcher = new Searcher(Index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        Assert.Equal(0, searcher.Search(new SearchRequest { Query = "secretword" }).Total);
        Assert.Equal(0, searcher.Search(new SearchRequest { Query = "nextdoorword" }).Total);
        var paths = searcher.Documents().Select(d => d.Path).ToList();
        Assert.DoesNotContain(paths, p => p.StartsWith("outlink", StringComparison.Ordinal) || p.StartsWith("outdir", StringComparison.Ordinal)
            || p == "absolute.txt" || p == "prefix.txt" || p.EndsWith("hop.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_LinksInsideTheCorpus_AreStillFollowed()
    {
        var summary = IndexBuilder.Update(new FolderCorpusSource(_corpus), Index);
        using var searcher = new Searcher(Index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        var paths = searcher.Documents().Select(d => d.Path).ToList();
        Assert.Contains("inside.txt", paths);
        Assert.Contains("inner/target.txt", paths);
        Assert.Contains("plain.txt", paths);
        Assert.DoesNotContain(summary.Skipped, s => s.Path is "inside.txt" or "inner/target.txt");
    }

    [Fact]
    public void Build_FollowLinks_IndexesTheLinkedFiles()
    {
        var summary = IndexBuilder.Update(new FolderCorpusSource(_corpus, new CorpusOptions { FollowLinks = true }), Index);
        Assert.DoesNotContain(summary.Skipped, s => s.Reason.Contains(LinkOut, StringComparison.Ordinal));
        using var searcher = new Searcher(Index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        Assert.True(searcher.Search(new SearchRequest { Query = "secretword" }).Total > 0);
        Assert.True(searcher.Search(new SearchRequest { Query = "nextdoorword" }).Total > 0);
        var paths = searcher.Documents().Select(d => d.Path).ToList();
        Assert.Contains("outlink.txt", paths);
        Assert.Contains("outdir/secret.txt", paths);
        Assert.Contains("absolute.txt", paths);
    }

    /// <summary>A file listed as a plain file and replaced by a link out before it is read: the check on the opened handle catches it.</summary>
    [Fact]
    public void Build_FileSwappedForALinkOutAfterListing_IsSkipped()
    {
        var swapped = Path.Combine(_corpus, "swapped.txt");
        File.WriteAllText(swapped, "Pakistan and Russia swapword: a harmless file at listing time.");
        var source = new SwapAfterListing(new FolderCorpusSource(_corpus), () =>
        {
            File.Delete(swapped);
            File.CreateSymbolicLink(swapped, Path.Combine(_other, "secret.txt"));
        });

        var summary = IndexBuilder.Update(source, Index);
        var skip = Assert.Single(summary.Skipped, s => s.Path == "swapped.txt");
        Assert.Contains(LinkOut, skip.Reason);
        using var searcher = new Searcher(Index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        Assert.Equal(0, searcher.Search(new SearchRequest { Query = "secretword" }).Total);
    }

    [Fact]
    public void Cli_Index_PrintsTheSkippedLinkAndDocsDoesNotListIt()
    {
        var text = SeedIndex.RunCli("index", "--corpus", _corpus, "--index", Index);
        Assert.Equal(ExitCodes.Ok, text.Exit);
        Assert.Contains($"skipped outlink.txt: {LinkOut}", text.Output);
        Assert.Contains($"skipped outdir: {LinkOut}", text.Output);

        var json = SeedIndex.RunCli("index", "--corpus", _corpus, "--index", Index, "--rebuild", "--json");
        Assert.Equal(ExitCodes.Ok, json.Exit);
        using (var summary = JsonDocument.Parse(json.Output))
        {
            var skipped = summary.RootElement.GetProperty("skipped").EnumerateArray()
                .ToDictionary(s => s.GetProperty("path").GetString()!, s => s.GetProperty("reason").GetString()!);
            Assert.Contains(LinkOut, skipped["absolute.txt"]);
        }

        var docs = SeedIndex.RunCli("docs", "--corpus", _corpus, "--index", Index, "--json");
        Assert.Equal(ExitCodes.Ok, docs.Exit);
        Assert.DoesNotContain("outlink.txt", docs.Output);
        Assert.DoesNotContain("secret.txt", docs.Output);
        Assert.Equal(ExitCodes.NotFound, SeedIndex.RunCli("search", "secretword", "--corpus", _corpus, "--index", Index).Exit);
    }

    [Fact]
    public void Cli_FollowLinks_IndexesAndListsTheLinkedFiles()
    {
        var index = SeedIndex.RunCli("index", "--corpus", _corpus, "--index", Index, "--follow-links");
        Assert.Equal(ExitCodes.Ok, index.Exit);
        Assert.DoesNotContain(LinkOut, index.Output);

        var docs = SeedIndex.RunCli("docs", "--corpus", _corpus, "--index", Index, "--follow-links", "--json");
        Assert.Equal(ExitCodes.Ok, docs.Exit);
        Assert.Contains("\"outdir/secret.txt\"", docs.Output);
        Assert.Equal(ExitCodes.Ok, SeedIndex.RunCli("search", "secretword", "--corpus", _corpus, "--index", Index, "--follow-links").Exit);
    }

    [Theory]
    [InlineData("index")]
    [InlineData("search")]
    [InlineData("show")]
    [InlineData("quote")]
    [InlineData("docs")]
    [InlineData("passages")]
    [InlineData("serve")]
    public void Cli_EveryCommandWithCorpus_TakesFollowLinks(string command)
    {
        var (exit, output, _) = SeedIndex.RunCli(command, "--help");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("--corpus", output);
        Assert.Contains("--follow-links", output);
    }
}

/// <summary>A corpus source that changes the folder right after listing it: what a file swapped during a build looks like.</summary>
internal sealed class SwapAfterListing(ICorpusSource inner, Action swap) : ICorpusSource
{
    public string Description => inner.Description;

    public CorpusListing List()
    {
        var listing = inner.List();
        swap();
        return listing;
    }

    public IngestedDocument? Load(SourceFileEntry file, ICollection<SkippedFile> skipped) => inner.Load(file, skipped);
}
