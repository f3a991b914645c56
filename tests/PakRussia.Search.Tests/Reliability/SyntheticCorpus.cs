using System.Text;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Reliability;

/// <summary>
/// Generated documents for cost and durability tests: many passages sharing common words and a vocabulary of
/// words with shared prefixes (so wildcards expand widely). Deterministic for a given seed.
/// </summary>
public static class SyntheticCorpus
{
    private static readonly string[] Common = ["pakistan", "russia", "energy", "trade", "security", "talks", "moscow", "islamabad", "pipeline", "defence"];

    private static string Word(Random random)
    {
        const string letters = "abcdefghijklmnoprstuvw";
        var length = random.Next(4, 9);
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = letters[random.Next(letters.Length)];
        return new string(chars);
    }

    private static string Paragraph(Random random, int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0) text.Append(' ');
            text.Append(random.Next(3) == 0 ? Common[random.Next(Common.Length)] : Word(random));
        }

        return text.Append('.').ToString();
    }

    /// <summary><paramref name="documents"/> documents of <paramref name="paragraphs"/> passages each, built in code.</summary>
    public static IEnumerable<IngestedDocument> Documents(int documents, int paragraphs, int seed = 9)
    {
        var random = new Random(seed);
        for (var d = 0; d < documents; d++)
        {
            var texts = Enumerable.Range(0, paragraphs).Select(_ => Paragraph(random, 40)).ToArray();
            yield return TestDocuments.Make($"gen-{d:D4}", d % 2 == 0 ? "news" : "forum", $"{2000 + d % 24}", texts);
        }
    }

    /// <summary>
    /// Builds an index of 1,500 generated documents of two passages each at <paramref name="path"/>: in one segment, or
    /// (<paramref name="severalSegments"/>) flushed every 1,000 Lucene documents and not merged, as a large or updated
    /// corpus is; the same segments every time.
    /// </summary>
    public static void BuildIndex(string path, bool severalSegments) =>
        IndexBuilder.BuildFrom(Documents(documents: 1_500, paragraphs: 2), path, "synthetic",
            options: severalSegments ? new BuildOptions { Optimize = false, Threads = 1, FlushEveryDocuments = 1_000 } : null);

    /// <summary>Writes <paramref name="files"/> text files of generated paragraphs into <paramref name="folder"/>.</summary>
    public static void WriteFiles(string folder, int files, int paragraphs, int seed = 9)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        for (var f = 0; f < files; f++)
        {
            var text = string.Join("\n\n", Enumerable.Range(0, paragraphs).Select(_ => Paragraph(random, 40)));
            File.WriteAllText(Path.Combine(folder, $"generated-{f:D4}.txt"), text);
        }
    }

    /// <summary>Copies the repository's seeds (with their manifest) into <paramref name="folder"/>.</summary>
    public static void CopySeeds(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }
    }
}
