using Lucene.Net.Util;

namespace PakRussia.Search.Indexing.Analysis;

/// <summary>
/// How <see cref="IndexFields.SurfaceSequence"/> names the word at each position: one variable-length number per
/// position from 0, the word's place among the passage's distinct words in term order (as the passage's
/// <see cref="IndexFields.Surface"/> set lists them) plus one, or 0 where no word stands (a position the tokenizer
/// skipped). Seven bits a byte, high bit set while more follow: a passage of fewer than 128 distinct words takes one
/// byte a position.
/// </summary>
public static class SurfaceSequence
{
    public static BytesRef Encode(IReadOnlyList<string> words, IReadOnlyList<int> increments, IReadOnlyDictionary<string, int> index)
    {
        var bytes = new List<byte>(words.Count + 8);
        for (var i = 0; i < words.Count; i++)
        {
            // A skipped position (an increment above one, the first word's beyond its own) is a 0.
            for (var gap = increments[i] - 1; gap > 0; gap--)
            {
                bytes.Add(0);
            }

            var value = (uint)index[words[i]] + 1;
            while (value >= 0x80)
            {
                bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }

            bytes.Add((byte)value);
        }

        return new BytesRef(bytes.ToArray());
    }

    /// <summary>
    /// Decodes <paramref name="bytes"/> into <paramref name="places"/> (grown as needed): per position the word's place
    /// among the passage's distinct words, or -1; returns the number of positions.
    /// </summary>
    public static int Decode(BytesRef bytes, ref int[] places)
    {
        var count = 0;
        var end = bytes.Offset + bytes.Length;
        for (var i = bytes.Offset; i < end;)
        {
            uint value = 0;
            var shift = 0;
            byte b;
            do
            {
                b = bytes.Bytes[i++];
                value |= (uint)(b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0 && i < end && shift < 35);

            if (count == places.Length)
            {
                Array.Resize(ref places, places.Length * 2);
            }

            places[count++] = (int)value - 1;
        }

        return count;
    }
}
