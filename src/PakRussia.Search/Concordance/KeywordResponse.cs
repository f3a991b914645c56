using System.Text.Json.Serialization;
using PakRussia.Search.Search;

namespace PakRussia.Search.Concordance;

/// <summary>
/// Keywords (keyness): the words over-represented in a target part of the corpus (the passages that match
/// <see cref="SearchRequest.Query"/> and pass the filters of <see cref="Target"/>) against the rest of the corpus.
/// </summary>
public sealed record KeywordRequest
{
    /// <summary>The target: a query, filters, or both (at least one).</summary>
    public SearchRequest Target { get; init; } = new();
    /// <summary>A word must occur at least this often in the target (1–1000).</summary>
    public int MinFrequency { get; init; } = 3;
    /// <summary>How many keywords to list, highest log-likelihood first (1–<see cref="MaxTop"/>).</summary>
    public int Top { get; init; } = 50;
    /// <summary>Keep stop words ("the", "of").</summary>
    public bool StopWords { get; init; }
    /// <summary>
    /// The reference: the passages that match its query and pass its filters (a query, filters, or both), less any that
    /// are in the target; null: every other searchable passage.
    /// </summary>
    public SearchRequest? Reference { get; init; }
    /// <summary>List the words under-represented in the target instead (negative keywords), most negative G² first;
    /// the minimum frequency then applies to the reference.</summary>
    public bool Negative { get; init; }

    public const int MaxTop = 500;
    public const int MaxMinFrequency = 1000;
}

/// <summary>
/// <c>keywords --json</c>, <c>GET /api/keywords</c>. Sizes are words (tokens of the searchable passages); each keyword
/// has its target and reference frequencies, the signed log-likelihood G² and the log ratio (see <see cref="KeynessScores"/>).
/// </summary>
public sealed record KeywordResponse
{
    /// <summary>The target's query (empty: filters only).</summary>
    public required string Query { get; init; }
    public required long TargetWords { get; init; }
    public required long ReferenceWords { get; init; }
    public required long TargetPassages { get; init; }
    public required int MinFrequency { get; init; }
    /// <summary>What the target was compared with: <see cref="RestOfTheCorpus"/>, or the reference's query and filters.</summary>
    public required string Reference { get; init; }
    public const string RestOfTheCorpus = "rest of the corpus";
    /// <summary>Passages in the reference.</summary>
    public required long ReferencePassages { get; init; }
    /// <summary>True: the words under-represented in the target (negative keywords).</summary>
    public required bool Negative { get; init; }
    public required IReadOnlyList<Keyword> Keywords { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public required double TookMs { get; init; }
    [JsonIgnore]
    public string? Generation { get; init; }
}

public sealed record Keyword
{
    /// <summary>The commonest surface word (lower case) with this stem in the corpus.</summary>
    public required string Word { get; init; }
    /// <summary>The indexed stem the counts are of (every form of the word together).</summary>
    public required string Stem { get; init; }
    public required long Frequency { get; init; }
    public required long ReferenceFrequency { get; init; }
    /// <summary>Signed G²: positive when the word is relatively more frequent in the target, negative when less.</summary>
    public required double LogLikelihood { get; init; }
    /// <summary>log2 of the ratio of the normalised frequencies (target / reference); a zero frequency counts as 0.5.</summary>
    public required double LogRatio { get; init; }
}
