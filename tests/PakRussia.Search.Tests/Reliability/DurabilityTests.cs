using System.Diagnostics;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;
using Xunit.Abstractions;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>A fact that runs only as root (mounting a small tmpfs needs it); otherwise skipped with the reason.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = "needs root on Linux to mount a 2 MB tmpfs (CI runs as root)";
        }
    }
}

/// <summary>
/// Nothing lost on a crash or a full disk, and no swap ever disturbs a reader: the index answers exactly as before.
/// </summary>
public sealed class DurabilityTests(ITestOutputHelper output)
{
    private static string Hash(string path) => IndexFolder.Hash(path);

    /// <summary>The built CLI (Debug), run as a separate process so that it can be killed.</summary>
    public static string CliDll
    {
        get
        {
            var dll = Path.Combine(RepoPaths.Root, "src", "PakRussia.Search.Cli", "bin", "Debug", "net10.0", "pakrussia.dll");
            Assert.True(File.Exists(dll), $"build the solution first: {dll} is missing");
            return dll;
        }
    }

    /// <summary>
    /// kill -9 of a real <c>pakrussia index --rebuild</c> at random points (while it adds documents, merges or
    /// commits), then: the index answers the same queries as before (same totals and top ids) and Lucene's CheckIndex
    /// finds it whole. CI runs 15 kills; <c>PAKRUSSIA_KILL_RUNS=200</c> (tests/reliability/kill9.sh) runs the full harness.
    /// </summary>
    [Fact]
    public void Rebuild_KilledAtRandomPoints_LeavesTheIndexAnsweringAsBefore()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("PAKRUSSIA_KILL_RUNS"), out var n) && n > 0 ? n : 15;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PAKRUSSIA_KILL_SEED"), out var s) ? s : Environment.TickCount;
        var random = new Random(seed);
        using var temp = new TempFolder();
        var corpus = temp.File("corpus");
        SyntheticCorpus.CopySeeds(corpus);
        SyntheticCorpus.WriteFiles(corpus, files: 30, paragraphs: 20);
        var index = temp.File("index");
        var cli = CliDll;

        // Two full runs, uninterrupted: the baseline answers and how long a warm run takes (the first is cold).
        var fullRun = TimeSpan.MaxValue;
        for (var warm = 0; warm < 2; warm++)
        {
            var clock = Stopwatch.StartNew();
            using var process = Start(cli, corpus, index);
            Assert.True(process.WaitForExit(120_000), "the build did not finish");
            fullRun = clock.Elapsed;
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        }

        var expected = IndexProbe.Answers(index);
        IndexProbe.AssertSound(index);

        // Kills land uniformly over a run; the window shrinks to the fastest run seen, so that most kills hit the build.
        int midBuild = 0, beforeBuild = 0, finished = 0;
        var window = fullRun.TotalMilliseconds;
        for (var i = 0; i < runs; i++)
        {
            var delay = TimeSpan.FromMilliseconds(window * (0.05 + 0.95 * random.NextDouble()));
            var started = Stopwatch.StartNew();
            using var process = Start(cli, corpus, index);
            if (process.WaitForExit(delay))
            {
                finished++;
                window = Math.Min(window, started.Elapsed.TotalMilliseconds);
            }
            else
            {
                process.Kill(); // SIGKILL on Unix: no finally blocks, no flush
                process.WaitForExit();
                // Files the last commit does not use: the dead build had written some of its own.
                if (IndexProbe.Strays(index).Count > 0) midBuild++; else beforeBuild++;
            }

            var answers = IndexProbe.Answers(index);
            Assert.True(expected == answers, $"after kill {i + 1} (seed {seed}, delay {delay.TotalMilliseconds:0} ms) the index answers differently:\n{answers}\nexpected:\n{expected}");
            IndexProbe.AssertSound(index);
        }

        // The next build cleans up whatever the killed ones left.
        using (var last = Start(cli, corpus, index))
        {
            Assert.True(last.WaitForExit(120_000));
            Assert.Equal(0, last.ExitCode);
        }

        Assert.Empty(IndexProbe.Strays(index));
        Assert.Equal(expected, IndexProbe.Answers(index));
        var summary = $"kill -9 harness: {runs} runs (seed {seed}), full run {fullRun.TotalMilliseconds:0} ms (window {window:0} ms); killed mid-build {midBuild}, "
            + $"killed before the build wrote a file {beforeBuild}, finished before the kill {finished}; index intact after every one";
        output.WriteLine(summary);
        Console.WriteLine(summary);
    }

    private static Process Start(string cli, string corpus, string index)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { cli, "index", "--rebuild", "--corpus", corpus, "--index", index })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(info)!;
    }

    /// <summary>
    /// A build that runs out of disk (a 2 MB tmpfs) ends with exit 3 and a message that the disk is full and the
    /// previous index is unchanged; the old file is byte-for-byte the same and still answers.
    /// </summary>
    [RootFact]
    public void Build_OnAFullDisk_ExitsThreeAndKeepsTheOldIndex()
    {
        using var temp = new TempFolder();
        var disk = temp.File("disk");
        Directory.CreateDirectory(disk);
        if (!Run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk))
        {
            output.WriteLine("skipped: mount -t tmpfs is not permitted here");
            return;
        }

        try
        {
            var corpus = temp.File("corpus");
            SyntheticCorpus.CopySeeds(corpus);
            var index = Path.Combine(disk, "index");
            var first = SeedIndex.RunCli("index", "--corpus", corpus, "--index", index);
            Assert.True(first.Exit == 0, first.Error);
            var expected = IndexProbe.Answers(index);
            var before = Hash(index);

            SyntheticCorpus.WriteFiles(corpus, files: 60, paragraphs: 60);
            var full = SeedIndex.RunCli("index", "--rebuild", "--corpus", corpus, "--index", index);
            CliOutcome.Check("disk full", Outcome.IndexProblem, full, "disk is full");
            Assert.Contains("unchanged", full.Error);
            Assert.Equal(before, Hash(index));
            Assert.Equal(expected, IndexProbe.Answers(index));
            Assert.Empty(IndexProbe.Strays(index));
            output.WriteLine(full.Error.Trim());
        }
        finally
        {
            Run("umount", disk);
        }
    }

    /// <summary>
    /// A disk that fills during the final merge of a rebuild, not before: the tmpfs is sized so that the old index and
    /// the new flushed segments fit (measured by the same build on the ordinary disk without its merge) but the merged
    /// segment does not (half its measured size is left). Exit 3 "disk is full", the old commit byte-for-byte the same
    /// and answering, no stray file.
    /// </summary>
    [RootFact]
    public void Build_WhenTheDiskFillsDuringTheMerge_ExitsThreeAndKeepsTheOldIndex()
    {
        using var temp = new TempFolder();
        var corpus = temp.File("corpus");
        SyntheticCorpus.CopySeeds(corpus);
        var seedsOnly = temp.File("seeds-only");
        IndexBuilder.Update(new FolderCorpusSource(corpus), seedsOnly);
        SyntheticCorpus.WriteFiles(corpus, files: 120, paragraphs: 60);
        long Size(string path) => Directory.GetFiles(path).Sum(f => (new FileInfo(f).Length + 4095) / 4096 * 4096);
        var flushedOnly = temp.File("flushed");
        IndexBuilder.Update(new FolderCorpusSource(corpus), flushedOnly, new BuildOptions { Rebuild = true, Optimize = false });
        var merged = temp.File("merged");
        IndexBuilder.Update(new FolderCorpusSource(corpus), merged, new BuildOptions { Rebuild = true });
        var (old, flushed, whole) = (Size(seedsOnly), Size(flushedOnly), Size(merged));
        Assert.True(whole > 1 << 20, $"the merged index is only {whole} bytes: too small to tell a merge from a flush");
        var diskBytes = old + flushed + whole / 2 + 64 * 4096;
        output.WriteLine($"old index {old:N0} B, flushed segments {flushed:N0} B, merged {whole:N0} B: disk of {diskBytes:N0} B");

        var disk = temp.File("disk");
        Directory.CreateDirectory(disk);
        if (!Run("mount", "-t", "tmpfs", "-o", $"size={diskBytes / 1024}k", "tmpfs", disk))
        {
            output.WriteLine("skipped: mount -t tmpfs is not permitted here");
            return;
        }

        try
        {
            var index = Path.Combine(disk, "index");
            CopyFolder(seedsOnly, index);
            var expected = IndexProbe.Answers(index);
            var before = Hash(index);

            var full = SeedIndex.RunCli("index", "--rebuild", "--corpus", corpus, "--index", index);
            CliOutcome.Check("disk full in the merge", Outcome.IndexProblem, full, "disk is full");
            Assert.Equal(before, Hash(index));
            Assert.Equal(expected, IndexProbe.Answers(index));
            Assert.Empty(IndexProbe.Strays(index));
            output.WriteLine(full.Error.Trim());

            // The same rebuild without its final merge fits on this disk: the one above failed in the merge.
            var unmerged = IndexBuilder.Update(new FolderCorpusSource(corpus), index, new BuildOptions { Rebuild = true, Optimize = false });
            Assert.Equal(IndexBuilder.Update(new FolderCorpusSource(corpus), merged).Passages, unmerged.Passages);
        }
        finally
        {
            Run("umount", disk);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static bool Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(info)!;
            process.WaitForExit(30_000);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// A rebuild while a search holds the old generation: it keeps answering from it (its files stay readable through
    /// the open reader after the writer deletes them), the next search sees the new one, and no file is left behind.
    /// </summary>
    [Fact]
    public void Rebuild_WhileAReaderIsOpen_ReaderKeepsTheOldGenerationAndTheNextSearchSeesTheNew()
    {
        using var temp = new TempFolder();
        var corpus = temp.File("corpus");
        SyntheticCorpus.CopySeeds(corpus);
        var index = temp.File("index");
        IndexBuilder.Update(new FolderCorpusSource(corpus), index);
        using var searcher = new Searcher(index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        var old = searcher.Stats();

        using var directory = Lucene.Net.Store.FSDirectory.Open(index);
        using var held = Lucene.Net.Index.DirectoryReader.Open(directory);
        var heldSearcher = new Lucene.Net.Search.IndexSearcher(held);
        var all = new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(IndexFields.Type, IndexFields.PassageType));
        var hits = heldSearcher.Search(all, 1_000).ScoreDocs;
        Assert.Equal(old.Passages, hits.Length);
        var read = heldSearcher.Doc(hits[0].Doc).Get(IndexFields.PassageId) is not null ? 1 : 0;

        File.WriteAllText(Path.Combine(corpus, "added.txt"), "A new post: Pakistan and Russia discuss the okapiword corridor.");
        var summary = IndexBuilder.Update(new FolderCorpusSource(corpus), index, new BuildOptions { Rebuild = true });
        Assert.True(summary.Passages > old.Passages);

        foreach (var hit in hits.Skip(1))
        {
            read += heldSearcher.Doc(hit.Doc).Get(IndexFields.PassageId) is not null ? 1 : 0;
        }

        Assert.Equal(old.Passages, read);
        Assert.Equal(old.Generation, held.IndexCommit.UserData[IndexSchema.GenerationKey]);

        var fresh = searcher.Search(new SearchRequest { Query = "okapiword" });
        Assert.Equal(1, fresh.Total);
        Assert.NotEqual(old.Generation, fresh.Generation);
        Assert.Empty(IndexProbe.Strays(index));
    }

    /// <summary>Searches running on other threads through several rebuilds: no errors, and each answer is one generation's.</summary>
    [Fact]
    public async Task Rebuilds_UnderConcurrentSearches_EveryAnswerComesWholeFromOneGeneration()
    {
        using var temp = new TempFolder();
        var corpus = temp.File("corpus");
        SyntheticCorpus.CopySeeds(corpus);
        var index = temp.File("index");
        IndexBuilder.Update(new FolderCorpusSource(corpus), index);
        using var searcher = new Searcher(index) { TimeBudget = Timeout.InfiniteTimeSpan };
        var totals = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var answered = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var response = searcher.Search(new SearchRequest { Query = "russia" });
                    var known = totals.GetOrAdd(response.Generation!, response.Total);
                    if (known != response.Total) errors.Enqueue(new Exception($"generation {response.Generation} answered {response.Total} and {known}"));
                    Interlocked.Increment(ref answered);
                }
                catch (Exception ex)
                {
                    errors.Enqueue(ex);
                }
            }
        })).ToArray();

        SpinWait.SpinUntil(() => Volatile.Read(ref answered) > 0, TimeSpan.FromSeconds(30));
        for (var i = 0; i < 3; i++)
        {
            File.WriteAllText(Path.Combine(corpus, $"added-{i}.txt"), $"Post {i}: Russia and Pakistan, again and again, talk number {i}.");
            IndexBuilder.Update(new FolderCorpusSource(corpus), index);
        }

        var after = Volatile.Read(ref answered);
        SpinWait.SpinUntil(() => Volatile.Read(ref answered) > after + 2, TimeSpan.FromSeconds(30));
        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.Empty(errors);
        Assert.True(answered > 0);
        Assert.True(totals.Count >= 2, $"the readers saw {totals.Count} generation(s)");
        Assert.Empty(IndexProbe.Strays(index));
    }
}
