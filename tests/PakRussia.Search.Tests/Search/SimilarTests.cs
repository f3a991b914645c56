using System.Text.Json;
using PakRussia.Search.Cli;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.Reliability;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Search;

/// <summary>"More like this" on the seeds (issue 17): similar passages, documents and pasted text; copies left out; shared words marked.</summary>
public sealed class SimilarTests(SeedIndex seeds) : IClassFixture<SeedIndex>
{
    private const string NewsPipeline = "news-ties-closer.p3";      // "... $2 billion North South Gas Pipeline project ..."
    private const string ExplainerPipeline = "explainer-relations.p32"; // under "🔹 Pakistan Stream Gas Pipeline"

    private SimilarResponse Similar(string passageId, int top = 10, Func<SimilarRequest, SimilarRequest>? configure = null)
    {
        var request = new SimilarRequest { PassageId = passageId, Top = top };
        return seeds.Searcher.Similar(configure is null ? request : configure(request))!;
    }

    private static List<string> Ids(SimilarResponse response) => response.Hits.Select(h => h.Hit.PassageId).ToList();

    [Fact]
    public void TheTwoPipelinePassages_FindEachOther_AmongTheFirstFive()
    {
        // Both describe the same project: the news report's one line in a list of deals, the explainer's list under its heading.
        Assert.Contains(ExplainerPipeline, Ids(Similar(NewsPipeline, top: 5)));
        Assert.Contains(NewsPipeline, Ids(Similar(ExplainerPipeline, top: 5)));
    }

    [Fact]
    public void WordsInMoreThanATenthOfThePassages_AreNotCompared_AndAtMost30Words()
    {
        var chosen = Similar(NewsPipeline);
        Assert.Equal(30, chosen.Terms.Count);
        Assert.Contains("pipelin", chosen.Terms.Select(t => t.Term));
        Assert.DoesNotContain("pakistan", chosen.Terms.Select(t => t.Term));
        Assert.DoesNotContain("russia", chosen.Terms.Select(t => t.Term));

        // Allowed every word, the two names the whole corpus shares come in; a lower word limit is honoured.
        var loose = Similar(NewsPipeline, configure: r => r with { Settings = SimilarSettings.Default with { MaxDocFreqPercent = 100, MaxQueryTerms = 100 } });
        Assert.Contains("pakistan", loose.Terms.Select(t => t.Term));
        var at25 = Similar(NewsPipeline, configure: r => r with { Settings = SimilarSettings.Default with { MaxQueryTerms = 25 } });
        Assert.Equal(25, at25.Terms.Count);
    }

    [Fact]
    public void Terms_AreStemmed_NeverFunctionWords_AndBoostedRelativeToTheBest()
    {
        var response = Similar(NewsPipeline);
        var terms = response.Terms.Select(t => t.Term).ToList();
        Assert.Contains("helicopt", terms);
        Assert.DoesNotContain("the", terms);
        Assert.DoesNotContain("ha", terms);    // "has"
        Assert.DoesNotContain("which", terms);
        Assert.Equal(1.0, response.Terms[0].Boost);
        Assert.All(response.Terms, t => Assert.InRange(t.Boost, 0.0001, 1.0));
        Assert.Equal(response.Terms.OrderByDescending(t => t.Boost).Select(t => t.Boost), response.Terms.Select(t => t.Boost));

        var unboosted = Similar(NewsPipeline, configure: r => r with { Settings = SimilarSettings.Default with { Boost = false } });
        Assert.All(unboosted.Terms, t => Assert.Equal(1.0, t.Boost));
    }

    [Fact]
    public void TheSourceAndItsWordForWordCopies_AreLeftOut_AndListed()
    {
        // forum-better-ally.p28 quotes p26 word for word.
        var response = Similar("forum-better-ally.p26", top: 50);
        Assert.DoesNotContain("forum-better-ally.p26", Ids(response));
        Assert.DoesNotContain("forum-better-ally.p28", Ids(response));
        Assert.Equal(["forum-better-ally.p28"], response.Copies);

        // From the copy: neither it nor the passage it quotes.
        var fromCopy = Similar("forum-better-ally.p28", top: 50);
        Assert.DoesNotContain("forum-better-ally.p28", Ids(fromCopy));
        Assert.DoesNotContain("forum-better-ally.p26", Ids(fromCopy));
        Assert.Contains("forum-better-ally.p26", fromCopy.Copies);
    }

