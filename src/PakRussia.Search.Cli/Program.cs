using PakRussia.Search.Cli;

return CliApp.Run(args, Console.Out, Console.Error);
