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
            // No response files: an argument starting with '@' is a word to search ("@ImranKhan"), not a file to read.
            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parse.Errors.Count > 0)
            {
                // Unknown options, missing arguments, values of the wrong type: bad input, exit code 2.
                foreach (var parseError in parse.Errors)
                {
                    error.WriteLine($"error: {Readable(parseError.Message)}");
                }

                error.WriteLine("Try 'pakrussia --help' or 'pakrussia <command> --help'.");
                return ExitCodes.BadInput;
            }

            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception)
        {
            // Last line of defence: a user never sees a stack trace, nor a library's message.
            error.WriteLine("error: the command stopped on an unexpected problem; nothing was changed. Please report the command you ran.");
            return ExitCodes.IndexProblem;
        }
    }

    /// <summary>System.CommandLine names .NET types ("as expected type 'System.Int32'"); users read "a whole number".</summary>
    private static string Readable(string message) => message
        .Replace("as expected type 'System.Int32'", "as a whole number", StringComparison.Ordinal)
        .Replace("as expected type 'System.Int32[]'", "as a whole number", StringComparison.Ordinal);

    // One line per command; each command lives in its own file under Commands/.
    private static IEnumerable<Command> Commands(TextWriter output, TextWriter error) =>
    [
        IndexCommand.Create(output, error),
        SearchCommand.Create(output, error),
        ShowCommand.Create(output, error),
        SimilarCommand.Create(output, error),
        AliasesCommand.Create(output, error),
        KwicCommand.Create(output, error),
        CollocatesCommand.Create(output, error),
        QuoteCommand.Create(output, error),
        DocsCommand.Create(output, error),
        PassagesCommand.Create(output, error),
        ExportCommand.Create(output, error),
        ServeCommand.Create(output, error),
        EvalCommand.Create(output, error),
        BenchContractCommand.Create(output, error),
        SnapshotCommand.Create(output, error),
        KeywordsCommand.Create(output, error),
        TrendCommand.Create(output, error),
        DispersionCommand.Create(output, error),
    ];
}
