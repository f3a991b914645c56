namespace PakRussia.Search.Evaluation;

/// <summary>How a BM25 document length reaches the score (the norm Lucene keeps per document and field).</summary>
public enum DocumentLengths
{
    /// <summary>
    /// Lucene 4.8's own norm (what our Lucene.Net does): 1/√length in one byte (<c>SmallFloat.floatToByte315</c>,
    /// 3 mantissa bits), so a length is known to within about a quarter of itself beyond a handful of tokens.
    /// </summary>
    Lucene48,

    /// <summary>
    /// Lucene 9's norm (what Anserini's published figures used): the length itself in one byte
    /// (<c>SmallFloat.intToByte4</c>): exact below 24 tokens, then 4 significant bits, rounded down.
    /// </summary>
    Lucene9,

    /// <summary>The exact token count, kept as a long norm.</summary>
    Exact,
}

/// <summary>RM3 pseudo-relevance feedback as Anserini's <c>-rm3</c> defines it (its defaults are these).</summary>
public sealed record Rm3Options
{
    /// <summary>Expansion terms kept, per feedback document and in the relevance model (Anserini's fbTerms, 10).</summary>
    public int FeedbackTerms { get; init; } = 10;

    /// <summary>Top documents of the first ranking read for terms (Anserini's fbDocs, 10).</summary>
    public int FeedbackDocuments { get; init; } = 10;

    /// <summary>The original query's share of the expanded query (Anserini's originalQueryWeight, 0.5).</summary>
    public double OriginalQueryWeight { get; init; } = 0.5;
}

/// <summary>
/// Anserini's <c>-sdm</c> query (its SdmQueryGenerator, after Metzler and Croft's sequential dependence model): the
/// bag of words, plus for each pair of neighbouring query words an ordered window (at most one position between them)
/// and an unordered window of 8, the three parts weighted as here (Anserini's defaults).
/// </summary>
public sealed record SdmOptions
{
    /// <summary>Weight of the bag of words (0.85).</summary>
    public double TermWeight { get; init; } = 0.85;

    /// <summary>Weight of the ordered pairs (0.1).</summary>
    public double OrderedWeight { get; init; } = 0.1;

    /// <summary>Weight of the unordered pairs (0.05).</summary>
    public double UnorderedWeight { get; init; } = 0.05;
}

/// <summary>Settings of <see cref="AnseriniBaseline"/>; the defaults are Anserini's BEIR "flat" BM25 regression.</summary>
public sealed record AnseriniOptions
{
    /// <summary>BM25 term-frequency saturation (Anserini's -bm25 default 0.9).</summary>
    public double K1 { get; init; } = 0.9;

    /// <summary>BM25 length normalisation (Anserini's -bm25 default 0.4).</summary>
    public double B { get; init; } = 0.4;

    /// <summary>How document lengths are kept; <see cref="DocumentLengths.Lucene48"/> is Lucene's own BM25Similarity.</summary>
    public DocumentLengths Lengths { get; init; } = DocumentLengths.Lucene48;

    /// <summary>The sequential dependence query instead of the bag of words, or null (the flat regression's bag of words).</summary>
    public SdmOptions? Sdm { get; init; }

    /// <summary>RM3 feedback after the first ranking, or null for none (the flat regression has none).</summary>
    public Rm3Options? Rm3 { get; init; }
}
