using System.Security.Cryptography;
using System.Text;

namespace PakRussia.Search.Passages;

/// <summary>
/// Hashes a passage's normalised text so word-for-word repeats are found whatever their spacing, case or quote style:
/// "Grade  A BS." and "grade a BS." hash alike; ‘ ’ “ ” become ' and ".
/// </summary>
public static class PassageHasher
{
    /// <summary>Lower-case (invariant), whitespace runs as one space, trimmed, curly quotes as straight ones. O(n).</summary>
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c switch
            {
                '‘' or '’' or '‚' or '‛' or '′' or '`' => '\'',
                '“' or '”' or '„' or '‟' or '″' or '«' or '»' => '"',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString();
    }

    /// <summary>32 hex characters (the first 128 bits of SHA-256) of the normalised text.</summary>
    public static string Hash(string text) => HashNormalised(Normalise(text));

    internal static string HashNormalised(string normalised)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalised), digest);
        return Convert.ToHexStringLower(digest[..16]);
    }
}
