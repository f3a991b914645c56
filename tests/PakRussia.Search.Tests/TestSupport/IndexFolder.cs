using System.Security.Cryptography;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;

namespace PakRussia.Search.Tests.TestSupport;

/// <summary>Looking at and tampering with index folders in tests (through Lucene's own API where it has one).</summary>
public static class IndexFolder
{
    /// <summary>A hash of every file in the folder (names and bytes), the write lock aside: equal means untouched.</summary>
    public static string Hash(string path)
    {
        if (File.Exists(path))
        {
            return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Files(path))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(file));
            sha.AppendData(File.ReadAllBytes(Path.Combine(path, file)));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>The folder's file names, sorted, without the write lock (a file Lucene leaves and only locks).</summary>
    public static IReadOnlyList<string> Files(string path) =>
        System.IO.Directory.GetFiles(path).Select(Path.GetFileName).Where(f => f != "write.lock").Order(StringComparer.Ordinal).ToList()!;

    /// <summary>The file of the latest commit (segments_N).</summary>
    public static string SegmentsFile(string path) =>
        Files(path).Where(f => f.StartsWith("segments_", StringComparison.Ordinal)).OrderBy(f => f.Length).ThenBy(f => f, StringComparer.Ordinal).Last();

    /// <summary>The largest file of the index (a segment's compound or data file).</summary>
    public static string LargestFile(string path) =>
        Files(path).OrderByDescending(f => new FileInfo(Path.Combine(path, f)).Length).First();

    /// <summary>Writes a Lucene index that is not ours (no PakRussia.Search user data) into the folder.</summary>
    public static void WriteForeignIndex(string path)
    {
        using var directory = FSDirectory.Open(path);
        using var writer = new IndexWriter(directory, new IndexWriterConfig(PassageAnalyzer.Version, PassageAnalyzer.Index));
        writer.AddDocument(new Document { new TextField("body", "not ours at all", Field.Store.YES) });
        writer.Commit();
    }

    /// <summary>Commits the index again with one user-data value changed (another schema version, say).</summary>
    public static void SetUserData(string path, string key, string value)
    {
        using var directory = FSDirectory.Open(path);
        using var writer = new IndexWriter(directory, new IndexWriterConfig(PassageAnalyzer.Version, PassageAnalyzer.Index) { OpenMode = OpenMode.APPEND });
        var data = new Dictionary<string, string>(new SegmentInfos().Also(s => s.Read(directory)).UserData) { [key] = value };
        writer.SetCommitData(data);
        writer.Commit();
    }

    /// <summary>Lucene's CheckIndex over the folder: true when every segment reads back whole.</summary>
    public static bool IsClean(string path)
    {
        using var directory = FSDirectory.Open(path);
        var check = new CheckIndex(directory);
        return check.DoCheckIndex().Clean;
    }

    /// <summary>The id of the generation the latest commit is (our user data).</summary>
    public static string Generation(string path) => IndexDirectory.ReadCommit(path)?.Id ?? "";

    private static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
