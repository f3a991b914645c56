using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PakRussia.Search.Search;
using PakRussia.Search.Snapshots;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia snapshot check FILE</c>: reruns a saved search (<c>search … --snapshot FILE</c>, the page's "Save this
/// search") and says whether the same results come back; if not, what changed in the corpus and in the hits.
/// Exit 0 identical, 1 different, 2 for a file that is not a snapshot we can read.
/// </summary>
public static class SnapshotCommand
{
    /// <summary>Lines of each list the terminal view shows (the JSON has them all).</summary>
    private const int ShownPerList = 50;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "A snapshot file written by search --snapshot or the page's 'Save this search'" };
        var corpus = CommonOptions.Corpus();
        var followLinks = CommonOptions.FollowLinks();
        var index = CommonOptions.Index();
        var json = CommonOptions.Json();
        var check = new Command("check", "Rerun a saved search: exit 0 when the same results come back, 1 with what changed") { file, corpus, followLinks, index, json };
        check.SetAction(parse => CommandRunner.Run(error, () =>
        {
            var saved = Read(parse.GetValue(file)!);
            var request = saved.Search.ToRequest(out _) with { TimeBudget = Timeout.InfiniteTimeSpan };
            var path = IndexLocator.Ensure(parse.GetValue(corpus)!, parse.GetValue(index)!, error, CommonOptions.CorpusOptions(parse, followLinks));
            var now = SearchSnapshot.From(request, new Searcher(path).Results(request), DateTimeOffset.UtcNow);
            var difference = SnapshotComparison.Compare(saved, now);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(difference, JsonDefaults.WebIndented));
            }
            else
            {
                WriteReport(saved, difference, output);
            }

            return difference.Identical ? ExitCodes.Ok : ExitCodes.NotFound;
        }));
        return new Command("snapshot", "Saved result sets: check that a search still gives the same results") { check };
    }

    /// <summary>Writes the snapshot of <paramref name="request"/> to <paramref name="path"/> (for <c>search --snapshot</c>).</summary>
    public static void Save(Searcher searcher, SearchRequest request, string path, TextWriter error)
    {
        var snapshot = SearchSnapshot.From(request, searcher.Results(request), DateTimeOffset.UtcNow);
        try
        {
            SnapshotFile.Write(snapshot, path);
        }
        catch (SnapshotException ex)
        {
            throw new UsageException(ex.Message);
        }

        var kept = snapshot.HitsComplete ? "" : $" (of {snapshot.Total.ToString("N0", CultureInfo.InvariantCulture)}; a snapshot keeps the first {SearchLimits.MaxResultWindow:N0})";
        error.WriteLine($"snapshot: {snapshot.Hits.Count} hit(s){kept} written to {TerminalView.Printable(path)} (corpus {snapshot.CorpusFingerprint})");
    }

    private static SearchSnapshot Read(string path)
    {
        try
        {
            return SnapshotFile.Read(path);
        }
        catch (SnapshotException ex)
        {
            throw new UsageException(TerminalView.Printable(ex.Message));
        }
    }

    private static void WriteReport(SearchSnapshot saved, SnapshotDifference d, TextWriter output)
    {
        var search = $"the search \"{TerminalView.Printable(saved.Search.Query)}\"";
        if (d.Identical)
        {
            output.WriteLine($"identical: {search} gives the same {d.TotalNow:N0} passage(s), the same {saved.Hits.Count} hit(s) in the same order with the same scores, texts and citations, on the same corpus ({d.FingerprintNow})");
            return;
        }

        output.WriteLine(d.ResultsSame
            ? $"different: {search} gives the same results, but on another corpus"
            : $"different: {search} no longer gives the same results");
        output.WriteLine(d.FingerprintSame
            ? $"corpus fingerprint: {d.FingerprintNow} (the same)"
            : $"corpus fingerprint: {TerminalView.Printable(d.FingerprintBefore)} (snapshot) -> {d.FingerprintNow} (now)");
        if (d.ProductBefore != d.ProductNow)
            output.WriteLine($"program: {TerminalView.Printable(d.ProductBefore)} (snapshot) -> {d.ProductNow} (now)");
        if (!d.DocumentsComplete)
            output.WriteLine("(the snapshot lists only its hits' documents, so added documents are not named)");

        Documents("documents added", d.DocumentsAdded, output);
        Documents("documents removed", d.DocumentsRemoved, output);
        Documents("documents edited", d.DocumentsEdited, output);
        if (d.TotalBefore != d.TotalNow)
            output.WriteLine($"total: {d.TotalBefore:N0} -> {d.TotalNow:N0} passage(s)");

        List("hits lost", d.HitsLost, h => $"#{h.Rank} {TerminalView.Printable(h.PassageId)}  score {Score(h.Score)}", output);
        List("hits gained", d.HitsGained, h => $"#{h.Rank} {TerminalView.Printable(h.PassageId)}  score {Score(h.Score)}", output);
        List("hits changed", d.HitsChanged, Change, output);
        List("facets changed", d.FacetsChanged, f => $"{f.Facet} {TerminalView.Printable(f.Value)}: {f.Before} -> {f.Now}", output);
    }

    private static string Change(HitChange c)
    {
        var parts = new List<string>();
        if (c.RankBefore != c.RankNow)
            parts.Add($"rank {c.RankBefore} -> {c.RankNow}");
        if (c.ScoreBefore != c.ScoreNow)
            parts.Add($"score {Score(c.ScoreBefore)} -> {Score(c.ScoreNow)}");
        if (c.TextChanged)
            parts.Add("text edited");
        if (c.CitationChanged)
            parts.Add("citation changed");
        return $"{TerminalView.Printable(c.PassageId)}  {string.Join(", ", parts)}";
    }

    private static string Score(double score) => score.ToString("0.0000", CultureInfo.InvariantCulture);

    private static void Documents(string label, IReadOnlyList<SnapshotDocument> documents, TextWriter output) =>
        List(label, documents, doc => $"{TerminalView.Printable(doc.DocId)}  \"{TerminalView.Printable(doc.Title)}\"", output);

    private static void List<T>(string label, IReadOnlyList<T> items, Func<T, string> line, TextWriter output)
    {
        if (items.Count == 0)
            return;
        output.WriteLine($"{label} ({items.Count}):");
        foreach (var item in items.Take(ShownPerList))
            output.WriteLine($"  {line(item)}");
        if (items.Count > ShownPerList)
            output.WriteLine($"  … and {items.Count - ShownPerList} more (--json lists them all)");
    }
}
