using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PakRussia.Search.Snapshots;

/// <summary>Writing and reading snapshot files: JSON, written atomically, read strictly (every problem a <see cref="SnapshotException"/>).</summary>
public static class SnapshotFile
{
    /// <summary>Largest snapshot file read (10,000 hits and 100,000 documents take a few tens of MB).</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    public static string ToJson(SearchSnapshot snapshot) => JsonSerializer.Serialize(snapshot, JsonDefaults.WebIndented);

    /// <summary>
    /// Writes <paramref name="snapshot"/> to <paramref name="path"/> through a temporary file in the same folder and a
    /// rename, so a reader (or a crash) never sees half a snapshot; an existing file is replaced.
    /// </summary>
    public static void Write(SearchSnapshot snapshot, string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
            throw new SnapshotException($"the folder of {path} does not exist");
        if (Directory.Exists(full))
            throw new SnapshotException($"{path} is a folder; give a file name for the snapshot");
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToJson(snapshot) + "\n");
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SnapshotException($"the snapshot cannot be written to {path} (no permission, or the disk is full); nothing was written");
        }
        finally
        {
            try
            {
                if (File.Exists(temporary))
                    File.Delete(temporary);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Left for the user to remove; the message above already said the write failed.
            }
        }
    }

    /// <summary>Reads and checks a snapshot file.</summary>
    public static SearchSnapshot Read(string path)
    {
        if (Directory.Exists(path))
            throw new SnapshotException($"{path} is a folder, not a snapshot file");
        if (!File.Exists(path))
            throw new SnapshotException($"snapshot file {path} does not exist");
        byte[] bytes;
        try
        {
            if (new FileInfo(path).Length > MaxBytes)
                throw new SnapshotException($"{path} is larger than {MaxBytes / (1024 * 1024)} MB; it is not a snapshot");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SnapshotException($"{path} cannot be read");
        }

        return Parse(bytes, path);
    }

    /// <summary>Reads a snapshot from JSON bytes; <paramref name="name"/> names it in messages.</summary>
    public static SearchSnapshot Parse(ReadOnlySpan<byte> bytes, string name)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new SnapshotException($"{name} is not valid JSON{Where(ex)}; it is not a snapshot");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != SearchSnapshot.FormatName)
                throw new SnapshotException($"{name} is not a PakRussia.Search snapshot (its \"format\" is not \"{SearchSnapshot.FormatName}\")");
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v))
                throw new SnapshotException($"{name} has no snapshot version");
            if (v != SearchSnapshot.CurrentVersion)
                throw new SnapshotException($"{name} is snapshot version {v.ToString(CultureInfo.InvariantCulture)}; this program reads version {SearchSnapshot.CurrentVersion}");

            SearchSnapshot? snapshot;
            try
            {
                snapshot = root.Deserialize<SearchSnapshot>(JsonDefaults.Web);
            }
            catch (JsonException ex)
            {
                throw new SnapshotException($"{name} is damaged: {Field(ex)} has the wrong type");
            }

            if (snapshot is null || string.IsNullOrEmpty(snapshot.CorpusFingerprint) || snapshot.Search is null || snapshot.Hits is null || snapshot.Facets is null
                || snapshot.Documents is null || snapshot.Hits.Any(h => h is null || string.IsNullOrEmpty(h.PassageId))
                || snapshot.Documents.Any(d => d is null || string.IsNullOrEmpty(d.DocId)))
                throw new SnapshotException($"{name} is damaged: the fingerprint, the search, the hits or the documents are missing");
            snapshot.Search.ToRequest(out var problem);
            if (problem is not null)
                throw new SnapshotException($"{name} is damaged: {problem}");
            return snapshot;
        }
    }

    private static string Where(JsonException ex) =>
        ex.LineNumber is { } line ? $" (line {(line + 1).ToString(CultureInfo.InvariantCulture)})" : "";

    private static string Field(JsonException ex) => string.IsNullOrEmpty(ex.Path) ? "a field" : $"'{ex.Path}'";
}
