using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PakRussia.Search;

/// <summary>The one place where the project's JSON settings live (manifest, CLI output, API).</summary>
public static class JsonDefaults
{
    /// <summary>camelCase names, case-insensitive reading, nulls left out, authors' characters (’, ✔) written as they are.</summary>
    public static JsonSerializerOptions Web { get; } = Create(indented: false);

    /// <summary>Same as <see cref="Web"/>, indented for people to read.</summary>
    public static JsonSerializerOptions WebIndented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
