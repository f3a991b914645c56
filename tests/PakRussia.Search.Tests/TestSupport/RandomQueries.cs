using System.Text;

namespace PakRussia.Search.Tests.TestSupport;

/// <summary>
/// Random strings over the query alphabet (operators, fields, ranges, wildcards, fuzzy marks, scripts, control
/// characters, lone surrogates), seeded so a failure can be replayed; shared by the compiler's fuzz test and the
/// random queries through the command line and HTTP.
/// </summary>
public static class RandomQueries
{
    /// <summary>The seed from <c>PAKRUSSIA_FUZZ_SEED</c>, else a new one (print it, so a failure can be replayed).</summary>
    public static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("PAKRUSSIA_FUZZ_SEED"), out var seed) ? seed : Environment.TickCount;

    /// <summary>How many queries to run: <c>PAKRUSSIA_FUZZ_COUNT</c>, else <paramref name="fallback"/>.</summary>
    public static int Count(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("PAKRUSSIA_FUZZ_COUNT"), out var count) && count > 0 ? count : fallback;

    private static readonly string[] Pieces =
    [
        "\"", "\"", "(", ")", "(", ")", "[", "]", "{", "}", ":", "~", "~2", "~0.5", "^", "^3", "\\", "*", "?", "+", "-", "!",
        "&&", "||", "&", "|", " AND ", " OR ", " NOT ", " TO ", "TO", " ", " ", " ", "  ", "title:", "text:", "section:",
        "source:", "author:", "doc:", "kind:", "year:", "date:", "foo:", "2014", "2017-03-04", "2019-13", "12345", "0",
        "pakistan", "russia", "kremlim", "ta?iban", "pak*stan", "afghan*", "a*", "the", "of", "c++", "OPS-306", "don't",
        "Pakistan’s", "é", "ü", "Ḱ", "e\u0301", "\u0301", "😀", "🇵🇰", "日本", "пакистан", "پاکستان", "\u0000", "\u0007", "\t",
        "\n", "\u001b", "\ud800", "\u200b", "\ufeff", "\"\"", "NEAR", "*", "x", "a", "b", "9",
    ];

    public static string Generate(Random random)
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

    /// <summary>The query with control characters and surrogates escaped, for a failure message.</summary>
    public static string Show(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c < 0x20 || (c >= 0xd800 && c < 0xe000) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return sb.Append('"').ToString();
    }
}
