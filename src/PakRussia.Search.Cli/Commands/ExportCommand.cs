using System.CommandLine;
using PakRussia.Search.Export;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli.Commands;

/// <summary>
/// <c>pakrussia export --format elasticsearch DIR</c>: the whole index as an index template and a bulk file that
/// Elasticsearch or OpenSearch load as they are (docs/scale-out.md), for a corpus that outgrows one machine.
/// </summary>
public static class ExportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var corpus = CommonOptions.Corpus();
        var followLinks = CommonOptions.FollowLinks();
        var index = CommonOptions.Index();
        var format = new Option<string>("--format") { Description = "What to write: elasticsearch (an index template and a bulk NDJSON file, for Elasticsearch or OpenSearch)", Required = true };
        var name = new Option<string>("--index-name") { Description = "The index name in the template and the bulk actions (default pakrussia)", DefaultValueFactory = _ => "pakrussia" };
        var folder = new Argument<string>("folder") { Description = "Folder to write the two files into (created if missing)" };
        var command = new Command("export", "Write the whole index for another engine (Elasticsearch, OpenSearch)") { folder, format, name, corpus, followLinks, index };
        command.SetAction(parse => CommandRunner.Run(error, () =>
        {
            if (!string.Equals(parse.GetValue(format), "elasticsearch", StringComparison.OrdinalIgnoreCase))
            {
                error.WriteLine($"error: unknown --format '{parse.GetValue(format)}': the format is elasticsearch (loaded by Elasticsearch and OpenSearch)");
                return ExitCodes.BadInput;
            }

            var path = IndexLocator.Ensure(parse.GetValue(corpus)!, parse.GetValue(index)!, error, CommonOptions.CorpusOptions(parse, followLinks));
            using var searcher = new Searcher(path);
            var target = Path.GetFullPath(parse.GetValue(folder)!);
            ElasticsearchExportSummary summary;
            try
            {
                summary = ElasticsearchExport.Write(searcher, target, parse.GetValue(name)!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: cannot write the export into {target}: {(ex is UnauthorizedAccessException ? "permission denied" : "the folder is not writable or the disk is full")}");
                return ExitCodes.BadInput;
            }

            output.WriteLine($"wrote {summary.Passages} passages of {summary.Documents} documents:");
            output.WriteLine($"  {summary.TemplatePath}  (PUT _index_template/{parse.GetValue(name)})");
            output.WriteLine($"  {summary.BulkPath}  (POST _bulk; see docs/scale-out.md)");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
