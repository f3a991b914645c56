namespace PakRussia.Search.Concordance;

/// <summary>
/// The keyness scores of one word: its frequency <c>a</c> in a target of <c>c</c> words against <c>b</c> in a reference of
/// <c>d</c> words.
/// <para>
/// Log-likelihood (Dunning 1993, in the two-corpus form of Rayson &amp; Garside 2000): with the expected frequencies
/// E1 = c·(a+b)/(c+d) and E2 = d·(a+b)/(c+d), G² = 2·(a·ln(a/E1) + b·ln(b/E2)), a term with a zero frequency adding 0. It is
/// signed here: negative when the word is relatively rarer in the target (a/c &lt; b/d). 3.84 is p &lt; 0.05, 6.63 p &lt; 0.01,
/// 15.13 p &lt; 0.001 (one degree of freedom).
/// </para>
/// <para>
/// Log ratio (Hardie 2014): log2((a/c) / (b/d)), the effect size: 1 means twice as frequent in the target, 0 equally; a zero
/// frequency is taken as 0.5 so a word absent from one side has a finite ratio.
/// </para>
/// <example>a = 10, c = 1,000, b = 10, d = 9,000: E1 = 2, E2 = 18, G² = 2·(10·ln 5 + 10·ln(10/18)) = 20.43; log ratio = log2(9) = 3.17.</example>
/// </summary>
public static class KeynessScores
{
    public static double LogLikelihood(long a, long b, long c, long d)
    {
        if (c <= 0 || d <= 0 || a + b == 0)
            return 0;
        double total = c + d, both = a + b;
        var e1 = c * both / total;
        var e2 = d * both / total;
        var g2 = 2 * ((a > 0 ? a * Math.Log(a / e1) : 0) + (b > 0 ? b * Math.Log(b / e2) : 0));
        return (double)a / c < (double)b / d ? -g2 : g2;
    }

    public static double LogRatio(long a, long b, long c, long d)
    {
        if (c <= 0 || d <= 0)
            return 0;
        var target = Math.Max(a, 0.5) / c;
        var reference = Math.Max(b, 0.5) / d;
        return Math.Log2(target / reference);
    }
}
