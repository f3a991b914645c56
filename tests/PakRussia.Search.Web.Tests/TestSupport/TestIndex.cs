using PakRussia.Search.Indexing;
using PakRussia.Search.Search;

namespace PakRussia.Search.Web.Tests.TestSupport;

/// <summary>
/// One index per test run, built in a temp folder from a copy of the repository's seeds/ (with their manifest)
/// plus one hostile document whose text holds a script tag and an onerror image.
/// </summary>
public static class TestIndex
{
    public const string HostileFile = "hostile_markup.txt";
    public const string HostileDocId = "hostile_markup";
    public const string HostileScript = "<script>window.__pwned=1</script>";
    public const string HostileImage = "<img src=x onerror=\"window.__pwned=1\">";
    public const string HostileText =
        $"A post about Pakistan and Russia that quotes markup: {HostileScript} and {HostileImage} as plain text.\n\n"
        + "Russia & Pakistan \"quotes\" 'apostrophes' — and ©, é, ✔ characters.\n";

    private static readonly Lazy<string> Built = new(Build);
    private static readonly TempFolder Folder = new();

    /// <summary>The path of the shared index (built on first use).</summary>
    public static string Path => Built.Value;

    /// <summary>Its document and passage counts, read from the index.</summary>
    public static IndexStats Stats => new Searcher(Path).Stats();

    /// <summary>Copies the seeds and the hostile document into <paramref name="folder"/>.</summary>
    public static string MakeCorpus(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(file, System.IO.Path.Combine(folder, System.IO.Path.GetFileName(file)));
        }

        File.WriteAllText(System.IO.Path.Combine(folder, HostileFile), HostileText);
        return folder;
    }

    private static string Build()
    {
        var corpus = MakeCorpus(Folder.File("corpus"));
        var path = Folder.File("pakrussia");
        var summary = IndexBuilder.Update(new FolderCorpusSource(corpus), path);
        if (summary.Skipped.Count > 0)
        {
            throw new InvalidOperationException("Seed files were skipped: " + string.Join("; ", summary.Skipped.Select(s => $"{s.Path}: {s.Reason}")));
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Folder.Dispose();
        return path;
    }
}
