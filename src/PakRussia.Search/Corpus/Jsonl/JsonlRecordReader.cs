using System.IO.Compression;
using System.Text.Json;

namespace PakRussia.Search.Corpus;

/// <summary>
/// Reads documents from a JSON Lines file, plain (<c>.jsonl</c>) or gzip-compressed (<c>.jsonl.gz</c>; recognised by
/// its magic bytes 1F 8B, whatever the file is called). Records are streamed one line at a time, so files of hundreds
/// of thousands of records are never held in memory.
/// </summary>
/// <remarks>
/// Each non-blank line must hold one JSON object. Recognised properties: <c>id</c> (or <c>_id</c>; string or number),
/// <c>title</c>, <c>text</c>, and the optional <c>sourceType</c>, <c>date</c>, <c>author</c>, <c>site</c>, <c>url</c>;
/// any other property (e.g. BEIR's <c>metadata</c>) is ignored. Optional fields that are neither a string nor a
/// number are treated as absent. A UTF-8 byte order mark at the start of a line is ignored.
/// A line that is not valid JSON, is not an object, or lacks an id or a non-blank text is skipped and reported in the
/// caller's problem list as <c>"{file}:{lineNumber}: {reason}"</c> (file as passed in); bad content never throws.
/// </remarks>
public sealed class JsonlRecordReader
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private JsonlRecordReader()
    {
    }

    /// <summary>Streams the records of <paramref name="path"/>, adding one message per skipped line to <paramref name="problems"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist (thrown at once, not on enumeration).</exception>
    public static IEnumerable<JsonlRecord> Read(string path, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"JSON Lines file not found: {path}", path);
        }

        return ReadExisting(path, problems);
    }

    private static IEnumerable<JsonlRecord> ReadExisting(string path, ICollection<string> problems)
    {
        using var lines = new Utf8LineReader(OpenMaybeGzip(path));
        var lineNumber = 0;
        while (lines.MoveNext())
        {
            lineNumber++;
            var record = ParseLine(lines.Current, lineNumber, out var problem);
            if (record != null)
            {
                yield return record;
            }
            else if (problem != null)
            {
                problems.Add($"{path}:{lineNumber}: {problem}");
            }
        }
    }

    private static Stream OpenMaybeGzip(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B
            ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false)
            : file;
    }

    /// <summary>Parses one line; returns null with <paramref name="problem"/> null for a blank line.</summary>
    internal static JsonlRecord? ParseLine(ReadOnlySpan<byte> line, int lineNumber, out string? problem)
    {
        problem = null;
        if (line.StartsWith(Utf8Bom))
        {
            line = line[Utf8Bom.Length..];
        }

        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            return ParseObject(line, lineNumber, out problem);
        }
        catch (JsonException ex)
        {
            problem = $"malformed JSON at byte {ex.BytePositionInLine ?? 0}: {FirstSentence(ex.Message)}";
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader.GetString throws this for invalid UTF-8 inside a string.
            problem = "malformed JSON: " + FirstSentence(ex.Message);
            return null;
        }
    }

    private static JsonlRecord? ParseObject(ReadOnlySpan<byte> line, int lineNumber, out string? problem)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            problem = $"expected a JSON object, found {reader.TokenType}";
            return null;
        }

        string? id = null, underscoreId = null, title = null, text = null;
        string? sourceType = null, date = null, author = null, site = null, url = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // ValueTextEquals unescapes the property name, so "\u0074ext" matches "text" too.
            if (reader.ValueTextEquals("id"u8)) id = NextScalar(ref reader);
            else if (reader.ValueTextEquals("_id"u8)) underscoreId = NextScalar(ref reader);
            else if (reader.ValueTextEquals("title"u8)) title = NextScalar(ref reader);
            else if (reader.ValueTextEquals("text"u8)) text = NextScalar(ref reader);
            else if (reader.ValueTextEquals("sourceType"u8)) sourceType = NextScalar(ref reader);
            else if (reader.ValueTextEquals("date"u8)) date = NextScalar(ref reader);
            else if (reader.ValueTextEquals("author"u8)) author = NextScalar(ref reader);
            else if (reader.ValueTextEquals("site"u8)) site = NextScalar(ref reader);
            else if (reader.ValueTextEquals("url"u8)) url = NextScalar(ref reader);
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Reading past the object's end makes the reader reject anything but whitespace after it.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            problem = "unexpected content after the JSON object";
            return null;
        }

        id ??= underscoreId;
        if (string.IsNullOrWhiteSpace(id))
        {
            problem = "no id (expected \"id\" or \"_id\")";
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            problem = $"record '{id}' has no text";
            return null;
        }

        problem = null;
        return new JsonlRecord(id, title ?? "", text, sourceType, date, author, site, url, lineNumber);
    }

    /// <summary>Moves to the property's value: a string's text, a number as written, otherwise null (value skipped).</summary>
    private static string? NextScalar(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim();
    }
}
