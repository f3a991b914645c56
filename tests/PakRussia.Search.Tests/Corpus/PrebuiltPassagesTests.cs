using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Corpus;

/// <summary>Passages cut elsewhere (the peer benchmarks' contract) stay one passage each and map back to their ids.</summary>
public sealed class PrebuiltPassagesTests
{
    [Fact]
    public void Read_GroupsConsecutiveRecordsOfOneDocument_KeepsEachTextAsOnePassage()
    {
        using var temp = new TempFolder();
        var path = temp.File("p.jsonl");
        File.WriteAllLines(path,
        [
            """{"id": "enwiki:12:0", "title": "Gwadar", "text": "Gwadar is a port. It faces the Arabian Sea.\n\nA second paragraph stays in this passage."}""",
            """{"id": "enwiki:12:1", "title": "Gwadar", "text": "The port was leased in 2013."}""",
            """{"id": "enwiki:12:2", "title": "Gwadar", "text": "gwadar  is a PORT. It faces the Arabian Sea.\n\nA second paragraph stays in this passage."}""",
            """not json""",
            """{"id": "Reuters:7:0", "title": "", "text": "Wheat exports to Pakistan."}""",
            """{"id": "loose", "title": "t", "text": "An id without a passage number."}""",
        ]);
        var skipped = new List<SkippedFile>();
        var original = new Dictionary<string, string>();
        var docs = PrebuiltPassages.Read(path, skipped, original).ToList();

        Assert.Equal(["enwiki-12", "reuters-7", "loose"], docs.Select(d => d.Metadata.DocId));
        var gwadar = docs[0];
        Assert.Equal("Gwadar", gwadar.Metadata.Title);
        Assert.Equal(3, gwadar.Passages.Count);
        Assert.All(gwadar.Passages, p => Assert.Equal(p.Text, gwadar.CleanText[p.Start..p.End]));
        Assert.Contains("\n\nA second paragraph", gwadar.Passages[0].Text);
        Assert.Equal("enwiki-12.p0", gwadar.Passages[2].DuplicateOf);
        Assert.Equal("Reuters:7", docs[1].Metadata.Title);
        Assert.Equal("jsonl:p.jsonl#5", docs[1].SourcePath);
        Assert.Single(skipped);
        Assert.EndsWith("p.jsonl:4", skipped[0].Path);

        Assert.Equal("enwiki:12:1", PrebuiltPassages.OriginalId("enwiki-12.p1", "enwiki-12", 1, original));
        Assert.Equal("Reuters:7:0", PrebuiltPassages.OriginalId("reuters-7.p0", "reuters-7", 0, original));
        Assert.Equal("loose", PrebuiltPassages.OriginalId("loose.p0", "loose", 0, original));

        var index = temp.File("idx");
        var summary = IndexBuilder.BuildFrom(PrebuiltPassages.Read(path, [], null), index, "test");
        Assert.Equal(5, summary.Passages);
        var hits = new Searcher(index) { TimeBudget = TestSupport.SeedIndex.QueryBudget }.Search(new SearchRequest { Query = "leased" }).Hits;
        Assert.Equal("enwiki-12.p1", Assert.Single(hits).PassageId);
    }
}