    [Fact]
    public void ACopyInAnotherDocument_IsLeftOut_AndNotCounted()
    {
        using var temp = new TempFolder();
        var corpus = temp.File("corpus");
        SyntheticCorpus.CopySeeds(corpus);
        var original = seeds.Searcher.Show(NewsPipeline)!.Passage;
        File.WriteAllText(Path.Combine(corpus, "reposted.txt"), original.Text + "\n");
        var index = temp.File("index");
        IndexBuilder.Update(new FolderCorpusSource(corpus), index);
        using var searcher = new Searcher(index) { TimeBudget = TestSupport.SeedIndex.QueryBudget };
        var copy = searcher.Search(new SearchRequest { Query = "\"North South Gas Pipeline\"", PageSize = 20 }).Hits
            .Single(h => h.DocId != "news-ties-closer" && h.Text == original.Text);

        var response = searcher.Similar(new SimilarRequest { PassageId = NewsPipeline, Top = 100 })!;
        Assert.DoesNotContain(copy.PassageId, response.Hits.Select(h => h.Hit.PassageId));
        Assert.Contains(copy.PassageId, response.Copies);
        Assert.True(response.Total < 100);
        Assert.Equal(response.Hits.Count, response.Total); // every match is listed: the copy was not counted
    }

    [Fact]
    public void SharedTerms_AreTheMarkedWords_AndEachIsOneOfTheSourceWords()
    {
        var response = Similar(ExplainerPipeline);
        var news = response.Hits.Single(h => h.Hit.PassageId == NewsPipeline);
        // By hand: the explainer says "$2.5 billion project", "gas", and its heading says "Gas Pipeline"; the news report
        // says "$2 billion North South Gas Pipeline project".
        foreach (var word in new[] { "billion", "project", "gas", "pipeline" })
        {
            Assert.Contains(word, news.SharedTerms);
            Assert.Contains($"<mark>{(word == "gas" || word == "pipeline" ? char.ToUpperInvariant(word[0]) + word[1..] : word)}</mark>", news.Hit.Highlight);
        }

        var sourceTerms = response.Terms.Select(t => t.Term).ToHashSet();
        foreach (var hit in response.Hits)
        {
            Assert.NotEmpty(hit.SharedTerms);
            var marked = hit.Hit.Matches.Select(m => hit.Hit.Text[m.Start..m.End].ToLowerInvariant()).Distinct().ToList();
            Assert.All(marked, w => Assert.Contains(w, hit.SharedTerms));
            Assert.All(hit.SharedTerms, w => Assert.Contains(PassageAnalyzer.Index.Terms(w).Single(), sourceTerms));
        }
    }

    [Fact]
    public void Filters_Apply()
    {
        var forum = Similar(NewsPipeline, top: 100, r => r with { Filters = new SearchRequest { Sources = ["forum"] } });
        Assert.NotEmpty(forum.Hits);
        Assert.All(forum.Hits, h => Assert.Equal("forum", h.Hit.SourceType));
        Assert.True(forum.Total < Similar(NewsPipeline).Total);
        Assert.Equal(forum.Total, forum.Hits.Count);
    }

    [Fact]
    public void PastedText_FindsThePipelinePassagesFirst()
    {
        var response = seeds.Searcher.Similar(new SimilarRequest { Text = "Russia will fund a gas pipeline to ease the energy crisis in Pakistan", Top = 5 })!;
        Assert.Equal("text", response.From);
        Assert.Null(response.PassageId);
        Assert.Equal(ExplainerPipeline, response.Hits[0].Hit.PassageId);
        Assert.Contains("pipeline", response.Hits[0].SharedTerms);
    }

    [Fact]
    public void SimilarDocuments_LeaveTheDocumentOut_AndRankByTheirBestPassages()
    {
        var response = seeds.Searcher.SimilarDocuments(new SimilarRequest { DocId = "news-ties-closer", Top = 10 })!;
        Assert.Equal(4, response.Total);
        Assert.DoesNotContain("news-ties-closer", response.Documents.Select(d => d.Document.DocId));
        foreach (var document in response.Documents)
        {
            Assert.InRange(document.Passages.Count, 1, SimilarSearch.PassagesPerDocument);
            Assert.All(document.Passages, p => Assert.Equal(document.Document.DocId, p.Hit.DocId));
            Assert.Equal(Math.Round(document.Passages.Sum(p => p.Hit.Score), 4), document.Score, 3);
        }

        Assert.Equal(response.Documents.OrderByDescending(d => d.Score).Select(d => d.Document.DocId), response.Documents.Select(d => d.Document.DocId));
    }

