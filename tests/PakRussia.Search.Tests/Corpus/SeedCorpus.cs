using PakRussia.Search.Corpus;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Corpus;

/// <summary>The five seeds loaded once for all tests of a class (xunit class fixture).</summary>
public sealed class SeedCorpus
{
    public SeedCorpus()
    {
        var skipped = new List<SkippedFile>();
        Documents = new CorpusLoader().Load(RepoPaths.Seeds, skipped).ToList();
        Skipped = skipped;
    }

    public IReadOnlyList<IngestedDocument> Documents { get; }
    public IReadOnlyList<SkippedFile> Skipped { get; }

    public IngestedDocument Get(string docId) => Documents.Single(d => d.Metadata.DocId == docId);

    public const string ForumBetterAlly = "forum-better-ally";
    public const string News = "news-ties-closer";
    public const string Explainer = "explainer-relations";
    public const string Academic = "academic-afghanistan-central-asia";
    public const string ForumAfghanistan = "forum-us-russia-afghanistan";
}
