using PakRussia.Search.Indexing;
using PakRussia.Search.Querying;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Querying;

/// <summary>
/// A fuzzy or prefix term that expands to words of letters and digits ("part1", "jf17"). Such a word is searched as the
/// index splits it, the phrase "(part1 part) 1", so "Part 1" written apart matches too; where the expansion also
/// searches the letters alone ("part"), the phrase can match nothing they do not, and the whole word's term is searched
/// instead (the phrase read the positions of two common terms: most of a slow fuzzy query's time at 638k passages).
/// These tests search a real index and check that the expansion matches the same passages either way.
/// </summary>
public sealed class ExpandedModelNumberTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Searcher _searcher;

    public ExpandedModelNumberTests()
    {
        var path = _folder.File("index");
        IndexBuilder.BuildFrom(
        [
            TestDocuments.Make("apart", "news", "2020", "Part 1 of the plan covers the pipeline."),
            TestDocuments.Make("whole", "news", "2020", "The annex part1 lists the gas fields."),
            TestDocuments.Make("word", "news", "2020", "A part of the deal was signed."),
            TestDocuments.Make("party", "news", "2020", "The ruling party welcomed the deal."),
            TestDocuments.Make("other", "news", "2020", "Nothing about it here, only 1 number."),
            TestDocuments.Make("jets-apart", "forum", "2019", "The JF 17 Thunder flew at the parade."),
            TestDocuments.Make("jets-whole", "forum", "2019", "Pakistan offered JF17 jets to Russia's partners."),
        ], path, "test");
        _searcher = new Searcher(path) { TimeBudget = SeedIndex.QueryBudget };
    }

    private HashSet<string> Documents(string query) =>
        _searcher.Search(new SearchRequest { Query = query, PageSize = 50 }).Hits.Select(h => h.DocId).ToHashSet();

    [Fact]
    public void AFuzzyWord_ThatAlsoExpandsToItsLetters_MatchesTheWholeWordAndTheWordApart()
    {
        var explained = _searcher.Search(new SearchRequest { Query = "part~1", PageSize = 50, Explain = true });
        Assert.Equal(["apart", "party", "whole", "word"], explained.Hits.Select(h => h.DocId).Order(StringComparer.Ordinal));
        // part1 is searched as its own term, not as the phrase "(part1 part) 1"
        Assert.DoesNotContain("\"", explained.Explain!.Match!);
        Assert.Contains("all:part1", explained.Explain.Match!);
        // what the phrase would match is matched: "Part 1" apart (through part) and part1 whole
        Assert.Equal(["apart", "whole"], Documents("\"part 1\"").Order(StringComparer.Ordinal));
        Assert.Subset(Documents("part~1"), Documents("\"part 1\""));
        Assert.Subset(Documents("part~1"), Documents("part1"));
    }

    [Fact]
    public void AFuzzyWord_WhoseLettersAreNotAnAlternative_KeepsThePhrase_AndStillFindsTheWordApart()
    {
        // jf18~1 expands to jf17 (one edit) but not to jf: "JF 17" written apart is found only through the phrase
        var explained = _searcher.Search(new SearchRequest { Query = "jf18~1", PageSize = 50, Explain = true });
        Assert.Equal(["jets-apart", "jets-whole"], explained.Hits.Select(h => h.DocId).Order(StringComparer.Ordinal));
        Assert.Contains("\"", explained.Explain!.Match!);
    }

    public void Dispose()
    {
        _searcher.Dispose();
        _folder.Dispose();
    }
}
