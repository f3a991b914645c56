namespace PakRussia.Search.Concordance;

/// <summary>
/// Association scores of a query x and a collocate y, from f(x,y) (windows of x holding y), f(x), f(y) and N (words in
/// the subcorpus).
/// </summary>
public static class CollocateScores
{
    /// <summary>
    /// logDice (Rychlý 2008, "A Lexicographer-Friendly Association Score"): 14 + log2(2·f(x,y) / (f(x) + f(y))). At most
    /// 14 (every x with y, and y only there); independent of the corpus size. Example: f(x,y)=4, f(x)=10, f(y)=6 →
    /// 14 + log2(8/16) = 13.
    /// </summary>
    public static double LogDice(long fxy, long fx, long fy) =>
        fxy <= 0 || fx + fy <= 0 ? double.NegativeInfinity : 14 + Math.Log2(2.0 * fxy / (fx + fy));

    /// <summary>
    /// Log-likelihood G² (Dunning 1993, "Accurate Methods for the Statistics of Surprise and Coincidence") over the
    /// contingency table O11 = f(x,y), O12 = f(x) − f(x,y), O21 = f(y) − f(x,y), O22 = N − f(x) − f(y) + f(x,y):
    /// G² = 2 Σ O·ln(O/E), with E = row total · column total / N and 0·ln 0 = 0. Signed: negative when O11 &lt; E11
    /// (the words avoid each other). Cells that the window counts push below zero are taken as zero.
    /// </summary>
    public static double LogLikelihood(long fxy, long fx, long fy, long n)
    {
        double o11 = fxy, o12 = Math.Max(0, fx - fxy), o21 = Math.Max(0, fy - fxy);
        var o22 = Math.Max(0, (double)n - o11 - o12 - o21);
        var total = o11 + o12 + o21 + o22;
        if (total <= 0)
            return 0;
        double r1 = o11 + o12, r2 = o21 + o22, c1 = o11 + o21, c2 = o12 + o22;
        var g2 = 2 * (Term(o11, r1 * c1 / total) + Term(o12, r1 * c2 / total) + Term(o21, r2 * c1 / total) + Term(o22, r2 * c2 / total));
        return o11 < r1 * c1 / total ? -g2 : g2;
    }

    private static double Term(double observed, double expected) => observed <= 0 || expected <= 0 ? 0 : observed * Math.Log(observed / expected);
}
