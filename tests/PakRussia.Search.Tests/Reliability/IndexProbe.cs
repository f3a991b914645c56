using Lucene.Net.Index;
using Lucene.Net.Store;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>What an index answers (totals and top ids of a few queries) and whether Lucene finds it sound.</summary>
public static class IndexProbe
{
    public static readonly string[] Queries = ["russia", "pakistan afghanistan", "\"warm waters\"", "energy OR pipeline", "secur*"];

    /// <summary>One line per query: total and the top ten passage ids.</summary>
    public static string Answers(string indexPath)
    {
        using var searcher = new Searcher(indexPath) { TimeBudget = Timeout.InfiniteTimeSpan };
        return string.Join("\n", Queries.Select(q =>
        {
            var response = searcher.Search(new SearchRequest { Query = q, PageSize = 10 });
            return $"{q}: {response.Total} [{string.Join(' ', response.Hits.Select(h => h.PassageId))}]";
        }));
    }

    /// <summary>The latest commit is ours and of this schema, and Lucene's CheckIndex reads every segment back whole.</summary>
    public static void AssertSound(string indexPath)
    {
        Assert.NotNull(IndexDirectory.ReadCommit(indexPath));
        Assert.True(IndexFolder.IsClean(indexPath), $"CheckIndex found problems in {indexPath}");
    }

    /// <summary>Files in the index folder that the latest commit does not use (what a killed build leaves), the write lock aside.</summary>
    public static IReadOnlyList<string> Strays(string indexPath)
    {
        using var directory = FSDirectory.Open(indexPath);
        var infos = new SegmentInfos();
        infos.Read(directory);
        var used = infos.GetFiles(directory, includeSegmentsFile: true).ToHashSet(StringComparer.Ordinal);
        used.Add(IndexFileNames.SEGMENTS_GEN);
        return IndexFolder.Files(indexPath).Where(f => !used.Contains(f)).ToList();
    }
}
