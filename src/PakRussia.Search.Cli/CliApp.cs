using System.CommandLine;
using PakRussia.Search.Cli.Commands;

namespace PakRussia.Search.Cli;

/// <summary>Builds the <c>pakrussia</c> command tree and runs it; tests call <see cref="Run"/> in-process.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("pakrussia: full-text search over a corpus on Pakistan–Russia relations");
        foreach (var command in Commands(output, error))
        {
            root.Subcommands.Add(command);
        }

        try
        {
            var parse = root.Parse(args);
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            // Last line of defence: a user never sees a stack trace.
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.IndexProblem;
        }
    }

    // One line per command; each command lives in its own file under Commands/.
    private static IEnumerable<Command> Commands(TextWriter output, TextWriter error) =>
    [
        IndexCommand.Create(output, error),
        SearchCommand.Create(output, error),
        ShowCommand.Create(output, error),
        DocsCommand.Create(output, error),
        PassagesCommand.Create(output, error),
        ServeCommand.Create(output, error),
        BenchContractCommand.Create(output, error),
    ];
}
