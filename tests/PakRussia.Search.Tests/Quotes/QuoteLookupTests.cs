using System.Diagnostics;
using System.Text.Json;
using PakRussia.Search.Citations;
using PakRussia.Search.Cli;
using PakRussia.Search.Quotes;
using PakRussia.Search.Search;
using PakRussia.Search.Tests.TestSupport;
using Xunit.Abstractions;

namespace PakRussia.Search.Tests.Quotes;

/// <summary>Quote lookup, citations and exports over an index of the real seeds, through the engine and the CLI.</summary>
public sealed class QuoteLookupTests(SeedIndex seeds, ITestOutputHelper log) : IClassFixture<SeedIndex>
{
    private const string Academic = "academic-afghanistan-central-asia";

    // Seed 003 breaks this sentence over two lines with a blank line between them (PDF extraction).
    private const string LineBreakQuote =
        "The close cooperation between Pakistan and Russia has also encouraged Central Asian Republics for greater interaction with Pakistan";

    // In seed 003 footnote 22 sits in the middle of this sentence; the passage has it moved out.
    private const string FootnoteQuote = "Many Russian analysts value Pakistan’s geographical location vis-à-vis Afghanistan and Central Asia";

    // Seed 004 (a forum thread) has this paragraph twice: once quoting the article, once re-quoted.
    private const string ForumQuote = "Pakistan needs foreign investment, access to vast reserves of Central Asia, once part of Soviet Union";

    private QuoteResult Find(string quote) => seeds.Searcher.FindQuote(quote);

    private static string Folded(string text) => string.Join(' ', new FoldedText(text).Tokens.Select(t => t.Text));

    /// <summary>A document's title (or a heading) is text a researcher quotes too: candidates come from the headings as well.</summary>
    [Fact]
    public void A_forum_threads_title_is_found_in_its_heading()
    {
        var result = Find("Russia can't find a better ally than Pakistan in the region");
        Assert.True(result.Found, result.Message);
        var match = result.Matches[0];
        Assert.Equal("forum-better-ally", match.DocId);
        Assert.True(match.Exact);
        var (exit, output, _) = seeds.Cli("quote", "Russia can't find a better ally than Pakistan in the region");
        Assert.Equal(0, exit);
        Assert.Contains("forum-better-ally.p0", output);
    }

    [Fact]
    public void A_quote_spanning_a_hard_line_break_is_found_word_for_word_with_exact_offsets()
    {
        var result = Find(LineBreakQuote);

        Assert.True(result.Found);
        var match = Assert.Single(result.Matches);
        Assert.True(match.Exact);
        Assert.Equal(1.0, match.Similarity);
        Assert.Empty(match.Differences);
        Assert.Equal($"{Academic}.p1", match.PassageId);
        Assert.Equal("2019", match.Date);
        Assert.Equal(Folded(LineBreakQuote), Folded(match.Text[match.Start..match.End]));
        Assert.StartsWith("The close cooperation", match.Text[match.Start..], StringComparison.Ordinal);
        Assert.EndsWith("interaction with Pakistan", match.Text[..match.End], StringComparison.Ordinal);

        // Passage offsets + the passage's start = document offsets, and the document's passages agree.
        var passage = seeds.Searcher.Show(match.PassageId)!.Passage;
        Assert.Equal(passage.Text, match.Text);
        Assert.Equal(passage.Start + match.Start, match.DocStart);
        Assert.Equal(passage.Start + match.End, match.DocEnd);
        var occurrence = Assert.Single(match.Occurrences);
        Assert.True(occurrence.IsOriginal);
        Assert.Equal((match.DocStart, match.DocEnd), (occurrence.Start, occurrence.End));
        var document = seeds.Searcher.Document(Academic)!;
        var holder = document.Passages.Single(p => p.Start <= match.DocStart && match.DocEnd <= p.End);
        Assert.Equal(match.Text[match.Start..match.End], holder.Text[(match.DocStart - holder.Start)..(match.DocEnd - holder.Start)]);
    }

    [Fact]
    public void A_quote_interrupted_by_a_footnote_block_in_the_source_is_found_word_for_word()
    {
        var match = Assert.Single(Find(FootnoteQuote).Matches);
        Assert.True(match.Exact);
        Assert.Equal($"{Academic}.p34", match.PassageId);
        Assert.Equal(FootnoteQuote, match.Text[match.Start..match.End]);
    }

