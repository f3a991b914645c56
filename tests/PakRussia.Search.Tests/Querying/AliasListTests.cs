using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Querying;
using PakRussia.Search.Querying.Aliases;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Querying;

/// <summary>The alias file's format (Solr synonyms, checked line by line) and the analysis that model numbers and capitals rely on.</summary>
public sealed class AliasListTests
{
    [Fact]
    public void TheSeedListParsesWithoutProblemsAndNamesTheCorpusNames()
    {
        var list = AliasList.Load(Path.Combine(RepoPaths.Seeds, AliasList.FileName));
        Assert.Empty(list.Problems);
        var ussr = Assert.Single(list.Entries, e => e.From.Any(v => v.Text == "USSR"));
        Assert.Contains(ussr.From, v => v.Text == "Soviet Union");
        var us = Assert.Single(list.Entries, e => e.From.Any(v => v.Text == "US"));
        Assert.True(us.From.Single(v => v.Text == "US").CaseSensitive);
        Assert.False(us.From.Single(v => v.Text == "USA").CaseSensitive);
        foreach (var name in new[] { "CARs", "SCO", "CPEC", "TAPI", "NATO", "Pak-Russia" })
        {
            Assert.Contains(list.Entries, e => e.From.Any(v => v.Text == name));
        }
    }

    [Fact]
    public void MalformedLinesAreReportedWithTheirNumberAndTheRestApplies()
    {
        var list = AliasList.Parse("""
            # comment
            USSR, Soviet Union
            a => b => c
            lonely
            x,, y
            #! case-sensitive: Us, NATO
            NATO, North Atlantic Treaty Organization
            """);
        Assert.Equal(2, list.Entries.Count);
        Assert.Equal([3, 4, 5, 6], list.Problems.Select(p => p.Line));
        Assert.Equal("aliases.txt line 3: more than one '=>' (a line maps names on the left to names on the right, once); the line is ignored", list.Problems[0].ToString());
        Assert.Contains("alone", list.Problems[1].Reason);
        Assert.Contains("empty name", list.Problems[2].Reason);
        Assert.Contains("'Us' cannot be case-sensitive", list.Problems[3].Reason);
        Assert.True(list.Entries[1].From[0].CaseSensitive); // NATO on the same directive line still applies
    }

    [Fact]
    public void ExplicitMappingsReplaceTheNamesOnTheLeft()
    {
        var list = AliasList.Parse("Pak-Russia => Pakistan-Russia");
        var entry = Assert.Single(list.Entries);
        Assert.True(entry.Explicit);
        var typed = entry.From[0];
        Assert.Equal(["Pakistan-Russia"], entry.AlternativesTo(typed).Select(v => v.Text));
    }

    [Fact]
    public void AMissingFileIsAnEmptyList()
    {
        using var folder = new TempFolder();
        var list = AliasList.Load(folder.File(AliasList.FileName));
        Assert.Empty(list.Entries);
        Assert.Empty(list.Problems);
    }

    [Theory]
    [InlineData("JF-17", "JF17")]
    [InlineData("JF 17", "JF17")]
    [InlineData("Pakistan-Russia", "Pakistan Russia")]
    [InlineData("Pakistan–Russia", "Pakistan Russia")]
    public void ModelNumbersAndHyphensShareThePositionsAQueryNeeds(string a, string b)
    {
        // Both spellings index the words a phrase query for either looks for, at consecutive positions.
        var (termsA, termsB) = (Positions(a), Positions(b));
        var shared = termsA.Intersect(termsB).ToList();
        Assert.True(shared.Count >= 2, $"{a}: {string.Join(' ', termsA)} / {b}: {string.Join(' ', termsB)}");
    }

    [Fact]
    public void WordsInCapitalsGetAMarkedCopyOnlyInTheIndexChain()
    {
        Assert.Equal(["us", "=us", "and", "us"], PassageAnalyzer.Writing.Terms("US and us"));
        Assert.Equal(["us", "and", "us"], PassageAnalyzer.Index.Terms("US and us"));
        Assert.Equal(["mi", "35m", "35", "m"], PassageAnalyzer.Index.Terms("Mi-35M"));
        // No split at punctuation inside a word, as before the split of letters from digits ("u." is Porter's stem of "u.s").
        Assert.Equal(["u.", "don't", "1,000"], PassageAnalyzer.Index.Terms("U.S. don't 1,000"));
    }

    /// <summary>"position:term" for each token of the index chain.</summary>
    private static List<string> Positions(string text)
    {
        var result = new List<string>();
        using var stream = PassageAnalyzer.Writing.GetTokenStream("text", text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var increment = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            result.Add($"{position}:{term}");
        }

        stream.End();
        return result;
    }
}
