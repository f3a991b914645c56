using System.Text;
using PakRussia.Search.Corpus;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Corpus;

public sealed class MessyCorpusTests : IDisposable
{
    private const string Sentence = "Pakistan and Russia held talks in Moscow on energy cooperation and regional security.";
    private readonly TempFolder folder = new();
    private readonly CorpusOptions options = new() { MaxFileBytes = 4096 };

    public MessyCorpusTests()
    {
        File.WriteAllBytes(folder.File("binary.txt"), [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xFF, 0x10]);
        File.WriteAllBytes(folder.File("empty.txt"), []);
        File.WriteAllBytes(folder.File("utf16le.txt"), [.. new byte[] { 0xFF, 0xFE }, .. Encoding.Unicode.GetBytes(Sentence + " Café ✔")]);
        File.WriteAllBytes(folder.File("utf16be.txt"), [.. new byte[] { 0xFE, 0xFF }, .. Encoding.BigEndianUnicode.GetBytes(Sentence + " Naïve 🔹")]);
        File.WriteAllBytes(folder.File("utf8bom.md"), [.. new byte[] { 0xEF, 0xBB, 0xBF }, .. Encoding.UTF8.GetBytes("# Talks\n\n" + Sentence)]);
        File.WriteAllBytes(folder.File("invalid-utf8.txt"), [.. Encoding.UTF8.GetBytes("Before "), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(" after. " + Sentence)]);
        File.WriteAllText(folder.File("page.html"),
            "<html><head><title>Moscow talks</title><style>p { color: red }</style></head><body>"
            + "<script>var secret = 'SCRIPT_TEXT';</script><h1>Moscow talks</h1><p>" + Sentence + "</p>"
            + "<ul><li>Energy</li><li>Security</li></ul><noscript>NOSCRIPT_TEXT</noscript></body></html>");
        File.WriteAllText(folder.File("too-big.txt"), new string('a', 5000));
        File.WriteAllText(folder.File("notes.docx"), "not a supported type");
        File.WriteAllText(folder.File("manifest.json"), "{ \"documents\": {} }");
        Directory.CreateDirectory(folder.File("sub"));
        File.WriteAllText(folder.File("sub/nested.txt"), Sentence);
        File.CreateSymbolicLink(folder.File("dangling.txt"), folder.File("missing-target.txt"));
        File.CreateSymbolicLink(folder.File("loop-a.txt"), folder.File("loop-b.txt"));
        File.CreateSymbolicLink(folder.File("loop-b.txt"), folder.File("loop-a.txt"));
        Directory.CreateSymbolicLink(folder.File("sub/back"), folder.Path);
    }

    public void Dispose() => folder.Dispose();

    private (List<IngestedDocument> Documents, List<SkippedFile> Skipped) LoadAll()
    {
        var skipped = new List<SkippedFile>();
        var documents = new CorpusLoader(options).Load(folder.Path, skipped).ToList();
        return (documents, skipped);
    }

    [Fact]
    public void Load_MessyFolder_LoadsTheGoodFilesInStableOrder()
    {
        var (documents, _) = LoadAll();
        Assert.Equal(["invalid-utf8.txt", "page.html", "sub/nested.txt", "utf16be.txt", "utf16le.txt", "utf8bom.md"], documents.Select(d => d.SourcePath));
    }

