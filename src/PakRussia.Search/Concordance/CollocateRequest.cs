using PakRussia.Search.Search;

namespace PakRussia.Search.Concordance;

/// <summary>How collocates are ordered.</summary>
public enum CollocateSort { LogDice, Frequency, LogLikelihood }

/// <summary>
/// Collocates of a query: the words within <see cref="Window"/> words of its matches in the passages that
/// <see cref="Search"/>'s query and filters select (the filtered subcorpus).
/// </summary>
public sealed record CollocateRequest
{
    public SearchRequest Search { get; init; } = new();
    /// <summary>Words each side of a match (1–<see cref="KwicLimits.MaxWindow"/>).</summary>
    public int Window { get; init; } = 5;
    public CollocateSort Sort { get; init; } = CollocateSort.LogDice;
    /// <summary>Collocates seen in fewer windows than this are left out.</summary>
    public int MinFrequency { get; init; } = 2;
    /// <summary>Keep Lucene's English stop words (the, of, …), which are left out by default.</summary>
    public bool IncludeStopWords { get; init; }
    /// <summary>How many collocates to list (1–<see cref="KwicLimits.MaxCollocates"/>).</summary>
    public int Top { get; init; } = 50;
}

/// <summary>The collocates of a query (<c>pakrussia collocates --json</c>, <c>GET /api/collocates</c>).</summary>
public sealed record CollocateResponse
{
    public required string Query { get; init; }
    public required int Window { get; init; }
    /// <summary>Occurrences of the query (the concordance's lines): f(x) in the scores.</summary>
    public required long Occurrences { get; init; }
    /// <summary>Words in the subcorpus (every searchable passage that passes the filters): N in the scores.</summary>
    public required long SubcorpusWords { get; init; }
    /// <summary>True when <see cref="SubcorpusWords"/> is estimated (a filtered subcorpus of more than 20,000 passages).</summary>
    public bool SubcorpusWordsEstimated { get; init; }
    /// <summary>"logdice", "frequency" or "ll".</summary>
    public required string Sort { get; init; }
    public required int MinFrequency { get; init; }
    public required bool IncludeStopWords { get; init; }
    /// <summary>Collocates that pass the minimum frequency, before <c>top</c> cuts the list.</summary>
    public required int Candidates { get; init; }
    public required IReadOnlyList<Collocate> Collocates { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public required double TookMs { get; init; }
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Generation { get; init; }
}

/// <summary>One collocate and its association with the query.</summary>
public sealed record Collocate
{
    /// <summary>The surface word, lower case (not a stem).</summary>
    public required string Word { get; init; }
    /// <summary>Occurrences of the query with this word within the window (each counted once): f(x,y).</summary>
    public required long Frequency { get; init; }
    /// <summary>Occurrences of the word's indexed form (its stem) in the subcorpus: f(y).</summary>
    public required long SubcorpusFrequency { get; init; }
    /// <summary>14 + log2(2·f(x,y) / (f(x) + f(y))) (Rychlý 2008); 14 at most.</summary>
    public required double LogDice { get; init; }
    /// <summary>G² over the 2×2 table (Dunning 1993); negative when the pair occurs less often than chance predicts.</summary>
    public required double LogLikelihood { get; init; }
}
