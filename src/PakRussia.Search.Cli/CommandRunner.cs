using PakRussia.Search.Indexing;
using PakRussia.Search.Search;

namespace PakRussia.Search.Cli;

/// <summary>Runs a command body and turns every expected failure into a one-line message and an exit code.</summary>
public static class CommandRunner
{
    public static int Run(TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (SearchRequestException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (QueryTimeoutException ex)
        {
            // Too expensive for its time budget: the user must change the query (or raise --budget-ms).
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (IndexException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.IndexProblem;
        }
        catch (Exception ex) when (BadInputMessage(ex) is { } message)
        {
            error.WriteLine(message);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: cancelled");
            return ExitCodes.IndexProblem;
        }
        catch (IOException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.IndexProblem;
        }
        catch (UnauthorizedAccessException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.IndexProblem;
        }
    }

    /// <summary>Query-language errors (parse errors, limits) are bad input; their messages are written for users.</summary>
    private static string? BadInputMessage(Exception ex) => ex switch
    {
        Querying.QueryException query => $"error: {query.Message}\n{query.RenderCaret()}",
        _ => null,
    };
}

/// <summary>The command line asks for something that cannot be done (a missing folder or file): exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
