using System.CommandLine;

namespace PakRussia.Search.Cli.Commands;

/// <summary><c>pakrussia docs</c>: list documents with their metadata.</summary>
public static class DocsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var corpus = CommonOptions.Corpus();
        var json = CommonOptions.Json();
        var command = new Command("docs", "List documents with their metadata and passage counts") { corpus, json };
        command.SetAction(parse =>
        {
            output.WriteLine("not yet built");
            return ExitCodes.Ok;
        });
        return command;
    }
}
