using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;

namespace PakRussia.Search.Indexing.Analysis;

/// <summary>
/// Marks a word where a letter meets a digit ("1950s", "35M") as a keyword, so Porter leaves it whole (it would make
/// "1950s" 1950). Lucene's <see cref="KeywordMarkerFilter"/> with a scan of the term's characters instead of a regular
/// expression run on every token (<c>PatternKeywordMarkerFilter</c>), which the index build pays 72 million times at
/// 638k passages.
/// </summary>
public sealed class LettersAndDigitsKeywordFilter(TokenStream input) : KeywordMarkerFilter(input)
{
    private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

    protected override bool IsKeyword() => ModelNumbers.HasLettersAndDigits(_term.Buffer.AsSpan(0, _term.Length));
}
