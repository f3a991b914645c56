using Lucene.Net.Analysis.TokenAttributes;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;

namespace PakRussia.Search.Concordance;

/// <summary>
/// A passage's words by position, as the index counts positions: the text analyzed again with the surface chain at the
/// index's positions (no stemming, letters split from digits: <see cref="PassageAnalyzer.SurfacePositions"/>), each
/// word (the first token at its position) with its character offsets and its
/// surface word (lower case, accents folded, possessive 's dropped: "Pakistan's" → "pakistan"). Lucene's spans give
/// positions; these tokens turn them into the offsets the postings hold and into the context of the lines shown (the
/// sorts, near and collocates read the words alone from doc values: <see cref="PassageWords"/>).
/// </summary>
internal sealed class KwicTokens
{
    private readonly List<(int Position, int Start, int End, string Word)> _tokens = [];
    private readonly Dictionary<int, int> _byPosition = [];

    /// <param name="text">The passage text as stored.</param>
    /// <param name="through">The last position needed: analysis stops past it (a line needs only its width of words
    /// after the match, and the tokenizer is most of the cost).</param>
    public KwicTokens(string text, int through = int.MaxValue)
    {
        Text = text;
        Through = through;
        using var stream = PassageAnalyzer.SurfacePositions.GetTokenStream(IndexFields.Text, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            if (position > through)
            {
                break;
            }

            if (increment.PositionIncrement == 0)
            {
                continue; // a part stacked on its word ("35" under "35m"): the word itself stands for the position
            }

            var start = Math.Clamp(offset.StartOffset, 0, text.Length);
            var end = Math.Clamp(offset.EndOffset, start, text.Length);
            _byPosition[position] = _tokens.Count;
            _tokens.Add((position, start, end, term.ToString()));
        }

        stream.End();
    }

    public string Text { get; }

    /// <summary>The last position analyzed (<see cref="int.MaxValue"/>: the whole text).</summary>
    public int Through { get; }

    /// <summary>The surface word at <paramref name="position"/>, or null (before the first word, past the last, or a gap).</summary>
    public string? WordAt(int position) => _byPosition.TryGetValue(position, out var i) ? _tokens[i].Word : null;

    /// <summary>The character offsets of the words at positions [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public (int Start, int End)? Offsets(int start, int end)
    {
        var first = FirstAtOrAfter(start);
        var last = LastBefore(end);
        if (first is not { } f || last is not { } l || l < f)
        {
            return null;
        }

        return (_tokens[f].Start, _tokens[l].End);
    }

    /// <summary>
    /// The text of up to <paramref name="width"/> words before position <paramref name="start"/> and after
    /// <paramref name="end"/> (exclusive), from the word's edge to the match's edge, white space folded.
    /// </summary>
    public (string Left, string Right) Context(int start, int end, int matchStart, int matchEnd, int width)
    {
        var left = "";
        if (LastBefore(start) is { } beforeMatch)
        {
            var from = Math.Max(0, beforeMatch - width + 1);
            left = Fold(Text[_tokens[from].Start..matchStart]);
        }
        else if (_tokens.Count == 0)
        {
            left = "";
        }

        var right = "";
        if (FirstAtOrAfter(end) is { } afterMatch)
        {
            var to = Math.Min(_tokens.Count - 1, afterMatch + width - 1);
            right = Fold(Text[matchEnd.._tokens[to].End]);
        }

        return (left, right);
    }

    private int? FirstAtOrAfter(int position)
    {
        // Tokens are in position order: a binary search over them.
        int lo = 0, hi = _tokens.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_tokens[mid].Position < position) lo = mid + 1;
            else hi = mid;
        }

        return lo < _tokens.Count ? lo : null;
    }

    private int? LastBefore(int position)
    {
        var first = FirstAtOrAfter(position);
        var index = (first ?? _tokens.Count) - 1;
        return index >= 0 ? index : null;
    }

    /// <summary>Runs of white space (newlines included) as one space, ends trimmed: "a\n\n b " → "a b".</summary>
    internal static string Fold(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
