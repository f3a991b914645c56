using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Relevance;

/// <summary>Keeps seed-judgments.json valid against the seed files (the engine regression test is added elsewhere).</summary>
public sealed class SeedJudgmentsTests
{
    private static readonly SeedJudgments Judgments = SeedJudgments.Load(SeedJudgments.DefaultPath);

    [Fact]
    public void There_are_enough_queries_each_with_a_directly_answering_passage()
    {
        Assert.True(Judgments.Queries.Count >= 25, $"only {Judgments.Queries.Count} queries");
        Assert.All(Judgments.Queries, q => Assert.Contains(q.Relevant, r => r.Grade == 2));
        Assert.All(Judgments.Queries, q => Assert.False(string.IsNullOrWhiteSpace(q.Note), q.Id + " has no note"));
    }

    [Fact]
    public void Every_fragment_occurs_verbatim_within_one_line_of_its_seed_file()
    {
        var lineCache = new Dictionary<string, string[]>();
        var failures = new List<string>();
        foreach (var query in Judgments.Queries)
        {
            foreach (var relevant in query.Relevant)
            {
                if (!lineCache.TryGetValue(relevant.File, out var lines))
                {
                    lineCache[relevant.File] = lines = File.ReadAllLines(SeedJudgments.SeedFile(RepoPaths.Seeds, relevant.File));
                }

                var line = lines.FirstOrDefault(l => l.Contains(relevant.Contains, StringComparison.Ordinal));
                if (line == null)
                {
                    failures.Add($"{query.Id}: not found in {relevant.File}: \"{relevant.Contains}\"");
                    continue;
                }

                // 8–15 words, unless the fragment is a whole short line (a list item, without its "- " bullet).
                var words = relevant.Contains.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                var wholeLine = line.Trim().TrimStart('-', ' ') == relevant.Contains;
                if (words > 15 || (words < 8 && !wholeLine))
                {
                    failures.Add($"{query.Id}: {words} words in \"{relevant.Contains}\"");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void The_repository_seeds_match_the_shared_seeds()
    {
        if (RepoPaths.Shared is not { } shared || !Directory.Exists(Path.Combine(shared, "seeds")))
        {
            return; // no shared folder on this machine
        }

        foreach (var file in Directory.GetFiles(Path.Combine(shared, "seeds"), "*.txt"))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(RepoPaths.Seeds, Path.GetFileName(file))));
        }
    }
}