    [Fact]
    public void Straight_quotes_and_a_missing_accent_do_not_count_as_differences()
    {
        var typed = Find("Many Russian analysts value Pakistan's geographical location vis-a-vis Afghanistan and Central Asia");
        var match = Assert.Single(typed.Matches);
        Assert.True(match.Exact);
        Assert.Equal(FootnoteQuote, match.Text[match.Start..match.End]);

        // Curly double quotes and apostrophes in the corpus, straight ones typed.
        var curly = Find("\"Pakistan's natural resource is its advantageous strategic location which makes it an important link\"");
        var curlyMatch = Assert.Single(curly.Matches);
        Assert.True(curlyMatch.Exact);
        Assert.Contains("Pakistan’s natural resource", curlyMatch.Text[curlyMatch.Start..curlyMatch.End], StringComparison.Ordinal);
    }

    [Fact]
    public void A_forum_paragraph_that_appears_twice_lists_both_occurrences_with_the_original_marked()
    {
        var result = Find(ForumQuote);

        var match = Assert.Single(result.Matches);
        Assert.True(match.Exact);
        Assert.Equal(2, match.Occurrences.Count);
        Assert.All(match.Occurrences, o => Assert.Equal("forum-us-russia-afghanistan", o.DocId));
        Assert.Equal([true, false], match.Occurrences.Select(o => o.IsOriginal));
        Assert.Equal(match.PassageId, match.Occurrences[0].PassageId);
        Assert.True(match.Occurrences[0].Start < match.Occurrences[1].Start);
        var copy = seeds.Searcher.Show(match.Occurrences[1].PassageId)!.Passage;
        Assert.Equal(match.PassageId, copy.DuplicateOf);
        Assert.Equal(ForumQuote, copy.Text[(match.Occurrences[1].Start - copy.Start)..(match.Occurrences[1].End - copy.Start)]);
        // The thread title is the section of every post: the citation does not say it twice.
        Assert.Equal(1, CountOf(match.Citation, "Where does Pakistan fit"));
    }

    [Fact]
    public void A_misquote_with_two_words_changed_is_a_near_match_with_its_differences()
    {
        var result = Find("The close cooperation between Pakistan and Russia has also encouraged Central Asian States for closer interaction with Pakistan");

        Assert.True(result.Found);
        var match = result.Matches[0];
        Assert.False(match.Exact);
        Assert.Equal($"{Academic}.p1", match.PassageId);
        Assert.InRange(match.Similarity, 0.8, 0.95);
        Assert.Equal(2, match.Differences.Count);
        Assert.All(match.Differences, d => Assert.Equal(DifferenceKind.Changed, d.Kind));
        Assert.Equal(["Republics"], match.Differences[0].CorpusWords);
        Assert.Equal(["States"], match.Differences[0].QuoteWords);
        Assert.Equal(["greater"], match.Differences[1].CorpusWords);
        Assert.Equal(["closer"], match.Differences[1].QuoteWords);
    }

    [Fact]
    public void A_quote_that_runs_across_a_paragraph_break_is_found_in_the_two_passages_joined()
    {
        var quote = "through accommodating each other's views, interests and concerns. Therefore Pak-Russia cooperation along with other regional states";
        var match = Assert.Single(Find(quote).Matches);

        Assert.True(match.Exact);
        Assert.Equal($"{Academic}.p34", match.PassageId);
        Assert.Equal($"{Academic}.p35", match.ThroughPassageId);
        var first = seeds.Searcher.Show(match.PassageId)!.Passage;
        var second = seeds.Searcher.Show(match.ThroughPassageId!)!.Passage;
        Assert.StartsWith(first.Text, match.Text, StringComparison.Ordinal);
        Assert.EndsWith(second.Text, match.Text, StringComparison.Ordinal);
        Assert.Equal(first.Start + match.Start, match.DocStart);
        Assert.Equal(second.Start + (match.End - (match.Text.Length - second.Text.Length)), match.DocEnd);
    }

    [Fact]
    public void A_quote_found_nowhere_says_so_and_lists_the_closest_passages()
    {
        var result = Find("Russia and Pakistan signed a treaty on lunar exploration and deep sea mining in Karachi");

        Assert.False(result.Found);
        Assert.Empty(result.Matches);
        Assert.Equal(QuoteProvenance.NotFoundMessage, result.Message);
        Assert.NotEmpty(result.Closest);
        Assert.True(result.Closest.Count <= QuoteProvenance.ClosestCount);
        Assert.Equal(result.Closest.OrderByDescending(c => c.Similarity).Select(c => c.Similarity), result.Closest.Select(c => c.Similarity));
        Assert.All(result.Closest, c => Assert.InRange(c.Similarity, QuoteProvenance.ClosestFloor, QuoteAligner.DefaultThreshold));
    }