    [Theory]
    [InlineData("binary.txt", "binary")]
    [InlineData("empty.txt", "empty")]
    [InlineData("too-big.txt", "size limit")]
    [InlineData("notes.docx", "unsupported type")]
    [InlineData("dangling.txt", "dangling")]
    [InlineData("loop-a.txt", "loop")]
    [InlineData("loop-b.txt", "loop")]
    [InlineData("sub/back", "loop")]
    public void Load_MessyFolder_ReportsEachProblemWithItsFile(string path, string reason)
    {
        var (_, skipped) = LoadAll();
        var skip = Assert.Single(skipped, s => s.Path == path);
        Assert.Contains(reason, skip.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Load_MessyFolder_NeverTreatsTheManifestAsADocumentOrASkip()
    {
        var (documents, skipped) = LoadAll();
        Assert.DoesNotContain(documents, d => d.SourcePath == "manifest.json");
        Assert.DoesNotContain(skipped, s => s.Path == "manifest.json");
    }

    [Theory]
    [InlineData("utf16le.txt", "Café ✔")]
    [InlineData("utf16be.txt", "Naïve 🔹")]
    [InlineData("utf8bom.md", "Pakistan and Russia held talks")]
    public void Load_Utf16AndBomFiles_AreDecoded(string path, string expected)
    {
        var document = LoadAll().Documents.Single(d => d.SourcePath == path);
        Assert.Contains(expected, document.CleanText);
        Assert.DoesNotContain('\uFEFF', document.CleanText);
    }

    [Fact]
    public void Load_InvalidUtf8_ReplacesBytesAndWarnsWithFileAndCount()
    {
        var document = LoadAll().Documents.Single(d => d.SourcePath == "invalid-utf8.txt");
        Assert.Contains("Before \uFFFD(\uFFFD after.", document.CleanText);
        var warning = Assert.Single(document.Warnings);
        Assert.Contains("invalid-utf8.txt", warning);
        Assert.Contains("2 invalid byte sequences replaced", warning);
    }

    [Fact]
    public void Load_Html_KeepsVisibleTextOnly()
    {
        var document = LoadAll().Documents.Single(d => d.SourcePath == "page.html");
        Assert.DoesNotContain("SCRIPT_TEXT", document.CleanText);
        Assert.DoesNotContain("NOSCRIPT_TEXT", document.CleanText);
        Assert.DoesNotContain("color: red", document.CleanText);
        Assert.Contains(Sentence, document.CleanText);
        Assert.Equal("Moscow talks", document.Metadata.Title);
        Assert.Contains(document.Passages, p => p.Kind == PakRussia.Search.Passages.PassageKind.Heading && p.Text == "Moscow talks");
        Assert.Contains(document.Passages, p => p.Kind == PakRussia.Search.Passages.PassageKind.List && p.Text.Contains("- Energy\n\n- Security"));
    }

    [Fact]
    public void Load_FilesWithoutManifestEntries_GetInferredMetadataWithSanitisedIds()
    {
        var documents = LoadAll().Documents;
        Assert.All(documents, d => Assert.True(d.Metadata.Inferred));
        Assert.All(documents, d => Assert.True(DocIds.IsValid(d.Metadata.DocId)));
        Assert.Equal(documents.Count, documents.Select(d => d.Metadata.DocId).Distinct().Count());
        Assert.Equal("invalid-utf8", documents[0].Metadata.DocId);
    }

    [Fact]
    public void ListFiles_GivesFingerprintsIncludingTheManifest()
    {
        var skipped = new List<SkippedFile>();
        var files = new CorpusLoader(options).ListFiles(folder.Path, skipped);
        var manifest = Assert.Single(files, f => f.IsManifest);
        Assert.Equal("manifest.json", manifest.RelativePath);
        var nested = Assert.Single(files, f => f.RelativePath == "sub/nested.txt");
        Assert.Equal(Sentence.Length, nested.Size);
        Assert.Equal(File.GetLastWriteTimeUtc(folder.File("sub/nested.txt")).Ticks, nested.LastWriteUtcTicks);
        Assert.Equal(files.Select(f => f.RelativePath).Order(StringComparer.Ordinal), files.Select(f => f.RelativePath));
    }

    [Fact]
    public void LoadFile_FileDeletedAfterListing_IsSkippedNotThrown()
    {
        var skipped = new List<SkippedFile>();
        var loader = new CorpusLoader(options);
        var file = loader.ListFiles(folder.Path, skipped).Single(f => f.RelativePath == "sub/nested.txt");
        File.Delete(folder.File("sub/nested.txt"));

        Assert.Null(loader.LoadFile(folder.Path, file, skipped));
        Assert.Contains(skipped, s => s.Path == "sub/nested.txt" && s.Reason.Contains("disappeared"));
    }

    [Fact]
    public void LoadFile_FileGrownPastTheLimitAfterListing_IsSkipped()
    {
        var skipped = new List<SkippedFile>();
        var loader = new CorpusLoader(options);
        var file = loader.ListFiles(folder.Path, skipped).Single(f => f.RelativePath == "sub/nested.txt");
        File.WriteAllText(folder.File("sub/nested.txt"), new string('b', 10_000));

        Assert.Null(loader.LoadFile(folder.Path, file, skipped));
        Assert.Contains(skipped, s => s.Path == "sub/nested.txt" && s.Reason.Contains("size limit"));
    }
}
