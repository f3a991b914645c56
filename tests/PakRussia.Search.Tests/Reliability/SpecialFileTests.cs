using System.Diagnostics;
using System.Net.Sockets;
using PakRussia.Search.Cli;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>
/// Only regular files are read (issue 19): a named pipe, a socket or a device in the corpus — there at listing time or
/// swapped in after it — is skipped with a plain reason, the build does not block and keeps the other documents.
/// Linux only (mkfifo, /dev/zero, Unix sockets); elsewhere the tests pass without checking.
/// </summary>
public sealed class SpecialFileTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _corpus;

    public SpecialFileTests()
    {
        _corpus = _temp.File("corpus");
        Directory.CreateDirectory(_corpus);
        File.WriteAllText(Path.Combine(_corpus, "good.txt"), "Pakistan and Russia goodword talks in Moscow on energy and trade.");
        File.WriteAllText(Path.Combine(_corpus, "victim.txt"), "Pakistan and Russia victimword: a plain file at listing time.");
    }

    public void Dispose() => _temp.Dispose();

    private string Index => _temp.File("idx");

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static Socket MakeSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    /// <summary>Runs a build on its own thread and waits for it with no deadline (a hang meets the run's hang timeout, not a speed assert).</summary>
    private static BuildSummary OnThread(Func<BuildSummary> build)
    {
        BuildSummary? summary = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { summary = build(); } catch (Exception ex) { error = ex; }
        }) { IsBackground = true };
        thread.Start();
        thread.Join();
        if (error is not null) throw error;
        return summary!;
    }

    private void AssertGoodDocumentsKept()
    {
        using var searcher = new Searcher(Index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        Assert.Equal(1, searcher.Search(new SearchRequest { Query = "goodword" }).Total);
    }

    [Theory]
    [InlineData("fifo", "not a regular file (a named pipe)")]
    [InlineData("socket", "not a regular file (a socket)")]
    [InlineData("zero", "not a regular file (a character device)")]
    public void Build_SpecialFileInTheCorpus_IsSkippedAndTheBuildGoesOn(string kind, string reason)
    {
        if (!OperatingSystem.IsLinux()) return;
        var path = Path.Combine(_corpus, "special.txt");
        using var socket = kind == "socket" ? MakeSocket(path) : null;
        if (kind == "fifo") MakeFifo(path);
        if (kind == "zero") File.CreateSymbolicLink(path, "/dev/zero");

        // /dev/zero is outside the corpus: only --follow-links lets the link be followed at all.
        var options = new CorpusOptions { FollowLinks = kind == "zero" };
        var summary = OnThread(() => IndexBuilder.Update(new FolderCorpusSource(_corpus, options), Index));
        var skip = Assert.Single(summary.Skipped, s => s.Path == "special.txt");
        Assert.Equal(reason, skip.Reason);
        AssertGoodDocumentsKept();
    }

    [Fact]
    public void Build_LinkToACharacterDevice_IsOutsideTheCorpusByDefault()
    {
        if (!OperatingSystem.IsLinux()) return;
        File.CreateSymbolicLink(Path.Combine(_corpus, "zero.txt"), "/dev/zero");
        var summary = IndexBuilder.Update(new FolderCorpusSource(_corpus), Index);
        Assert.Contains("link points outside the corpus", Assert.Single(summary.Skipped, s => s.Path == "zero.txt").Reason);
    }

    /// <summary>
    /// The audit's case: a listed file replaced by a named pipe (or a socket, or a link to a device) before it is read.
    /// Opening a FIFO used to block until a writer came; now it is opened without blocking and refused on the handle.
    /// </summary>
    [Theory]
    [InlineData("fifo", "not a regular file (a named pipe)")]
    [InlineData("socket", "not a regular file (a socket)")]
    [InlineData("zero", "not a regular file (a character device)")]
    // A /proc file is a regular file whose length (0) is not what reading it gives: the length at open must match.
    [InlineData("proc", "changed while it was read")]
    public void Build_FileReplacedBySpecialFileAfterListing_IsSkippedWithoutBlocking(string kind, string reason)
    {
        if (!OperatingSystem.IsLinux()) return;
        var victim = Path.Combine(_corpus, "victim.txt");
        Socket? socket = null;
        var options = new CorpusOptions { FollowLinks = kind is "zero" or "proc" };
        var source = new SwapAfterListing(new FolderCorpusSource(_corpus, options), () =>
        {
            File.Delete(victim);
            if (kind == "fifo") MakeFifo(victim);
            if (kind == "socket") socket = MakeSocket(victim);
            if (kind == "zero") File.CreateSymbolicLink(victim, "/dev/zero");
            if (kind == "proc") File.CreateSymbolicLink(victim, "/proc/self/status");
        });

        try
        {
            var summary = OnThread(() => IndexBuilder.Update(source, Index));
            var skip = Assert.Single(summary.Skipped, s => s.Path == "victim.txt");
            Assert.Equal(reason, skip.Reason);
            AssertGoodDocumentsKept();
        }
        finally
        {
            socket?.Dispose();
        }
    }

    /// <summary>The same through the loader's own API: list, replace, load.</summary>
    [Fact]
    public void LoadFile_ListedThenReplacedByAFifo_ReturnsNullWithTheReason()
    {
        if (!OperatingSystem.IsLinux()) return;
        var loader = new CorpusLoader();
        var skipped = new List<SkippedFile>();
        var listed = loader.ListFiles(_corpus, skipped).Single(f => f.RelativePath == "victim.txt");
        File.Delete(Path.Combine(_corpus, "victim.txt"));
        MakeFifo(Path.Combine(_corpus, "victim.txt"));

        IngestedDocument? document = null;
        var thread = new Thread(() => document = loader.LoadFile(_corpus, listed, skipped)) { IsBackground = true };
        thread.Start();
        thread.Join();
        Assert.Null(document);
        Assert.Equal("not a regular file (a named pipe)", Assert.Single(skipped, s => s.Path == "victim.txt").Reason);
    }

    [Fact]
    public void Cli_Index_WithAFifo_ExitsZeroAndPrintsOurReasonOnly()
    {
        if (!OperatingSystem.IsLinux()) return;
        MakeFifo(Path.Combine(_corpus, "pipe.txt"));
        (int Exit, string Output, string Error) run = default;
        var thread = new Thread(() => run = SeedIndex.RunCli("index", "--corpus", _corpus, "--index", Index)) { IsBackground = true };
        thread.Start();
        thread.Join();
        Assert.Equal(ExitCodes.Ok, run.Exit);
        Assert.Contains("skipped pipe.txt: not a regular file (a named pipe)", run.Output);
        Assert.DoesNotContain("seeking", run.Output + run.Error, StringComparison.OrdinalIgnoreCase);
        CliOutcome.NoInternals("index with a fifo", run.Output + run.Error);
    }
}
