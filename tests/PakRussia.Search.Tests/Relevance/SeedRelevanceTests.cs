using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PakRussia.Search.Evaluation;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;
using Xunit.Abstractions;

namespace PakRussia.Search.Tests.Relevance;

/// <summary>
/// Relevance regression on the seed corpus: every query of seed-judgments.json goes through <see cref="Searcher.Search"/>
/// as a user types it (AND with its OR fallback), and is scored against the passages its fragments name.
/// Prints each query's success@5 and nDCG@10 beside the baseline's ("before"). Fails when a query listed in
/// seed-baseline.json no longer has a relevant passage in its top 5, when mean success@5 falls more than 0.02 below the
/// baseline's, or when one query's nDCG@10 falls more than 0.05 below its own. After a deliberate change, refresh the
/// baseline with <c>PAKRUSSIA_UPDATE_SEED_BASELINE=1 dotnet test --filter SeedRelevanceTests</c>, say why in the commit,
/// and commit the file.
/// </summary>
public sealed partial class SeedRelevanceTests(SeedIndex seeds, ITestOutputHelper output) : IClassFixture<SeedIndex>
{
    private const double Tolerance = 0.02;
    private const double QueryTolerance = 0.05;
    private static readonly SeedJudgments Judgments = SeedJudgments.Load(SeedJudgments.DefaultPath);
    private static readonly string BaselinePath = Path.Combine(RepoPaths.Root, "tests", "PakRussia.Search.Tests", "Relevance", "seed-baseline.json");

