// The standalone web host (dotnet run --project src/PakRussia.Search.Web); `pakrussia serve` builds the same app.
// --index/--corpus/--urls/--port or PAKRUSSIA_INDEX/PAKRUSSIA_CORPUS choose what it serves.
using PakRussia.Search.Web;

var app = WebServer.Build(WebServerOptions.FromArgs(args), args);
app.Run();

public partial class Program;
