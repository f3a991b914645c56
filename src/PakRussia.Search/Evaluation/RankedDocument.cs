namespace PakRussia.Search.Evaluation;

/// <summary>One document of a ranking, with the score the engine gave it (higher is better).</summary>
public sealed record RankedDocument(string DocId, double Score);
