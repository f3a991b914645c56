using System.Text.Json;

namespace PakRussia.Search.Corpus;

/// <summary>
/// The metadata manifest (<c>manifest.json</c> in the corpus folder): per document, keyed by its path relative to the
/// corpus folder ('/'-separated, usually just the file name), the <see cref="DocumentMetadata"/> fields in camelCase.
/// <code>{ "documents": { "000_x.txt": { "docId": "forum-better-ally", "title": "…", "sourceType": "forum",
///   "date": "2014", "datePrecision": "year", "dateEvidence": "…" } } }</code>
/// Entries with a bad id, a duplicate id or missing required fields are reported and ignored (the document's
/// metadata is then inferred from its text).
/// </summary>
public sealed class CorpusManifest
{
    private readonly Dictionary<string, DocumentMetadata> entries;
    private readonly Dictionary<string, string> entryJson;

    private CorpusManifest(Dictionary<string, DocumentMetadata> entries, Dictionary<string, string> entryJson, IReadOnlyList<string> problems)
    {
        this.entries = entries;
        this.entryJson = entryJson;
        Problems = problems;
    }

    /// <summary>A manifest with no entries (no manifest file).</summary>
    public static CorpusManifest Empty { get; } = new([], [], []);

    /// <summary>What was wrong with the manifest or its entries.</summary>
    public IReadOnlyList<string> Problems { get; }

    public int Count => entries.Count;

    /// <summary>The entry for a file (by relative path, then by file name alone).</summary>
    public bool TryGet(string relativePath, out DocumentMetadata metadata, out string entrySource)
    {
        var key = relativePath.Replace('\\', '/');
        if (!entries.TryGetValue(key, out metadata!) && !entries.TryGetValue(Path.GetFileName(key), out metadata!))
        {
            entrySource = "";
            return false;
        }

        entrySource = entryJson.TryGetValue(key, out var json) ? json : entryJson[Path.GetFileName(key)];
        return true;
    }

    /// <summary>Reads and validates a manifest file; never throws for bad content (problems are listed instead).</summary>
    public static CorpusManifest Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new([], [], [$"cannot read manifest: {ex.Message}"]);
        }

        return Parse(json);
    }

    /// <summary>A manifest that could not be read, with the reason as its one problem.</summary>
    internal static CorpusManifest Unreadable(string reason) => new([], [], [$"cannot read manifest: {reason}"]);

    public static CorpusManifest Parse(string json)
    {
        var problems = new List<string>();
        var entries = new Dictionary<string, DocumentMetadata>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return new([], [], [$"manifest is not valid JSON: {ex.Message}"]);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("documents", out var documents) || documents.ValueKind != JsonValueKind.Object)
            {
                return new([], [], ["manifest has no \"documents\" object"]);
            }

            foreach (var property in documents.EnumerateObject())
            {
                DocumentMetadata? metadata;
                try
                {
                    metadata = property.Value.Deserialize<DocumentMetadata>(JsonDefaults.Web);
                }
                catch (JsonException ex)
                {
                    problems.Add($"manifest entry \"{property.Name}\": {ex.Message}");
                    continue;
                }

                if (metadata == null || !Corpus.DocIds.IsValid(metadata.DocId))
                {
                    problems.Add($"manifest entry \"{property.Name}\": docId \"{metadata?.DocId}\" must match [a-z0-9][a-z0-9_-]* (at most {Corpus.DocIds.MaxLength} characters)");
                    continue;
                }

                if (!ids.Add(metadata.DocId))
                {
                    problems.Add($"manifest entry \"{property.Name}\": docId \"{metadata.DocId}\" is used twice");
                    continue;
                }

                entries[property.Name.Replace('\\', '/')] = metadata with { Inferred = false };
                sources[property.Name.Replace('\\', '/')] = property.Value.GetRawText();
            }
        }

        return new(entries, sources, problems);
    }

    /// <summary>Ids the manifest assigns, so inferred ids do not take them.</summary>
    public IEnumerable<string> AssignedDocIds => entries.Values.Select(e => e.DocId);
}