    [Fact]
    public void Too_short_and_too_long_quotes_are_bad_input_with_a_message()
    {
        var shortQuote = Assert.Throws<SearchRequestException>(() => Find("Pakistan and Russia"));
        Assert.Contains("at least 4 words", shortQuote.Message, StringComparison.Ordinal);
        var longQuote = Assert.Throws<SearchRequestException>(() => Find(string.Join(' ', Enumerable.Repeat("war", 401))));
        Assert.Contains("at most 400 words", longQuote.Message, StringComparison.Ordinal);
        Assert.Throws<SearchRequestException>(() => seeds.Searcher.FindQuote(LineBreakQuote, maxMatches: 0));
    }

    [Fact]
    public void Quote_lookups_on_the_seeds_print_their_timing()
    {
        string[] quotes = [LineBreakQuote, FootnoteQuote, ForumQuote, "The close cooperation between Pakistan and Russia has also encouraged Central Asian States for closer interaction with Pakistan",
            "Russia and Pakistan signed a treaty on lunar exploration and deep sea mining in Karachi"];
        foreach (var quote in quotes)
            Find(quote); // warm up: JIT, the generation's document records, the page cache

        // Wall time and this process's CPU time per lookup are printed, not asserted: a test must not pass or fail with the
        // machine's speed (the benchmarks measure quote lookup at scale). What is asserted is what each lookup finds.
        var timings = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        foreach (var quote in quotes)
        {
            for (var i = 0; i < 5; i++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                Find(quote);
                timings.Add(clock.Elapsed.TotalMilliseconds);
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }
        }

        timings.Sort();
        cpu.Sort();
        double Median(List<double> values) => values[values.Count / 2];
        log.WriteLine($"FindQuote on the seeds ({seeds.Summary.Passages} passages), {timings.Count} runs: wall median {Median(timings):0.0} ms, "
            + $"p90 {timings[(int)(timings.Count * 0.9)]:0.0} ms, max {timings[^1]:0.0} ms; CPU median {Median(cpu):0.0} ms, max {cpu[^1]:0.0} ms");
        Assert.All(quotes.Take(4), quote => Assert.True(Find(quote).Found, quote));
        Assert.False(Find(quotes[4]).Found);
    }

    // ---- CLI ------------------------------------------------------------------------------------------------------

    [Fact]
    public void Cli_quote_exits_0_when_found_1_when_not_and_2_for_a_bad_quote()
    {
        var found = seeds.Cli("quote", LineBreakQuote);
        Assert.Equal(ExitCodes.Ok, found.Exit);
        Assert.Contains("Found word for word in 1 place", found.Output, StringComparison.Ordinal);
        Assert.Contains("[[The close cooperation between Pakistan and Russia", found.Output, StringComparison.Ordinal);
        Assert.Contains("← original", found.Output, StringComparison.Ordinal);
        Assert.Contains($"Cite: “Pakistan-Russia collaboration", found.Output, StringComparison.Ordinal);

        var near = seeds.Cli("quote", "The close cooperation between Pakistan and Russia has also encouraged Central Asian States for greater interaction with Pakistan");
        Assert.Equal(ExitCodes.Ok, near.Exit);
        Assert.Contains("Near match (similarity 0.944)", near.Output, StringComparison.Ordinal);
        Assert.Contains("corpus has “Republics” where the quote has “States”", near.Output, StringComparison.Ordinal);

        var missing = seeds.Cli("quote", "Russia and Pakistan signed a treaty on lunar exploration and deep sea mining in Karachi");
        Assert.Equal(ExitCodes.NotFound, missing.Exit);
        Assert.Contains("Not found", missing.Output, StringComparison.Ordinal);
        Assert.Contains("Closest passages:", missing.Output, StringComparison.Ordinal);

        var tooShort = seeds.Cli("quote", "Pakistan and Russia");
        Assert.Equal(ExitCodes.BadInput, tooShort.Exit);
        Assert.Contains("at least 4 words", tooShort.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, seeds.Cli("quote", LineBreakQuote, "--style", "mla").Exit);
    }

