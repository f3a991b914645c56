using System.CommandLine;
using System.Text.Json;
using PakRussia.Search.Indexing;
using Spectre.Console;

namespace PakRussia.Search.Cli.Commands;

/// <summary><c>pakrussia index</c>: build or update the index from the corpus folder (atomic; no work when nothing changed).</summary>
public static class IndexCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var corpus = CommonOptions.Corpus();
        var followLinks = CommonOptions.FollowLinks();
        var index = CommonOptions.Index();
        var json = CommonOptions.Json();
        var rebuild = new Option<bool>("--rebuild") { Description = "Build from scratch, replacing the index even if it is unusable" };
        var jsonl = new Option<string?>("--jsonl") { Description = "Import documents from a JSON Lines file (.jsonl or .jsonl.gz) instead of the corpus folder" };
        var check = new Option<bool>("--check") { Description = "Build nothing: read every byte of the index back and verify it (exit 3 when damaged)" };
        var command = new Command("index", "Build or update the index from the corpus") { corpus, followLinks, index, rebuild, jsonl, json, check };
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            if (parse.GetValue(check))
            {
                return Check(Path.GetFullPath(parse.GetValue(index)!), parse.GetValue(json), output, error);
            }

            if (parse.GetValue(jsonl) is { } jsonlPath)
            {
                return ImportJsonl(jsonlPath, Path.GetFullPath(parse.GetValue(index)!), parse.GetValue(json), output, error);
            }

            var corpusPath = parse.GetValue(corpus)!;
            var indexPath = Path.GetFullPath(parse.GetValue(index)!);
            if (!Directory.Exists(corpusPath))
            {
                error.WriteLine($"error: no corpus folder at {Path.GetFullPath(corpusPath)}");
                return ExitCodes.BadInput;
            }

            // An index that is not ours, of another schema or damaged is refused here (exit 3) unless --rebuild.
            var source = new FolderCorpusSource(corpusPath, CommonOptions.CorpusOptions(parse, followLinks));
            var summary = RunWithProgress(source, indexPath, new BuildOptions { Rebuild = parse.GetValue(rebuild) });
            if (summary.UpToDate)
            {
                // Nothing to build: still open it once, so a damaged file is reported (the generation's checksums are verified).
                using var searcher = new Search.Searcher(indexPath);
                _ = searcher.Stats();
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(summary, JsonDefaults.Web));
            }
            else
            {
                WriteSummary(output, summary, indexPath);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int ImportJsonl(string jsonlPath, string indexPath, bool json, TextWriter output, TextWriter error)
    {
        if (!File.Exists(jsonlPath))
        {
            error.WriteLine($"error: no JSON Lines file at {Path.GetFullPath(jsonlPath)}");
            return ExitCodes.BadInput;
        }

        var skipped = new List<Corpus.SkippedFile>();
        var documents = Corpus.JsonlDocuments.Read(jsonlPath, skipped);
        var interactive = !Console.IsErrorRedirected;
        var options = new BuildOptions
        {
            Progress = interactive ? new CountProgress(error) : null,
        };
        var summary = IndexBuilder.BuildFrom(documents, indexPath, "jsonl:" + Path.GetFullPath(jsonlPath), skipped, options);
        if (interactive)
        {
            error.WriteLine();
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(summary, JsonDefaults.Web));
        }
        else
        {
            WriteSummary(output, summary, indexPath);
        }

        return ExitCodes.Ok;
    }

    private static BuildSummary RunWithProgress(ICorpusSource source, string indexPath, BuildOptions options)
    {
        if (Console.IsErrorRedirected || Console.IsOutputRedirected)
        {
            return IndexBuilder.Update(source, indexPath, options);
        }

        BuildSummary? summary = null;
        AnsiConsole.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask("indexing");
            summary = IndexBuilder.Update(source, indexPath, options with
            {
                Progress = new SpectreProgress(task),
            });
        });
        return summary!;
    }

    private sealed class SpectreProgress(ProgressTask task) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value)
        {
            if (value.Total > 0)
            {
                task.MaxValue = value.Total;
            }

            task.Value = value.Done;
            task.Description = Markup.Escape(Path.GetFileName(value.Current));
        }
    }

    /// <summary><c>index --check</c>: the whole check, read-only; exit 3 (with the rebuild hint) when anything is damaged.</summary>
    private static int Check(string indexPath, bool json, TextWriter output, TextWriter error)
    {
        var result = IndexCheck.Run(indexPath);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(result, JsonDefaults.Web));
        }

        if (!result.Clean)
        {
            error.WriteLine($"error: {indexPath} is damaged: {result.DamagedSegments} of {result.Segments} segments failed the check. {IndexDirectory.RebuildHint}");
            return ExitCodes.IndexProblem;
        }

        if (!json)
        {
            output.WriteLine($"index {indexPath} is sound: every byte of its {result.Segments} segments ({result.Documents:N0} entries, "
                + $"{result.Bytes / 1024.0 / 1024.0:0.0} MB) read back and verified in {result.Took.TotalSeconds:0.00} s");
        }

        return ExitCodes.Ok;
    }

    internal static void WriteSummary(TextWriter output, BuildSummary summary, string indexPath)
    {
        if (summary.UpToDate)
        {
            output.WriteLine($"index {indexPath} is up to date: {summary.Documents} documents, {summary.Passages} passages (checked in {summary.Elapsed.TotalMilliseconds:0} ms)");
        }
        else
        {
            output.WriteLine($"index {indexPath}: {summary.Documents} documents, {summary.Passages} passages");
            output.WriteLine($"  added {summary.Added}, updated {summary.Updated}, removed {summary.Removed}, unchanged {summary.Unchanged} in {summary.Elapsed.TotalSeconds:0.00} s");
        }

        if (summary.LeftoversRemoved > 0)
        {
            output.WriteLine($"  removed {summary.LeftoversRemoved} file(s) an interrupted build had left in the index folder");
        }

        foreach (var skipped in summary.Skipped)
        {
            output.WriteLine($"  skipped {skipped.Path}: {skipped.Reason}");
        }

        foreach (var warning in summary.Warnings)
        {
            output.WriteLine($"  warning {TerminalView.Printable(warning)}");
        }
    }
}

/// <summary>Prints a running count of imported documents on the terminal (stderr).</summary>
internal sealed class CountProgress(TextWriter error) : IProgress<BuildProgress>
{
    public void Report(BuildProgress value)
    {
        if (value.Done % 1000 == 0)
        {
            error.Write($"\r  {value.Done} documents");
        }
    }
}