    [Fact]
    public void UnknownIds_AreNull_BadRequestsAreErrors()
    {
        Assert.Null(seeds.Searcher.Similar(new SimilarRequest { PassageId = "news-ties-closer.p999" }));
        Assert.Null(seeds.Searcher.Similar(new SimilarRequest { PassageId = "../../etc/passwd" }));
        Assert.Null(seeds.Searcher.SimilarDocuments(new SimilarRequest { DocId = "no-such-doc" }));
        Assert.Throws<SearchRequestException>(() => seeds.Searcher.Similar(new SimilarRequest { PassageId = NewsPipeline, Top = 0 }));
        Assert.Throws<SearchRequestException>(() => seeds.Searcher.Similar(new SimilarRequest { PassageId = NewsPipeline, Top = 101 }));
        Assert.Throws<SearchRequestException>(() => seeds.Searcher.Similar(new SimilarRequest { PassageId = NewsPipeline, Text = "gas" }));
        Assert.Throws<SearchRequestException>(() => seeds.Searcher.Similar(new SimilarRequest { Text = "  " }));
        Assert.Throws<SearchRequestException>(() => seeds.Searcher.Similar(new SimilarRequest { Text = new string('a', SimilarSearch.MaxTextLength + 1) }));
        Assert.Throws<SearchRequestException>(() => seeds.Searcher.Similar(new SimilarRequest
        {
            PassageId = NewsPipeline, Filters = new SearchRequest { From = "2020", To = "2010" },
        }));
    }

    [Fact]
    public void TextOfOnlyStopWordsOrUnknownWords_FindsNothing_AndSaysWhy()
    {
        var response = seeds.Searcher.Similar(new SimilarRequest { Text = "the of and which zzyzx" })!;
        Assert.Empty(response.Terms);
        Assert.Empty(response.Hits);
        Assert.Contains("distinctive", Assert.Single(response.Warnings));
    }

    // ---- the command ----

    [Fact]
    public void Cli_ListsSimilarPassages_WithSharedWords()
    {
        var (exit, output, error) = seeds.Cli("similar", ExplainerPipeline, "--top", "5");
        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Contains(NewsPipeline, output);
        Assert.Contains("shared: billion, gas, pipeline, project", output);
        Assert.Contains("Compared on (word stems): ", output);
    }

    [Fact]
    public void Cli_Json_HasTheMinimumShape()
    {
        var (exit, output, _) = seeds.Cli("similar", NewsPipeline, "--json", "--top", "3", "--source", "explainer");
        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("passage", root.GetProperty("from").GetString());
        Assert.Equal(NewsPipeline, root.GetProperty("passageId").GetString());
        Assert.True(root.GetProperty("terms").GetArrayLength() > 0);
        var hits = root.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(3, hits.Count);
        Assert.All(hits, h => Assert.Equal("explainer", h.GetProperty("hit").GetProperty("sourceType").GetString()));
        Assert.All(hits, h => Assert.True(h.GetProperty("sharedTerms").GetArrayLength() > 0));
    }

    [Fact]
    public void Cli_DocumentsAndText()
    {
        var (exit, output, _) = seeds.Cli("similar", "--doc", "news-ties-closer");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("4 documents share words with news-ties-closer", output);

        (exit, output, _) = seeds.Cli("similar", "--text", "gas pipeline energy", "--top", "1");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains(ExplainerPipeline, output);
    }

    [Theory]
    [InlineData(ExitCodes.NotFound, "no passage with id", "similar", "news-ties-closer.p999")]
    [InlineData(ExitCodes.NotFound, "no document with id", "similar", "--doc", "nope")]
    [InlineData(ExitCodes.BadInput, "give one of", "similar")]
    [InlineData(ExitCodes.BadInput, "give one of", "similar", NewsPipeline, "--text", "gas")]
    [InlineData(ExitCodes.BadInput, "top must be between 1 and 100", "similar", NewsPipeline, "--top", "0")]
    [InlineData(ExitCodes.BadInput, "reversed", "similar", NewsPipeline, "--from", "2020", "--to", "2010")]
    public void Cli_BadInput_IsAClearMessage(int expectedExit, string message, params string[] args)
    {
        var (exit, output, error) = seeds.Cli(args);
        Assert.Equal(expectedExit, exit);
        Assert.Contains(message, error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", error + output);
    }
}
