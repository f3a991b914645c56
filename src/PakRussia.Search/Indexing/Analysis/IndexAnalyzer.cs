using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;

namespace PakRussia.Search.Indexing.Analysis;

/// <summary>The analyzer the index is written with: <see cref="PassageAnalyzer.Writing"/>, and the unstemmed chain for surface words and author names.</summary>
public static class IndexAnalyzer
{
    public static Analyzer Writer { get; } = new PerFieldAnalyzerWrapper(PassageAnalyzer.Writing, new Dictionary<string, Analyzer>
    {
        [IndexFields.Words] = PassageAnalyzer.Surface,
        [IndexFields.AuthorText] = PassageAnalyzer.Surface,
    });
}
