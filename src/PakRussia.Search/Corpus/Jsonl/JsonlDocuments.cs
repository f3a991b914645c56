using System.Globalization;

namespace PakRussia.Search.Corpus;

/// <summary>
/// JSON Lines records as documents, through the same cleaning and passage pipeline as files.
/// Streams: one record in memory at a time.
/// </summary>
public static class JsonlDocuments
{
    /// <summary>
    /// Reads <paramref name="path"/> (.jsonl or .jsonl.gz). Bad lines are reported in <paramref name="skipped"/>.
    /// <paramref name="originalIds"/>, when given, maps each document id to the record's own id (ids are
    /// made safe for URLs and queries: "20ng:alt.atheism.49960" → "20ng-alt.atheism.49960").
    /// </summary>
    public static IEnumerable<IngestedDocument> Read(string path, ICollection<SkippedFile> skipped, IDictionary<string, string>? originalIds = null)
    {
        var problems = new ProblemSink(skipped, path);
        var name = Path.GetFileName(path);
        foreach (var record in JsonlRecordReader.Read(path, problems))
        {
            var docId = SafeId(record.Id);
            originalIds?.TryAdd(docId, record.Id);
            var (date, precision) = NormaliseDate(record.Date);
            var metadata = new DocumentMetadata
            {
                DocId = docId,
                Title = string.IsNullOrWhiteSpace(record.Title) ? record.Id : record.Title.Trim(),
                SourceType = string.IsNullOrWhiteSpace(record.SourceType) ? "document" : record.SourceType.Trim().ToLowerInvariant(),
                Site = record.Site,
                Author = record.Author,
                Date = date,
                DatePrecision = precision,
                DateEvidence = date is null ? null : "the date field of the imported record",
                Url = record.Url,
            };
            yield return DocumentPipeline.FromText(metadata, record.Text, $"jsonl:{name}#{record.LineNumber}");
        }
    }

    /// <summary>Lower-case letters, digits, '-', '_' and '.'; anything else becomes '-'; at most 100 characters.</summary>
    public static string SafeId(string id)
    {
        var chars = id.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray();
        var safe = new string(chars).Trim('-', '.');
        if (safe.Length == 0)
        {
            safe = "doc-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)))[..12].ToLowerInvariant();
        }

        return safe.Length <= 100 ? safe : safe[..100];
    }

    private static (string? Date, DatePrecision? Precision) NormaliseDate(string? date)
    {
        if (string.IsNullOrWhiteSpace(date)) return (null, null);
        var text = date.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return (text, DatePrecision.Day);
        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return (text, DatePrecision.Month);
        if (text.Length == 4 && text.All(char.IsAsciiDigit)) return (text, DatePrecision.Year);
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
            return (parsed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DatePrecision.Day);
        return (null, null);
    }

    /// <summary>Turns the reader's "file:line: reason" problems into skipped-file entries.</summary>
    private sealed class ProblemSink(ICollection<SkippedFile> skipped, string path) : ICollection<string>
    {
        public void Add(string item)
        {
            var reason = item.StartsWith(path, StringComparison.Ordinal) ? item[path.Length..].TrimStart(':') : item;
            var colon = reason.IndexOf(':');
            skipped.Add(colon > 0 ? new SkippedFile($"{path}:{reason[..colon]}", reason[(colon + 1)..].Trim()) : new SkippedFile(path, reason));
        }

        public int Count => skipped.Count;
        public bool IsReadOnly => false;
        public void Clear() { }
        public bool Contains(string item) => false;
        public void CopyTo(string[] array, int arrayIndex) { }
        public bool Remove(string item) => false;
        public IEnumerator<string> GetEnumerator() => Enumerable.Empty<string>().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
