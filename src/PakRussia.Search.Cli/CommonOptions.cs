using System.CommandLine;

namespace PakRussia.Search.Cli;

/// <summary>Options shared by the commands that read the corpus or the index.</summary>
public static class CommonOptions
{
    public static Option<string> Corpus() => new("--corpus")
    {
        Description = "Corpus folder (default: seeds/)",
        DefaultValueFactory = _ => "seeds",
    };

    public static Option<string> Index() => new("--index")
    {
        Description = "Index file (default: index/pakrussia.db)",
        DefaultValueFactory = _ => Path.Combine("index", "pakrussia.db"),
    };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of the terminal view" };
}
