using System.Security.Cryptography;
using System.Text;
using PakRussia.Search.Corpus;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Tests.TestSupport;

/// <summary>Small documents made in code, one passage per paragraph, for tests of the index layer.</summary>
public static class TestDocuments
{
    public static IngestedDocument Make(string docId, string sourceType, string? date, params string[] paragraphs)
    {
        var text = string.Join("\n\n", paragraphs);
        var passages = new List<Passage>();
        var seen = new Dictionary<string, string>();
        var offset = 0;
        for (var i = 0; i < paragraphs.Length; i++)
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(paragraphs[i].ToLowerInvariant())))[..16];
            var id = Passage.MakeId(docId, i);
            passages.Add(new Passage
            {
                PassageId = id, DocId = docId, Ordinal = i, Kind = PassageKind.Body, Text = paragraphs[i],
                Start = offset, End = offset + paragraphs[i].Length, WordCount = paragraphs[i].Split(' ').Length,
                ContentHash = hash, DuplicateOf = seen.GetValueOrDefault(hash),
            });
            seen.TryAdd(hash, id);
            offset += paragraphs[i].Length + 2;
        }

        return new IngestedDocument
        {
            Metadata = new DocumentMetadata
            {
                DocId = docId, Title = $"Title of {docId}", SourceType = sourceType, Date = date,
                DatePrecision = date?.Length switch { 4 => DatePrecision.Year, 7 => DatePrecision.Month, 10 => DatePrecision.Day, _ => null },
            },
            SourcePath = docId + ".txt",
            CleanText = text,
            Passages = passages,
            ContentHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(docId + date + text)))[..16],
        };
    }
}
