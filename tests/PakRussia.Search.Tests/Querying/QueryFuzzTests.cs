using System.Diagnostics;
using System.Text;
using PakRussia.Search.Querying;
using PakRussia.Search.Tests.TestSupport;
using Xunit.Abstractions;

namespace PakRussia.Search.Tests.Querying;

/// <summary>
/// Random strings over the query alphabet through both modes: strict throws only the query exceptions, lenient only
/// the limit exception, and every produced query runs on a real Lucene index without error.
/// Replay a failure with PAKRUSSIA_FUZZ_SEED=&lt;seed&gt;.
/// </summary>
public sealed class QueryFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void RandomQueriesNeverBreakTheCompilerOrLucene()
    {
        var seed = RandomQueries.Seed();
        output.WriteLine($"PAKRUSSIA_FUZZ_SEED={seed}");
        var random = new Random(seed);
        var index = QueryTestIndex.Shared;
        var vocabulary = index.Vocabulary;
        var watch = Stopwatch.StartNew();
        int parseErrors = 0, limitErrors = 0, expressions = 0;
        const int count = 12_000;
        for (var i = 0; i < count; i++)
        {
            var query = RandomQueries.Generate(random);
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
                        Assert.Fail($"seed {seed}, query #{i} {RandomQueries.Show(query)} (strict={strict}, any={anyWord}) threw {e}");
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
                            Assert.Fail($"seed {seed}, query #{i} {RandomQueries.Show(query)} produced a query Lucene cannot run {RandomQueries.Show(expression.ToString())}: {e}");
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
}
