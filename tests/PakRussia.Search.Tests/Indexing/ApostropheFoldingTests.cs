using Lucene.Net.Index;
using Lucene.Net.Search;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Search;

namespace PakRussia.Search.Tests.Indexing;

/// <summary>
/// Every typographic apostrophe reads as the straight one in the analysis chain (index and query side), one character
/// for one, so the highlighter's offsets still point at the words as the author wrote them.
/// </summary>
public sealed class ApostropheFoldingTests
{
    public static TheoryData<string> Apostrophes => ["\u2019", "\u2018", "\u02BC", "\uFF07", "\u2032"];

    [Theory]
    [MemberData(nameof(Apostrophes))]
    public void ATypographicApostrophe_AnalyzesAsTheStraightOne(string apostrophe)
    {
        const string straight = "Pakistan's ties: don't say the Kremlin's words aren't Russia's";
        var typographic = straight.Replace("'", apostrophe);
        foreach (var analyzer in new[] { PassageAnalyzer.Index, PassageAnalyzer.Writing })
        {
            Assert.Equal(analyzer.Terms(straight), analyzer.Terms(typographic));
        }

        Assert.Contains("don't", PassageAnalyzer.Index.Terms(typographic));
        Assert.Contains("pakistan", PassageAnalyzer.Index.Terms(typographic));
    }

    [Theory]
    [MemberData(nameof(Apostrophes))]
    public void TheMatches_PointIntoTheTextAsWritten(string apostrophe)
    {
        var text = $"In short, Russia{apostrophe}s view: don{apostrophe}t trust Pakistan{apostrophe}s rivals.";
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.Text, "russia")), Occur.SHOULD },
            { new TermQuery(new Term(IndexFields.Text, "don't")), Occur.SHOULD },
        };
        var marked = MatchHighlighter.Matches(query, IndexFields.Text, text).Select(m => text[m.Start..m.End]).ToList();
        Assert.Equal([$"Russia{apostrophe}s", $"don{apostrophe}t"], marked);
    }
}
