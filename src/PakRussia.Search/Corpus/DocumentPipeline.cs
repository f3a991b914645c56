using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Corpus;

/// <summary>
/// Text in, <see cref="IngestedDocument"/> out: sanitise, clean according to the layout, lay out the cleaned text,
/// split into passages. Used by <see cref="CorpusLoader"/> for files and by importers for text from elsewhere.
/// </summary>
public static class DocumentPipeline
{
    /// <summary>Bumped when cleaning or splitting changes, so content hashes (and the index) follow.</summary>
    public const string Version = "ingest-1";

    /// <summary>
    /// Cleans and splits a text that came from elsewhere (e.g. a JSON Lines record). <paramref name="format"/> picks the
    /// cleaning: null or "plain" → light plain-text cleaning (paragraphs, lists; linear time), "markdown", "html"
    /// (visible text first), "news", "lines"/"explainer", "forum", "pdf"/"academic".
    /// </summary>
    public static IngestedDocument FromText(DocumentMetadata metadata, string text, string sourcePath, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(text);
        var warnings = new List<string>();
        text = TextSanitizer.Sanitize(text, sourcePath, warnings);
        if (string.Equals(format, "html", StringComparison.OrdinalIgnoreCase))
        {
            text = HtmlTextExtractor.Extract(text).Text;
            format = "markdown";
        }

        var blocks = Clean(text, TextLayouts.FromName(format));
        var hash = ContentHash(Encoding.UTF8.GetBytes(text), metadata);
        return Assemble(metadata, blocks, sourcePath, hash, warnings);
    }

    /// <summary>Runs the cleaner for <paramref name="layout"/> on sanitised text.</summary>
    public static IReadOnlyList<CleanedBlock> Clean(string sanitisedText, TextLayout layout) => layout switch
    {
        TextLayout.Forum => ForumCleaner.Clean(sanitisedText),
        TextLayout.Pdf => PdfTextCleaner.Clean(sanitisedText),
        _ => PlainTextCleaner.Clean(sanitisedText, layout),
    };

    internal static IngestedDocument Assemble(DocumentMetadata metadata, IReadOnlyList<CleanedBlock> blocks, string sourcePath, string contentHash, IReadOnlyList<string> warnings)
    {
        var layout = PassageBuilder.Build(metadata.DocId, blocks);
        return new IngestedDocument
        {
            Metadata = metadata,
            SourcePath = sourcePath,
            CleanText = layout.CleanText,
            Passages = layout.Passages,
            ContentHash = contentHash,
            Warnings = warnings,
        };
    }

    /// <summary>SHA-256 (hex) of the raw input, the metadata and the pipeline version: changes when any of them does.</summary>
    internal static string ContentHash(ReadOnlySpan<byte> raw, DocumentMetadata metadata)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(raw);
        hash.AppendData("\0"u8);
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(metadata, JsonDefaults.Web));
        hash.AppendData("\0"u8);
        hash.AppendData(Encoding.UTF8.GetBytes(Version));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
