using System.Diagnostics;
using PakRussia.Search.Cli;

// A command but `serve` lives a second or less, and Lucene.Net compiles its regular expressions (RegexOptions.Compiled:
// the runtime-version check of `Constants`, the file-name patterns) to IL at first use, then JIT-compiles that IL:
// about 20 ms of a search's cold start. Without dynamic code .NET interprets them, which is all a few matches at start
// need. The server keeps dynamic code: ASP.NET Core compiles its request delegates, which a long-lived process repays.
// (Set before any code reads the switch; tests that run the CLI in-process keep the default.)
if (!args.Contains("serve"))
{
    AppContext.SetSwitch("System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported", false);
}

// `pakrussia index` is a background job beside a server that answers searches within a time budget: it runs below
// normal priority (nice 10 on Linux), set before any thread of the build starts so they all inherit it. An idle
// machine gives it both cores all the same; a busy one serves the searches first. (Only the real process: tests
// that run the CLI in-process keep their priority.)
if (args.Length > 0 && args[0] == "index")
{
    try
    {
        using var self = Process.GetCurrentProcess();
        self.PriorityClass = ProcessPriorityClass.BelowNormal;
    }
    catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or PlatformNotSupportedException or InvalidOperationException)
    {
        // Not permitted here: the build runs at normal priority.
    }
}

return CliApp.Run(args, Console.Out, Console.Error);
