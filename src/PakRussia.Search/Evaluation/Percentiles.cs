namespace PakRussia.Search.Evaluation;

/// <summary>Latency percentiles as the peer benchmark harnesses compute them.</summary>
public static class Percentiles
{
    /// <summary>Linear interpolation between closest ranks over an ascending array; NaN when it is empty.</summary>
    public static double Interpolated(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        if (sorted.Length == 1) return sorted[0];
        var x = (sorted.Length - 1) * p / 100.0;
        var lo = (int)x;
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (x - lo);
    }
}
