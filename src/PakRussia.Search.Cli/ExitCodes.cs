namespace PakRussia.Search.Cli;

/// <summary>The same exit codes for every command (documented in README.md).</summary>
public static class ExitCodes
{
    /// <summary>Success: something was found or done.</summary>
    public const int Ok = 0;
    /// <summary>Nothing found, or an unknown passage or document id.</summary>
    public const int NotFound = 1;
    /// <summary>Bad input: a malformed query (strict mode), a bad option value, a query over a limit.</summary>
    public const int BadInput = 2;
    /// <summary>Index problem: missing, corrupt, not ours, another schema version, or a failed build.</summary>
    public const int IndexProblem = 3;
}
