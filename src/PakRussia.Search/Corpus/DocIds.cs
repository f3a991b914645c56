namespace PakRussia.Search.Corpus;

/// <summary>Rules for document ids: lower-case <c>[a-z0-9][a-z0-9_-]*</c>, at most 64 characters.</summary>
public static class DocIds
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && (char.IsAsciiLetterLower(id[0]) || char.IsAsciiDigit(id[0]))
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    /// <summary>An id made from a file name: "Notes on CPEC (2019).txt" → "notes-on-cpec-2019".</summary>
    public static string FromFileName(string relativePath)
    {
        var name = Path.GetFileNameWithoutExtension(relativePath.Replace('\\', '/').Split('/')[^1]);
        var builder = new System.Text.StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var id = builder.ToString().Trim('-', '_');
        if (id.Length > MaxLength)
        {
            id = id[..MaxLength].TrimEnd('-', '_');
        }

        return id.Length == 0 ? "doc" : id;
    }

    /// <summary>Makes <paramref name="id"/> unique among <paramref name="used"/> by adding "-2", "-3", … (and records it).</summary>
    public static string MakeUnique(string id, ISet<string> used)
    {
        var candidate = id;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = "-" + n;
            candidate = (id.Length + suffix.Length > MaxLength ? id[..(MaxLength - suffix.Length)] : id) + suffix;
        }

        return candidate;
    }
}
