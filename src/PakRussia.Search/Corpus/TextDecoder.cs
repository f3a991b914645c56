using System.Text;
using System.Text.Unicode;

namespace PakRussia.Search.Corpus;

/// <summary>The outcome of decoding a file's bytes: text (with repair warnings), or a reason to skip the file.</summary>
public sealed record DecodedText(string? Text, string EncodingName, IReadOnlyList<string> Warnings, string? SkipReason)
{
    public bool IsSkipped => SkipReason != null;
}

/// <summary>
/// Turns a file's bytes into text. UTF-8 with or without BOM, UTF-16 LE/BE with BOM (and without BOM when the
/// NUL pattern makes it obvious), UTF-32 with BOM. Invalid UTF-8 bytes become U+FFFD and are counted in a warning.
/// Binary files (NUL bytes, many control characters) and empty files are refused with a reason.
/// </summary>
public static class TextDecoder
{
    /// <summary>Share of control characters (other than tab, newlines, form feed) above which a file is binary.</summary>
    private const double MaxControlShare = 0.05;

    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string sourcePath)
    {
        if (bytes.Length == 0)
        {
            return Skip("empty file");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return FromDecoder(bytes[4..], new UTF32Encoding(bigEndian: false, byteOrderMark: false), "utf-32le", sourcePath);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return FromDecoder(bytes[4..], new UTF32Encoding(bigEndian: true, byteOrderMark: false), "utf-32be", sourcePath);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return FromUtf8(bytes[3..], "utf-8-bom", sourcePath);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return FromDecoder(bytes[2..], new UnicodeEncoding(bigEndian: false, byteOrderMark: false), "utf-16le", sourcePath);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return FromDecoder(bytes[2..], new UnicodeEncoding(bigEndian: true, byteOrderMark: false), "utf-16be", sourcePath);
        }

        if (LooksLikeUtf16WithoutBom(bytes, out var bigEndian))
        {
            var decoded = FromDecoder(bytes, new UnicodeEncoding(bigEndian, byteOrderMark: false), bigEndian ? "utf-16be" : "utf-16le", sourcePath);
            return decoded.IsSkipped
                ? decoded
                : decoded with { Warnings = [.. decoded.Warnings, $"{sourcePath}: no byte order mark; read as {decoded.EncodingName} from its byte pattern"] };
        }

        return FromUtf8(bytes, "utf-8", sourcePath);
    }

    private static DecodedText FromUtf8(ReadOnlySpan<byte> bytes, string name, string sourcePath)
    {
        if (bytes.IndexOf((byte)0) >= 0)
        {
            return Skip("binary file (contains NUL bytes)");
        }

        var warnings = new List<string>();
        if (!Utf8.IsValid(bytes))
        {
            var invalid = CountInvalidUtf8Sequences(bytes);
            warnings.Add($"{sourcePath}: {invalid} invalid byte {(invalid == 1 ? "sequence" : "sequences")} replaced (not UTF-8; each became U+FFFD)");
        }

        // Encoding.UTF8 never throws: invalid sequences become U+FFFD.
        var text = Encoding.UTF8.GetString(bytes);
        return Checked(text, name, warnings);
    }

    private static DecodedText FromDecoder(ReadOnlySpan<byte> bytes, Encoding encoding, string name, string sourcePath)
    {
        var warnings = new List<string>();
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        try
        {
            return Checked(strict.GetString(bytes), name, warnings);
        }
        catch (DecoderFallbackException)
        {
            var text = encoding.GetString(bytes);
            var replaced = text.Count(c => c == '\uFFFD');
            warnings.Add($"{sourcePath}: replaced invalid {name} data ({(bytes.Length % 2 == 1 ? "odd byte count, " : "")}{replaced} character(s)) with U+FFFD");
            return Checked(text, name, warnings);
        }
    }

    private static DecodedText Checked(string text, string name, List<string> warnings)
    {
        if (text.Length == 0 || string.IsNullOrWhiteSpace(text))
        {
            return Skip("empty file (no text)");
        }

        var controls = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                return Skip("binary file (contains NUL characters)");
            }

            if (char.IsControl(c) && c is not '\n' and not '\r' and not '\t' and not '\f')
            {
                controls++;
            }
        }

        if (controls > 8 && controls > text.Length * MaxControlShare)
        {
            return Skip($"binary file ({controls} control characters)");
        }

        return new DecodedText(text, name, warnings, null);
    }

    /// <summary>
    /// Counts the invalid UTF-8 sequences (one linear pass): one per U+FFFD the decoder writes, since both follow the
    /// Unicode "maximal subpart" practice (a truncated sequence is one, a byte that can never start one is one).
    /// </summary>
    internal static int CountInvalidUtf8Sequences(ReadOnlySpan<byte> bytes)
    {
        var invalid = 0;
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                invalid++;
            }

            bytes = bytes[consumed..];
        }

        return invalid;
    }

    /// <summary>Counts the bytes that are not part of a valid UTF-8 sequence (one linear pass).</summary>
    internal static int CountInvalidUtf8Bytes(ReadOnlySpan<byte> bytes)
    {
        var invalid = 0;
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                invalid += consumed;
            }

            bytes = bytes[consumed..];
        }

        return invalid;
    }

    /// <summary>Text in UTF-16 without a BOM: mostly-ASCII content shows NUL in every other byte.</summary>
    private static bool LooksLikeUtf16WithoutBom(ReadOnlySpan<byte> bytes, out bool bigEndian)
    {
        bigEndian = false;
        var sample = bytes[..Math.Min(bytes.Length, 4096)];
        if (sample.Length < 4 || sample.Length % 2 != 0)
        {
            return false;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            if (sample[i] == 0) evenZeros++;
            if (sample[i + 1] == 0) oddZeros++;
        }

        var pairs = sample.Length / 2;
        if (oddZeros >= pairs * 0.7 && evenZeros <= pairs * 0.05)
        {
            return true;
        }

        if (evenZeros >= pairs * 0.7 && oddZeros <= pairs * 0.05)
        {
            bigEndian = true;
            return true;
        }

        return false;
    }

    private static DecodedText Skip(string reason) => new(null, "", [], reason);
}
