// Placeholder entry point; the web issue builds the real server here.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/health", () => "ok");
app.Run();

public partial class Program;