    [Fact]
    public void Every_judgment_fragment_resolves_to_an_indexed_passage()
    {
        var (_, problems) = Resolve();
        Assert.True(problems.Count == 0, "ingestion changed; fix the judgments or the pipeline:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Seed_queries_stay_in_the_top_5()
    {
        var (relevant, problems) = Resolve();
        Assert.True(problems.Count == 0, "ingestion changed; fix the judgments or the pipeline:\n" + string.Join("\n", problems));

        var baseline = JsonSerializer.Deserialize<SeedBaseline>(File.ReadAllText(BaselinePath), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidDataException($"{BaselinePath} is empty");
        output.WriteLine($"before: {baseline.MeasuredWith}");
        var passing = new List<string>();
        var perQuery = new Dictionary<string, QueryScore>(StringComparer.Ordinal);
        var worse = new List<string>();
        double successSum = 0, ndcgSum = 0;
        foreach (var query in Judgments.Queries)
        {
            var grades = relevant[query.Id];
            var hits = seeds.Searcher.Search(new SearchRequest { Query = query.Query, PageSize = 10, Facets = false }).Hits;
            var top5 = hits.Take(5).Any(h => grades.ContainsKey(h.PassageId));
            // Rank-derived scores keep the order the user sees (hit scores are rounded and may tie).
            var ranking = hits.Select((h, i) => new RankedDocument(h.PassageId, hits.Count - i));
            var ndcg = RelevanceMetrics.NdcgAt(ranking, grades, 10);
            var firstRelevant = hits.Select((h, i) => (h, i)).FirstOrDefault(x => grades.ContainsKey(x.h.PassageId));
            var before = baseline.PerQuery?.GetValueOrDefault(query.Id);
            output.WriteLine(FormattableString.Invariant(
                $"{query.Id} {(top5 ? "ok  " : "MISS")} nDCG@10 {ndcg:0.000} (before {(before is null ? "-" : before.Ndcg10.ToString("0.000", CultureInfo.InvariantCulture))}{(before is null ? "" : before.Success5 == 1 ? ", ok" : ", MISS")}) first relevant {(firstRelevant.h is null ? "-" : (firstRelevant.i + 1).ToString(CultureInfo.InvariantCulture))}  {query.Query}"));
            perQuery[query.Id] = new QueryScore(top5 ? 1 : 0, Math.Round(ndcg, 3));
            if (before is not null && ndcg < before.Ndcg10 - QueryTolerance)
            {
                worse.Add(FormattableString.Invariant($"{query.Id} ({before.Ndcg10:0.000} -> {ndcg:0.000})"));
            }

            if (top5) passing.Add(query.Id);
            successSum += top5 ? 1 : 0;
            ndcgSum += ndcg;
        }

        var n = Judgments.Queries.Count;
        var success5 = Math.Round(successSum / n, 4);
        var meanNdcg = Math.Round(ndcgSum / n, 4);
        output.WriteLine(FormattableString.Invariant($"seed queries: {n}, success@5 {success5:0.0000}, nDCG@10 {meanNdcg:0.0000}"));

        output.WriteLine(FormattableString.Invariant($"before: success@5 {baseline.SuccessAt5:0.0000}, nDCG@10 {baseline.NdcgAt10:0.0000}"));
        if (Environment.GetEnvironmentVariable("PAKRUSSIA_UPDATE_SEED_BASELINE") == "1")
        {
            var fresh = new SeedBaseline(success5, meanNdcg, passing, perQuery, $"the engine as of {DateTime.UtcNow:yyyy-MM-dd}");
            File.WriteAllText(BaselinePath, JsonSerializer.Serialize(fresh, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) + "\n");
            output.WriteLine($"baseline written to {BaselinePath}");
            return;
        }

        Assert.True(worse.Count == 0, $"queries whose nDCG@10 fell more than {QueryTolerance} below the baseline: {string.Join(", ", worse)}");
        var lost = baseline.Passing.Except(passing, StringComparer.Ordinal).ToList();
        Assert.True(lost.Count == 0, $"queries that passed success@5 in the baseline no longer do: {string.Join(", ", lost)}");
        Assert.True(success5 >= baseline.SuccessAt5 - Tolerance,
            FormattableString.Invariant($"mean success@5 {success5:0.0000} is below the baseline {baseline.SuccessAt5:0.0000} minus {Tolerance}"));
    }

    /// <summary>
    /// For each query, the passage ids its fragments point at (a passage that repeats an earlier one stands for that
    /// one, which is what a search shows) with the highest grade given; plus a line for each fragment found nowhere.
    /// Whitespace is normalised on both sides, as cleaning may rejoin lines; a fragment that a passage break cuts in
    /// two makes both passages relevant.
    /// </summary>
    private (Dictionary<string, Dictionary<string, int>> Relevant, List<string> Problems) Resolve()
    {
        var documents = seeds.Searcher.Documents();
        var passagesByPrefix = new Dictionary<string, IReadOnlyList<global::PakRussia.Search.Passages.Passage>>(StringComparer.Ordinal);
        var relevant = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var query in Judgments.Queries)
        {
            var grades = relevant[query.Id] = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var judgment in query.Relevant)
            {
                if (!passagesByPrefix.TryGetValue(judgment.File, out var passages))
                {
                    var doc = documents.Where(d => Path.GetFileName(d.Path).StartsWith(judgment.File + "_", StringComparison.Ordinal)).ToList();
                    passages = doc.Count == 1 ? seeds.Searcher.Document(doc[0].DocId)?.Passages ?? [] : [];
                    passagesByPrefix[judgment.File] = passages;
                }

                var found = PassagesHolding(passages, Normalise(judgment.Contains));
                if (found.Count == 0)
                {
                    problems.Add($"{query.Id}: no passage of seed {judgment.File} contains \"{judgment.Contains}\"");
                }

                foreach (var passage in found)
                {
                    var id = passage.DuplicateOf ?? passage.PassageId;
                    grades[id] = Math.Max(grades.GetValueOrDefault(id), judgment.Grade);
                }
            }
        }

        return (relevant, problems);
    }

    /// <summary>
    /// The passages holding <paramref name="fragment"/>: one when it lies inside a passage, or the consecutive passages
    /// it runs across when a passage break (at a sentence end) falls inside it. Empty when the document lacks it.
    /// </summary>
    private static List<global::PakRussia.Search.Passages.Passage> PassagesHolding(IReadOnlyList<global::PakRussia.Search.Passages.Passage> passages, string fragment)
    {
        var inside = passages.Where(p => Normalise(p.Text).Contains(fragment, StringComparison.Ordinal)).ToList();
        if (inside.Count > 0 || passages.Count == 0)
        {
            return inside;
        }

        var joined = new System.Text.StringBuilder();
        var spans = new List<(int Start, int End)>();
        foreach (var passage in passages)
        {
            if (joined.Length > 0) joined.Append(' ');
            var start = joined.Length;
            joined.Append(Normalise(passage.Text));
            spans.Add((start, joined.Length));
        }

        var at = joined.ToString().IndexOf(fragment, StringComparison.Ordinal);
        return at < 0 ? [] : passages.Where((_, i) => spans[i].Start < at + fragment.Length && spans[i].End > at).ToList();
    }

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed record QueryScore(int Success5, double Ndcg10);

    private sealed record SeedBaseline(double SuccessAt5, double NdcgAt10, IReadOnlyList<string> Passing,
        IReadOnlyDictionary<string, QueryScore>? PerQuery = null, string? MeasuredWith = null);
}
