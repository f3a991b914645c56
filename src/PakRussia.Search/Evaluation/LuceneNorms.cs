using Lucene.Net.Util;

namespace PakRussia.Search.Evaluation;

/// <summary>
/// What a document length becomes after each Lucene version's one-byte norm, so the same length can be scored as
/// Lucene 4.8, Lucene 9 or exactly (<see cref="DocumentLengths"/>).
/// </summary>
public static class LuceneNorms
{
    /// <summary>Byte values of Lucene 9's length encoding that hold a length as is (0–23).</summary>
    private const int FreeValues = 24;

    /// <summary>The length <paramref name="mode"/> scores a document of <paramref name="length"/> tokens as.</summary>
    public static float Quantize(int length, DocumentLengths mode) => mode switch
    {
        DocumentLengths.Lucene48 => Lucene48(length),
        DocumentLengths.Lucene9 => Lucene9(length),
        DocumentLengths.Exact => length,
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>
    /// Lucene 4.8's BM25 norm round trip: 1/√length to a byte (SmallFloat 3.15), and the byte back to 1/f²,
    /// computed in single precision as Lucene does.
    /// </summary>
    public static float Lucene48(int length)
    {
        var encoded = SmallSingle.SingleToByte315(1f / (float)Math.Sqrt(length));
        var f = SmallSingle.Byte315ToSingle(encoded);
        return 1.0f / (f * f);
    }

    /// <summary>
    /// Lucene 9's norm round trip: below 24 the length itself; above, 24 + (length − 24) kept to its four leading
    /// bits (the rest cut off), which is how Lucene 7 and later store a field's length.
    /// </summary>
    public static float Lucene9(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length < FreeValues)
        {
            return length;
        }

        long rest = length - FreeValues;
        var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)rest);
        if (bits <= 4)
        {
            return length;
        }

        var shift = bits - 4;
        return FreeValues + ((rest >> shift) << shift);
    }
}
