using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace PakRussia.Search.Indexing.Analysis;

/// <summary>
/// At index time, a word written in capitals (2 to <see cref="MaxLength"/> letters: "US", "USSR", "NATO") is followed,
/// at the same position, by a marked copy of itself (<see cref="Mark"/> + the word: "=US", lower-cased further down the
/// chain to "=us", never stemmed). The word itself is indexed as before, so nothing else changes; the copy lets a
/// case-sensitive alias tell the country "US" from the pronoun "us" (<c>Querying/Aliases</c>). Stacked tokens are not
/// counted in a field's length (BM25's discountOverlaps), so scores do not move.
/// </summary>
public sealed class CapitalsFilter : TokenFilter
{
    /// <summary>The mark before a word written in capitals; StandardTokenizer never puts it in a word.</summary>
    public const char Mark = '=';

    /// <summary>Longer words in capitals are headings or shouting, not acronyms.</summary>
    public const int MaxLength = 6;

    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _increment;
    private readonly IKeywordAttribute _keyword;
    private State? _pending;

    public CapitalsFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
    }

    /// <summary>Whether <paramref name="word"/> is written in capitals the way the index marks it.</summary>
    public static bool IsCapitals(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || word.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in word)
        {
            if (!char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The index term of a word's marked copy ("US" → "=us").</summary>
    public static string MarkedTerm(string word) => Mark + word.ToLowerInvariant();

    public override bool IncrementToken()
    {
        if (_pending is not null)
        {
            RestoreState(_pending);
            _pending = null;
            var word = _term.ToString();
            _term.SetEmpty().Append(Mark).Append(word);
            _increment.PositionIncrement = 0;
            _keyword.IsKeyword = true;
            return true;
        }

        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (IsCapitals(_term.Buffer.AsSpan(0, _term.Length)))
        {
            _pending = CaptureState();
        }

        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _pending = null;
    }
}