    [Fact]
    public void Cli_quote_json_has_the_documented_shape()
    {
        var (exit, output, _) = seeds.Cli("quote", ForumQuote, "--json", "--style", "apa");
        Assert.Equal(ExitCodes.Ok, exit);

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(ForumQuote, root.GetProperty("quote").GetString());
        Assert.True(root.GetProperty("found").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("message").ValueKind);
        Assert.Equal(0, root.GetProperty("closest").GetArrayLength());
        var match = Assert.Single(root.GetProperty("matches").EnumerateArray());
        foreach (var name in new[] { "passageId", "docId", "title", "date", "similarity", "exact", "text", "start", "end", "docStart", "docEnd", "differences", "citation", "citations", "occurrences" })
            Assert.True(match.TryGetProperty(name, out _), name);
        var text = match.GetProperty("text").GetString()!;
        Assert.Equal(ForumQuote, text[match.GetProperty("start").GetInt32()..match.GetProperty("end").GetInt32()]);
        Assert.Contains("[Online forum post", match.GetProperty("citation").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("@misc{", match.GetProperty("citations").GetProperty("bibtex").GetString(), StringComparison.Ordinal);
        var occurrences = match.GetProperty("occurrences").EnumerateArray().ToList();
        Assert.Equal(2, occurrences.Count);
        foreach (var name in new[] { "passageId", "docId", "title", "date", "start", "end", "isOriginal" })
            Assert.True(occurrences[0].TryGetProperty(name, out _), name);
        Assert.True(occurrences[0].GetProperty("isOriginal").GetBoolean());

        var near = JsonDocument.Parse(seeds.Cli("quote", "The close cooperation between Pakistan and Russia has also encouraged Central Asian States for greater interaction with Pakistan", "--json").Output);
        var difference = Assert.Single(near.RootElement.GetProperty("matches")[0].GetProperty("differences").EnumerateArray());
        Assert.Equal("changed", difference.GetProperty("kind").GetString());
        Assert.Equal("Republics", difference.GetProperty("corpusWords")[0].GetString());

        var missing = JsonDocument.Parse(seeds.Cli("quote", "Russia and Pakistan signed a treaty on lunar exploration and deep sea mining in Karachi", "--json").Output);
        Assert.False(missing.RootElement.GetProperty("found").GetBoolean());
        Assert.Equal(QuoteProvenance.NotFoundMessage, missing.RootElement.GetProperty("message").GetString());
        Assert.NotEqual(0, missing.RootElement.GetProperty("closest").GetArrayLength());
    }

    [Fact]
    public void Cli_show_prints_the_citation_in_the_chosen_style_and_json_has_them_all()
    {
        var id = $"{Academic}.p1";
        var bibtex = seeds.Cli("show", id, "--style", "bibtex");
        Assert.Equal(ExitCodes.Ok, bibtex.Exit);
        Assert.Contains("@misc{academicafghanistancentralasia2019p2,", bibtex.Output, StringComparison.Ordinal);
        Assert.Contains("note = {Section: Abstract; paragraph 2; pakrussia:" + id + "}", bibtex.Output, StringComparison.Ordinal);

        Assert.Contains("[Academic paper]. (2019).", seeds.Cli("show", id, "--style", "apa").Output, StringComparison.Ordinal);
        var ris = seeds.Cli("show", id, "--style", "ris").Output;
        Assert.Contains("TY  - JOUR", ris, StringComparison.Ordinal);
        Assert.Contains("ER  - ", ris, StringComparison.Ordinal);
        Assert.Contains("Cite: “Pakistan-Russia collaboration", seeds.Cli("show", id).Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, seeds.Cli("show", id, "--style", "chicago").Exit);

        using var json = JsonDocument.Parse(seeds.Cli("show", id, "--json", "--style", "ris").Output);
        var citations = json.RootElement.GetProperty("citations");
        Assert.StartsWith("“Pakistan-Russia collaboration", citations.GetProperty("plain").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("@misc{", citations.GetProperty("bibtex").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("TY  - JOUR", json.RootElement.GetProperty("citation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_search_prints_citations_in_the_chosen_style()
    {
        var (exit, output, _) = seeds.Cli("search", "Central Asian Republics", "--style", "apa");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("[Academic paper]. (2019).", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, seeds.Cli("search", "Afghanistan", "--style", "harvard").Exit);
    }

    // ---- export ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Export_csv_has_a_header_and_every_matching_passage_with_its_citation()
    {
        var total = seeds.Search("Afghanistan").Total;
        Assert.True(total > 10, "more than one page of results");

        var (exit, output, error) = seeds.Cli("search", "Afghanistan", "--export", "csv");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains($"exported {total} passage(s) as csv", error, StringComparison.Ordinal);
        var rows = ParseCsv(output);
        Assert.Equal(PassageExport.CsvColumns, rows[0]);
        Assert.Equal(total, rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.Equal(PassageExport.CsvColumns.Count, r.Count));
        Assert.Equal(rows.Count - 1, rows.Skip(1).Select(r => r[0]).Distinct().Count());
        Assert.All(rows.Skip(1), r => Assert.Contains($"[pakrussia:{r[0]}]", r[^1], StringComparison.Ordinal));
        Assert.All(rows.Skip(1), r => Assert.Contains("afghan", r[9] + r[2], StringComparison.OrdinalIgnoreCase)); // text or title
        // Ranked as search ranks them.
        var firstPage = seeds.Search("Afghanistan").Hits.Select(h => h.PassageId);
        Assert.Equal(firstPage, rows.Skip(1).Take(10).Select(r => r[0]));

        // Filters apply as in search.
        var forumTotal = seeds.Search("Afghanistan", r => r with { Sources = ["forum"] }).Total;
        var forum = ParseCsv(seeds.Cli("search", "Afghanistan", "--source", "forum", "--export", "csv").Output);
        Assert.Equal(forumTotal, forum.Count - 1);
        Assert.All(forum.Skip(1), r => Assert.Equal("forum", r[3]));
    }

    [Fact]
    public void Export_ris_and_jsonl_write_one_record_per_matching_passage()
    {
        var total = seeds.Search("Russia Pakistan").Total;

        var ris = seeds.Cli("search", "Russia Pakistan", "--export", "ris");
        Assert.Equal(ExitCodes.Ok, ris.Exit);
        var records = ris.Output.Split("ER  - ", StringSplitOptions.TrimEntries).Where(r => r.Length > 0).ToList();
        Assert.Equal(total, records.Count);
        Assert.All(records, r => Assert.StartsWith("TY  - ", r, StringComparison.Ordinal));
        Assert.All(records, r => Assert.Matches(@"N1  - .*pakrussia:[a-z0-9-]+\.p\d+", r));

        var jsonl = seeds.Cli("search", "Russia Pakistan", "--export", "jsonl", "--style", "bibtex");
        Assert.Equal(ExitCodes.Ok, jsonl.Exit);
        var lines = jsonl.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(total, lines.Length);
        foreach (var line in lines)
        {
            using var record = JsonDocument.Parse(line);
            var id = record.RootElement.GetProperty("passageId").GetString()!;
            Assert.StartsWith("@misc{", record.RootElement.GetProperty("citation").GetString(), StringComparison.Ordinal);
            Assert.EndsWith($"[pakrussia:{id}]", record.RootElement.GetProperty("citations").GetProperty("plain").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(record.RootElement.GetProperty("text").GetString()));
        }

        Assert.Equal(ExitCodes.BadInput, seeds.Cli("search", "Russia", "--export", "xlsx").Exit);
        var none = seeds.Cli("search", "zzzzqqq", "--export", "csv");
        Assert.Equal(ExitCodes.NotFound, none.Exit);
        Assert.Single(ParseCsv(none.Output)); // the header alone
    }

    [Fact]
    public void AllMatches_equals_the_search_total_for_filters_and_sorts()
    {
        foreach (var request in new[]
        {
            new SearchRequest { Query = "Central Asia" },
            new SearchRequest { Query = "Russia", Sort = SearchSort.Date },
            new SearchRequest { Query = "Russia", Years = [2014] },
            new SearchRequest { Query = "warm waters kremlinxyz" }, // the OR fallback
        })
        {
            var total = seeds.Searcher.Search(request).Total;
            var all = seeds.Searcher.AllMatches(request).ToList();
            Assert.Equal(total, all.Count);
            Assert.All(all, row => Assert.Null(row.Passage.DuplicateOf));
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    /// <summary>A small RFC 4180 reader: quoted cells may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> ParseCsv(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                row.Add(cell.ToString()); cell.Clear();
                rows.Add(row); row = [];
                i++;
            }
            else cell.Append(c);
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
