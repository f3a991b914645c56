using System.Diagnostics;
using System.Text;
using PakRussia.Search.Querying;
using Xunit.Abstractions;

namespace PakRussia.Search.Tests.Querying;

/// <summary>
/// Random strings over the query alphabet through both modes: strict throws only the query exceptions, lenient only
/// the limit exception, and every produced query runs on a real Lucene index without error.
/// Replay a failure with PAKRUSSIA_FUZZ_SEED=&lt;seed&gt;.
/// </summary>
public sealed class QueryFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Pieces =
    [
        "\"", "\"", "(", ")", "(", ")", "[", "]", "{", "}", ":", "~", "~2", "~0.5", "^", "^3", "\\", "*", "?", "+", "-", "!",
        "&&", "||", "&", "|", " AND ", " OR ", " NOT ", " TO ", "TO", " ", " ", " ", "  ", "title:", "text:", "section:",
        "source:", "author:", "doc:", "kind:", "year:", "date:", "foo:", "2014", "2017-03-04", "2019-13", "12345", "0",
        "pakistan", "russia", "kremlim", "ta?iban", "pak*stan", "afghan*", "a*", "the", "of", "c++", "OPS-306", "don't",
        "Pakistan’s", "é", "ü", "Ḱ", "e\u0301", "\u0301", "😀", "🇵🇰", "日本", "пакистан", "پاکستان", "\u0000", "\u0007", "\t",
        "\n", "\u001b", "\ud800", "\u200b", "\ufeff", "\"\"", "NEAR", "*", "x", "a", "b", "9",
    ];

    [Fact]
    public void RandomQueriesNeverBreakTheCompilerOrLucene()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PAKRUSSIA_FUZZ_SEED"), out var s) ? s : Environment.TickCount;
        output.WriteLine($"PAKRUSSIA_FUZZ_SEED={seed}");
        var random = new Random(seed);
        var index = QueryTestIndex.Shared;
        var vocabulary = index.Vocabulary;
        var watch = Stopwatch.StartNew();
        int parseErrors = 0, limitErrors = 0, expressions = 0;
        const int count = 12_000;
        for (var i = 0; i < count; i++)
        {
            var query = Generate(random);
            foreach (var strict in new[] { false, true })
            {
                foreach (var anyWord in new[] { false, true })
                {
                    if (anyWord && strict)
                    {
                        continue;
                    }

                    CompiledQuery compiled;
                    try
                    {
                        compiled = QueryCompiler.Compile(query, new QueryOptions { Strict = strict, AnyWord = anyWord }, vocabulary);
                    }
                    catch (QueryLimitException)
                    {
                        limitErrors++;
                        continue;
                    }
                    catch (QueryParseException e) when (strict)
                    {
                        parseErrors++;
                        Assert.InRange(e.Position, 0, e.Query.Length + 1);
                        Assert.NotEmpty(e.RenderCaret());
                        continue;
                    }
                    catch (Exception e)
                    {
                        Assert.Fail($"seed {seed}, query #{i} {Show(query)} (strict={strict}, any={anyWord}) threw {e}");
                        throw;
                    }

                    foreach (var expression in new[] { compiled.Query, compiled.Fallback })
                    {
                        if (expression == null)
                        {
                            continue;
                        }

                        expressions++;
                        try
                        {
                            index.Run(expression);
                        }
                        catch (Exception e)
                        {
                            Assert.Fail($"seed {seed}, query #{i} {Show(query)} produced a query Lucene cannot run {Show(expression.ToString())}: {e}");
                        }
                    }

                    _ = compiled.Explanation!.Tree;
                    _ = DidYouMean.Suggest(query, vocabulary);
                }
            }
        }

        output.WriteLine($"{count} queries, {expressions} expressions run, {parseErrors} strict parse errors, {limitErrors} limit errors, {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(expressions > count, "the generator should produce mostly searchable queries");
    }

    private static string Generate(Random random)
    {
        var sb = new StringBuilder();
        var n = random.Next(1, random.Next(2) == 0 ? 8 : 30);
        for (var i = 0; i < n; i++)
        {
            if (random.Next(8) == 0)
            {
                sb.Append((char)random.Next(0x20, 0x7f));
            }
            else
            {
                sb.Append(Pieces[random.Next(Pieces.Length)]);
            }
        }

        if (random.Next(200) == 0)
        {
            sb.Append(new string('(', random.Next(10, 40)));
        }

        return sb.ToString();
    }

    private static string Show(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c < 0x20 || (c >= 0xd800 && c < 0xe000) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return sb.Append('"').ToString();
    }
}
