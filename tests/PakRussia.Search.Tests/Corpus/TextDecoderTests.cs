using System.Text;
using PakRussia.Search.Corpus;

namespace PakRussia.Search.Tests.Corpus;

public sealed class TextDecoderTests
{
    public static TheoryData<string, byte[], string> Encoded => new()
    {
        { "utf-8", Encoding.UTF8.GetBytes("Pak–Russia ✔"), "Pak–Russia ✔" },
        { "utf-8-bom", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Pak–Russia")], "Pak–Russia" },
        { "utf-16le", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Pak–Russia 🔹")], "Pak–Russia 🔹" },
        { "utf-16be", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("Pak–Russia 🔹")], "Pak–Russia 🔹" },
        { "utf-16le", Encoding.Unicode.GetBytes("Pakistan and Russia, no byte order mark"), "Pakistan and Russia, no byte order mark" },
    };

    [Theory]
    [MemberData(nameof(Encoded))]
    public void Decode_KnownEncodings_GiveTheText(string encoding, byte[] bytes, string expected)
    {
        var decoded = TextDecoder.Decode(bytes, "f.txt");
        Assert.False(decoded.IsSkipped, decoded.SkipReason);
        Assert.Equal(expected, decoded.Text);
        Assert.Equal(encoding, decoded.EncodingName);
    }

    [Theory]
    [InlineData(new byte[] { }, "empty")]
    [InlineData(new byte[] { 0x20, 0x0A, 0x20 }, "empty")]
    [InlineData(new byte[] { 0x41, 0x00, 0x42, 0x43, 0x44, 0x00, 0x00, 0x01 }, "binary")]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20, 0x41 }, "binary")]
    public void Decode_EmptyOrBinary_IsRefusedWithAReason(byte[] bytes, string reason)
    {
        var decoded = TextDecoder.Decode(bytes, "f.txt");
        Assert.True(decoded.IsSkipped);
        Assert.Contains(reason, decoded.SkipReason);
    }

    [Theory]
    [InlineData(new byte[] { 0x41, 0xFF, 0x42 }, 1)]
    [InlineData(new byte[] { 0x41, 0xC3, 0x42, 0xE2, 0x82 }, 3)]
    public void CountInvalidUtf8Bytes_CountsEachBadByte(byte[] bytes, int expected) =>
        Assert.Equal(expected, TextDecoder.CountInvalidUtf8Bytes(bytes));
}
