using System.Text.RegularExpressions;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Querying;

/// <summary>
/// Aliases on the seeds (seeds/aliases.txt). Counts by hand with grep over the seed files: "USSR" 13 times in 7
/// passages, "Soviet Union" 4 times in 3 passages (the fourth is in a word-for-word repeat, shown once); the two sets
/// do not overlap. "US" in capitals 51 times, "us" (the pronoun, any other case) in 9 passages.
/// </summary>
public sealed class AliasSearchTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private static readonly Regex SovietNames = new(@"\bUSSR\b|Soviet Union", RegexOptions.IgnoreCase);
    private static readonly Regex Country = new(@"\bUS\b|\bUSA\b|U\.S\.|United States|America");

    private SearchResponse All(string query, bool aliases = true) =>
        seeds.Search(query, r => r with { PageSize = 100, NoAliases = !aliases });

    /// <summary>What a bare word searches: the passage's text, its document's title and its section.</summary>
    private static string Written(SearchHit hit) => $"{hit.Text}\n{hit.Title}\n{hit.Section}";

    private static HashSet<string> Ids(SearchResponse response) => response.Hits.Select(h => h.PassageId).ToHashSet();

    [Fact]
    public void SovietUnionAndUssrFindEachOtherInBothDirections()
    {
        var ussrOnly = All("USSR", aliases: false);
        var sovietOnly = All("\"Soviet Union\"", aliases: false);
        Assert.Equal(7, ussrOnly.Total);
        Assert.Equal(3, sovietOnly.Total);

        var ussr = All("USSR");
        var soviet = All("\"Soviet Union\"");
        Assert.Equal(10, ussr.Total);
        Assert.Equal(Ids(ussr), Ids(soviet));
        Assert.Equal(Ids(ussrOnly).Union(Ids(sovietOnly)).ToHashSet(), Ids(ussr));
        Assert.All(ussr.Hits, h => Assert.Matches(SovietNames, h.Text));

        // Typed as bare words, the name is its words (soviet AND union, 4 passages without aliases) or USSR.
        var bare = All("Soviet Union");
        Assert.Equal(4, All("Soviet Union", aliases: false).Total);
        Assert.True(Ids(bare).IsSupersetOf(Ids(ussrOnly)));
        Assert.Equal("USSR", Assert.Single(bare.Expansions).Variant);
    }

    [Fact]
    public void APhraseWithANameMatchesTheAliasInItsPlaceAndNothingElse()
    {
        // The forum says "part of the USSR"; nothing in the seeds says "part of the Soviet Union".
        var phrase = All("\"part of the Soviet Union\"");
        var hit = Assert.Single(phrase.Hits);
        Assert.Contains("part of the USSR", hit.Text);
        Assert.Equal(["USSR matched as an alias of Soviet Union (aliases.txt line 6)"], hit.Aliases);

        // A name of two words in the middle of a phrase, replaced by a name of one: "both the USA and USSR".
        var middle = All("\"the USA and Soviet Union\"");
        Assert.Contains("the USA and USSR", Assert.Single(middle.Hits).Text);

        // Never a mix of the two names' words (what query-time synonym filters do to phrases).
        Assert.Equal(0, All("\"the Soviet USSR\"").Total);
        Assert.Equal(0, All("\"USSR Union\"").Total);
        Assert.All(All("\"Soviet Union\"").Hits, h => Assert.Matches(SovietNames, h.Text));
    }

    [Fact]
    public void UnitedStatesFindsUSButThePronounDoesNot()
    {
        var unitedStates = All("United States");
        Assert.Contains(unitedStates.Hits, h => Regex.IsMatch(h.Text, @"\bUS\b") && !h.Text.Contains("United States")
            && h.Aliases!.Contains("US matched as an alias of United States (aliases.txt line 7)"));
        Assert.All(unitedStates.Hits, h => Assert.Matches(Country, Written(h)));

        // "us": only passages where the word is written otherwise than in capitals.
        var pronoun = All("us");
        Assert.Equal(9, pronoun.Total);
        // Each hit has a match that is not "US" in capitals (the pronoun, or a stemmed form such as "used").
        Assert.All(pronoun.Hits, h => Assert.Contains(h.Matches, m => h.Text[m.Start..m.End] != "US"));
        Assert.Contains(pronoun.Hits, h => Regex.IsMatch(h.Text, @"\b(us|Us)\b"));
        Assert.True(All("us", aliases: false).Total > 50); // without the case rule, every "US" too

        // "US": the country in any of its names, not every "us".
        var country = All("US");
        Assert.All(country.Hits, h => Assert.Matches(Country, Written(h)));
        var pronounOnly = pronoun.Hits.Where(h => Regex.IsMatch(h.Text, @"\b(us|Us)\b") && !Country.IsMatch(Written(h))).Select(h => h.PassageId).ToList();
        Assert.NotEmpty(pronounOnly);
        Assert.DoesNotContain(country.Hits, h => pronounOnly.Contains(h.PassageId));
        Assert.Equal(Ids(unitedStates), Ids(country));
    }

    [Fact]
    public void ModelNumbersFindTheirVariants()
    {
        var mi35 = All("Mi-35");
        Assert.Contains(mi35.Hits, h => h.Text.Contains("Mi-35M attack helicopters"));
        Assert.Contains(mi35.Hits, h => h.Text.Contains("MI-35"));
        var mark = mi35.Hits.Single(h => h.Text.Contains("Mi-35M")).Matches.Select(m => mi35.Hits.Single(h => h.Text.Contains("Mi-35M")).Text[m.Start..m.End]);
        Assert.Contains("Mi-35", mark); // the variant that matched is the one marked

        var jf = new[] { "JF-17", "JF17", "JF 17" }.Select(q => Ids(All(q))).ToList();
        Assert.Single(jf[0]);
        Assert.All(jf, ids => Assert.Equal(jf[0], ids));

        // "Pakistan Russia equation" (news) answers Pakistan-Russia.
        Assert.Contains(All("Pakistan-Russia").Hits, h => h.Text.Contains("Pakistan Russia equation"));
    }

    [Fact]
    public void TheExplanationSaysWhichAliasMatchedAndNoAliasesSearchesAsTyped()
    {
        var explained = seeds.Search("Soviet Union", r => r with { Explain = true });
        Assert.Contains("Soviet Union also searched as USSR (aliases.txt line 6)", explained.Explain!.Aliases);
        Assert.Contains(explained.Hits, h => h.Aliases?.Contains("USSR matched as an alias of Soviet Union (aliases.txt line 6)") == true);
        var expansion = Assert.Single(explained.Expansions);
        Assert.Equal(("Soviet Union", "USSR", "aliases.txt", 6), (expansion.Typed, expansion.Variant, expansion.File, expansion.Line));

        var exact = seeds.Search("Soviet Union", r => r with { Explain = true, NoAliases = true });
        Assert.Empty(exact.Expansions);
        Assert.Empty(exact.Explain!.Aliases);
        Assert.All(exact.Hits, h => Assert.Null(h.Aliases));
    }

    [Fact]
    public void TheCliExplainsAndTurnsAliasesOff()
    {
        var (exit, output, _) = seeds.Cli("search", "Soviet Union", "--explain", "--budget-ms", "60000");
        Assert.Equal(0, exit);
        Assert.Contains("alias: Soviet Union also searched as USSR (aliases.txt line 6)", output);
        Assert.Contains("alias: USSR matched as an alias of Soviet Union (aliases.txt line 6)", output);

        (exit, output, _) = seeds.Cli("search", "Soviet Union", "--budget-ms", "60000");
        Assert.Contains("Also searched: USSR for Soviet Union", output);

        (exit, output, _) = seeds.Cli("search", "Soviet Union", "--no-aliases", "--budget-ms", "60000");
        Assert.Equal(0, exit);
        Assert.Contains("4 passages match", output);
        Assert.DoesNotContain("USSR", output.Split('\n').First(l => l.Contains("passages match")));
        Assert.DoesNotContain("alias:", output);
    }

    [Fact]
    public void TheAliasesCommandCountsEachName()
    {
        var (exit, output, error) = seeds.Cli("aliases");
        Assert.True(exit == 0, error);
        Assert.Contains("line 6   USSR 13 (7) · Soviet Union 3 (3)", output);
        Assert.Contains("US (case-sensitive)", output);

        (exit, output, error) = seeds.Cli("aliases", "suggest", "--top", "100");
        Assert.True(exit == 0, error);
        Assert.Contains("CSTO, Collective Security Treaty Organisation", output);
        Assert.Contains("already in the list, line", output);
    }
}
