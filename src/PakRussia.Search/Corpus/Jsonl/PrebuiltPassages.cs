using System.Text;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Corpus;

/// <summary>
/// Passages that were cut elsewhere, one JSON Lines record per passage (the peer benchmarks' contract:
/// <c>{"id","text","title"}</c> with ids like <c>enwiki:3466:22</c> = document <c>enwiki:3466</c>, passage 22), as
/// documents whose passages are exactly the given ones. <see cref="DocumentPipeline.FromText"/> would re-split the
/// text; here each record stays one passage, so passage boundaries stay comparable with other engines.
/// </summary>
/// <remarks>
/// Consecutive records with the same document part (the id before its last ':') make one document. Each passage text
/// goes through <see cref="TextSanitizer"/>, is hashed and linked to an earlier word-for-word repeat in its document
/// like <see cref="PassageBuilder"/> does; the document's clean text is the passages joined by blank lines, so
/// <c>CleanText[Start..End] == Text</c> holds. The title of the document's first record is the document title.
/// Streams: one document in memory at a time.
/// </remarks>
public static class PrebuiltPassages
{
    /// <summary>The original id of a passage read with an <c>originalIds</c> map.</summary>
    public static string OriginalId(string passageId, string docId, int ordinal, IReadOnlyDictionary<string, string> originalIds) =>
        originalIds.TryGetValue(passageId, out var id) ? id : $"{originalIds.GetValueOrDefault(docId, docId)}:{ordinal}";

    /// <summary>The document part of a passage id: everything before the last ':' (the whole id when there is none).</summary>
    public static string DocumentPart(string passageId)
    {
        var colon = passageId.LastIndexOf(':');
        return colon > 0 ? passageId[..colon] : passageId;
    }

    /// <summary>
    /// Reads <paramref name="path"/> (.jsonl or .jsonl.gz) and yields one document per run of records of one document.
    /// Bad lines are reported in <paramref name="skipped"/>. <paramref name="originalIds"/>, when given, receives for
    /// each document id its original document part, so a passage <c>{docId}.p{n}</c> maps back to <c>{part}:{n}</c>;
    /// only passages whose original id is not of that form are added, under their passage id (few, so the map
    /// stays small).
    /// </summary>
    public static IEnumerable<IngestedDocument> Read(string path, ICollection<SkippedFile> skipped, IDictionary<string, string>? originalIds = null)
    {
        var problems = new List<string>();
        var name = Path.GetFileName(path);
        var run = new List<JsonlRecord>();
        string? runDoc = null;
        foreach (var record in JsonlRecordReader.Read(path, problems))
        {
            Report(path, problems, skipped);
            var doc = DocumentPart(record.Id);
            if (runDoc is not null && doc != runDoc)
            {
                yield return Assemble(runDoc, run, name, originalIds);
                run.Clear();
            }

            runDoc = doc;
            run.Add(record);
        }

        Report(path, problems, skipped);
        if (runDoc is not null)
        {
            yield return Assemble(runDoc, run, name, originalIds);
        }
    }

    /// <summary>The reader's "{path}:{line}: reason" problems as skipped entries ("{path}:{line}", reason).</summary>
    private static void Report(string path, List<string> problems, ICollection<SkippedFile> skipped)
    {
        foreach (var problem in problems)
        {
            var rest = problem.StartsWith(path + ":", StringComparison.Ordinal) ? problem[(path.Length + 1)..] : problem;
            var colon = rest.IndexOf(": ", StringComparison.Ordinal);
            skipped.Add(colon > 0 ? new SkippedFile($"{path}:{rest[..colon]}", rest[(colon + 2)..]) : new SkippedFile(path, rest));
        }

        problems.Clear();
    }

    private static IngestedDocument Assemble(string originalDoc, List<JsonlRecord> records, string fileName, IDictionary<string, string>? originalIds)
    {
        var docId = JsonlDocuments.SafeId(originalDoc);
        originalIds?.TryAdd(docId, originalDoc);
        var first = records[0];
        var metadata = new DocumentMetadata
        {
            DocId = docId,
            Title = string.IsNullOrWhiteSpace(first.Title) ? originalDoc : first.Title.Trim(),
            SourceType = string.IsNullOrWhiteSpace(first.SourceType) ? "document" : first.SourceType.Trim().ToLowerInvariant(),
            Site = first.Site,
            Author = first.Author,
            Url = first.Url,
        };

        var warnings = new List<string>();
        var sourcePath = $"jsonl:{fileName}#{first.LineNumber}";
        var clean = new StringBuilder();
        var passages = new List<Passage>(records.Count);
        var firstByHash = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var text = TextSanitizer.Sanitize(record.Text, sourcePath, warnings).Trim();
            if (clean.Length > 0)
            {
                clean.Append("\n\n");
            }

            var start = clean.Length;
            clean.Append(text);
            var hash = PassageHasher.Hash(text);
            var id = Passage.MakeId(docId, passages.Count);
            if (originalIds is not null && record.Id != $"{originalDoc}:{passages.Count}")
            {
                originalIds.TryAdd(id, record.Id);
            }

            firstByHash.TryGetValue(hash, out var duplicateOf);
            firstByHash.TryAdd(hash, id);
            passages.Add(new Passage
            {
                PassageId = id,
                DocId = docId,
                Ordinal = passages.Count,
                Kind = PassageKind.Body,
                Text = text,
                Start = start,
                End = clean.Length,
                WordCount = TextPatterns.CountWords(text),
                ContentHash = hash,
                DuplicateOf = duplicateOf,
            });
        }

        var cleanText = clean.ToString();
        return new IngestedDocument
        {
            Metadata = metadata,
            SourcePath = sourcePath,
            CleanText = cleanText,
            Passages = passages,
            ContentHash = DocumentPipeline.ContentHash(Encoding.UTF8.GetBytes(cleanText), metadata),
            Warnings = warnings,
        };
    }
}
