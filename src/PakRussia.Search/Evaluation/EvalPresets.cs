namespace PakRussia.Search.Evaluation;

/// <summary>
/// Named, fixed configurations of <c>pakrussia eval</c> that reproduce a published reference run, so a figure in the
/// README can be checked again by name.
/// </summary>
public static class EvalPresets
{
    /// <summary>Anserini's BEIR "flat" BM25 regression (<see cref="AnseriniBaseline"/> with <see cref="AnseriniOptions"/>' defaults).</summary>
    public const string AnseriniBm25 = "anserini-bm25";

    /// <summary>The same with Anserini's RM3 feedback at its defaults (fbTerms 10, fbDocs 10, originalQueryWeight 0.5).</summary>
    public const string AnseriniBm25Rm3 = "anserini-bm25-rm3";

    /// <summary>Anserini's <c>-sdm</c> sequential dependence query (term pairs in windows) over the same index and BM25.</summary>
    public const string AnseriniBm25Sdm = "anserini-bm25-sdm";

    /// <summary>Every preset name, as the command line takes them.</summary>
    public static IReadOnlyList<string> Names { get; } = [AnseriniBm25, AnseriniBm25Rm3, AnseriniBm25Sdm];

    /// <summary>The settings of the preset called <paramref name="name"/> (exact, lower case), or null for no such preset.</summary>
    public static AnseriniOptions? Find(string? name) => name switch
    {
        AnseriniBm25 => new AnseriniOptions(),
        AnseriniBm25Rm3 => new AnseriniOptions { Rm3 = new Rm3Options() },
        AnseriniBm25Sdm => new AnseriniOptions { Sdm = new SdmOptions() },
        _ => null,
    };
}
