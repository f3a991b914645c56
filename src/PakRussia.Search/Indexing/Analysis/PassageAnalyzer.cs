using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace PakRussia.Search.Indexing.Analysis;

/// <summary>
/// The analysis chain of passage text, titles and sections, the same at index and query time:
/// apostrophes folded (’ ‘ ʼ ＇ → '), <see cref="StandardTokenizer"/> (UAX#29 words), <see cref="EnglishPossessiveFilter"/>
/// ("Pakistan’s" → "Pakistan"), <see cref="LowerCaseFilter"/>, <see cref="ASCIIFoldingFilter"/> ("vis-à-vis" → vis a vis)
/// and, unless <see cref="Stem"/> is off, <see cref="WordDelimiterFilter"/> splitting letters from digits inside a word
/// (<see cref="ModelNumbers"/>: "Mi-35M" → mi, 35m + 35, m; "JF17" → jf17 + jf, 17) and <see cref="PorterStemFilter"/>
/// ("relations" → "relat"). With <see cref="StopWords"/> on (query words outside phrases) Lucene's English stop words
/// are dropped before stemming. The chain the index is written with (<see cref="Writing"/>) also stacks a marked copy
/// of each word written in capitals (<see cref="CapitalsFilter"/>: "US" → us + =us), which case-sensitive aliases search.
/// </summary>
/// <remarks>
/// The apostrophe mapping is one character for one, so token offsets still point into the original text, which the
/// highlighter relies on. Every variant of the chain is a small subclass here, so the index and the query side cannot
/// drift apart.
/// </remarks>
public class PassageAnalyzer : Analyzer
{
    /// <summary>The Lucene version every component is created with.</summary>
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Lucene's classic English stop words (EnglishAnalyzer's default set).</summary>
    public static CharArraySet EnglishStopWords => StopAnalyzer.ENGLISH_STOP_WORDS_SET;

    /// <summary>The index chain as queries read it: stemmed, stop words kept (so phrases with them match).</summary>
    public static PassageAnalyzer Index { get; } = new(stem: true, stopWords: false);

    /// <summary>
    /// The chain the analyzed fields are written with: <see cref="Index"/> plus the marked copies of words in capitals.
    /// Only the writer and the highlighter (which must see the text as the index does) use it; queries never produce the
    /// marked terms by analysis, only a case-sensitive alias asks for one.
    /// </summary>
    public static PassageAnalyzer Writing { get; } = new(stem: true, stopWords: false, markCapitals: true);

    /// <summary>Query words outside phrases: stemmed, stop words dropped.</summary>
    public static PassageAnalyzer QueryWords { get; } = new(stem: true, stopWords: true);

    /// <summary>Surface words (the <c>words</c> field): the index chain without stemming, for suggestions and expansions.</summary>
    public static PassageAnalyzer Surface { get; } = new(stem: false, stopWords: false);

    /// <summary>
    /// Surface words at the positions the index gives them: <see cref="Surface"/> with letters split from digits as the
    /// index splits them, so a position from a span or a posting names the same word here (the concordance's context).
    /// </summary>
    public static PassageAnalyzer SurfacePositions { get; } = new(stem: false, stopWords: false, splitDigits: true);

    protected PassageAnalyzer(bool stem, bool stopWords, bool markCapitals = false, bool? splitDigits = null)
    {
        Stem = stem;
        StopWords = stopWords;
        MarkCapitals = markCapitals;
        SplitDigits = splitDigits ?? stem;
    }

    /// <summary>Letters split from digits inside a word (<see cref="ModelNumbers"/>): every chain whose positions are the index's.</summary>
    public bool SplitDigits { get; }

    public bool Stem { get; }

    public bool MarkCapitals { get; }

    public bool StopWords { get; }

    protected override TextReader InitReader(string fieldName, TextReader reader) => new ApostropheCharFilter(reader);

    /// <summary>Positions between the text, title and section in <see cref="IndexFields.All"/>: far more than any phrase's slop (<see cref="Querying.QueryLimits.MaxSlop"/>).</summary>
    public const int FieldGap = 1000;

    public override int GetPositionIncrementGap(string fieldName) => fieldName == IndexFields.All ? FieldGap : 0;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(Version, tokenizer);
        if (MarkCapitals)
        {
            stream = new CapitalsFilter(stream);
        }

        stream = new LowerCaseFilter(Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        if (StopWords)
        {
            stream = new StopFilter(Version, stream, EnglishStopWords);
        }

        if (SplitDigits)
        {
            if (Stem)
            {
                // A word of letters and digits is a name or a number ("1950s", "35M"): kept whole, not stemmed.
                stream = new LettersAndDigitsKeywordFilter(stream);
            }

            stream = new WordDelimiterFilter(Version, stream, ModelNumbers.CharTypes, ModelNumbers.Flags, null);
        }

        if (Stem)
        {
            stream = new PorterStemFilter(stream);
        }

        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>The terms <paramref name="text"/> analyzes to, in order (for tests, the ranker and quote lookup).</summary>
    public IReadOnlyList<string> Terms(string text, string field = IndexFields.Text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }
}
