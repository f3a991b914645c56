using System.Text.Json;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Relevance;

/// <summary>
/// Hand-made relevance judgments for the five seed documents (seed-judgments.json), judged by reading the documents.
/// Passage ids are not fixed, so each relevant passage is named by its seed file prefix ("003") and a short
/// fragment copied verbatim from one line of that file; the passage containing the fragment is the relevant one.
/// </summary>
public sealed record SeedJudgments(IReadOnlyList<SeedQuery> Queries)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Where the judgments live in the repository.</summary>
    public static string DefaultPath => Path.Combine(RepoPaths.Root, "tests", "PakRussia.Search.Tests", "Relevance", "seed-judgments.json");

    /// <summary>Reads and checks the judgments (unique query ids, a query text, at least one judgment, grades 1 or 2).</summary>
    /// <exception cref="InvalidDataException">The file breaks one of those rules.</exception>
    public static SeedJudgments Load(string path)
    {
        using var stream = File.OpenRead(path);
        var judgments = JsonSerializer.Deserialize<SeedJudgments>(stream, Options)
            ?? throw new InvalidDataException($"{path}: empty");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in judgments.Queries ?? throw new InvalidDataException($"{path}: no \"queries\""))
        {
            if (string.IsNullOrWhiteSpace(query.Id) || !ids.Add(query.Id))
            {
                throw new InvalidDataException($"{path}: query id '{query.Id}' is empty or repeated");
            }

            if (string.IsNullOrWhiteSpace(query.Query) || query.Relevant is not { Count: > 0 })
            {
                throw new InvalidDataException($"{path}: query '{query.Id}' needs a query text and at least one relevant passage");
            }

            foreach (var relevant in query.Relevant)
            {
                if (string.IsNullOrWhiteSpace(relevant.File) || string.IsNullOrWhiteSpace(relevant.Contains) || relevant.Grade is < 1 or > 2)
                {
                    throw new InvalidDataException($"{path}: query '{query.Id}' has a judgment without file or contains, or a grade other than 1 or 2");
                }
            }
        }

        return judgments;
    }

    /// <summary>The seed file whose name starts with <paramref name="prefix"/> followed by '_' (e.g. "003" → 003_43d2….txt).</summary>
    public static string SeedFile(string seedsFolder, string prefix)
    {
        var matches = Directory.GetFiles(seedsFolder, prefix + "_*.txt");
        return matches.Length == 1
            ? matches[0]
            : throw new InvalidDataException($"expected one seed file starting '{prefix}_' in {seedsFolder}, found {matches.Length}");
    }
}

/// <summary>One query and the passages that answer it.</summary>
/// <param name="Id">Short id, e.g. "q01".</param>
/// <param name="Query">What a researcher would type.</param>
/// <param name="Note">Why these passages are relevant.</param>
/// <param name="Relevant">The relevant passages.</param>
public sealed record SeedQuery(string Id, string Query, string? Note, IReadOnlyList<SeedRelevant> Relevant);

/// <summary>A relevant passage: the seed file prefix, a verbatim fragment of it, and how well it answers (2 directly, 1 relevant).</summary>
public sealed record SeedRelevant(string File, string Contains, int Grade);
