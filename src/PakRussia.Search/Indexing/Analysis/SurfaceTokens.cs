using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace PakRussia.Search.Indexing.Analysis;

/// <summary>
/// A passage's text analyzed once with <see cref="PassageAnalyzer.Surface"/>, a word where letters meet digits split as
/// the index splits it (so the positions are <see cref="PassageAnalyzer.SurfacePositions"/>', the text field's), and
/// the three index fields written from that one pass:
/// <list type="bullet">
/// <item><see cref="Words"/>: the words as the tokenizer found them (what <see cref="PassageAnalyzer.Surface"/> gives:
/// the parts a letter-and-digit word is split into are left out), for <see cref="IndexFields.Words"/>;</item>
/// <item><see cref="PositionFields"/>: the word at each position the text field has (the first token at a position; a
/// part stacked under its word is left out), as doc values: the passage's distinct words
/// (<see cref="IndexFields.Surface"/>, sorted set) and, per position, which of them stands there
/// (<see cref="IndexFields.SurfaceSequence"/>, binary: <see cref="SurfaceSequence"/>);</item>
/// <item><see cref="WordCount"/>: how many words the tokenizer found, for <see cref="IndexFields.TextWords"/>, the
/// length the corpus statistics divide by ("Mi-35M" is two words, "mi" and "35m", however the index splits them).</item>
/// </list>
/// </summary>
public sealed class SurfaceTokens
{
    private readonly List<Token> _tokens = [];

    private SurfaceTokens()
    {
    }

    /// <summary>The words the tokenizer found in the text.</summary>
    public int WordCount { get; private set; }

    public static SurfaceTokens Analyze(string text)
    {
        var result = new SurfaceTokens();
        using var stream = PassageAnalyzer.Surface.GetTokenStream(IndexFields.Words, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = term.ToString();
            result.WordCount++;
            result._tokens.Add(new Token(word, increment.PositionIncrement, offset.StartOffset, offset.EndOffset, IsWord: true));
            if (ModelNumbers.HasLettersAndDigits(word))
            {
                result.AddParts(word, offset.StartOffset, offset.EndOffset);
            }
        }

        stream.End();
        return result;
    }

    /// <summary>
    /// The parts the index chain's <see cref="WordDelimiterFilter"/> makes of a word where letters meet digits, with its
    /// increments ("35m" → 35 stacked on the word, m at the next position), so positions stay the text field's. Only such
    /// words go through the filter (it is the dearest step of the chain, and most words have nothing to split).
    /// </summary>
    private void AddParts(string word, int start, int end)
    {
        using var parts = new WordDelimiterFilter(PassageAnalyzer.Version, new KeywordTokenizer(new StringReader(word)),
            ModelNumbers.CharTypes, ModelNumbers.Flags, null);
        var term = parts.AddAttribute<ICharTermAttribute>();
        var increment = parts.AddAttribute<IPositionIncrementAttribute>();
        parts.Reset();
        var first = true;
        while (parts.IncrementToken())
        {
            if (first)
            {
                first = false; // the word itself (kept whole): already added
                continue;
            }

            _tokens.Add(new Token(term.ToString(), increment.PositionIncrement, start, end, IsWord: false));
        }

        parts.End();
    }

    /// <summary>
    /// The tokenizer's distinct words, each once in the order it first appears: the field records only which passages
    /// have a word (no frequencies, positions or norms), so a repeat would only cost the writer a hash lookup.
    /// </summary>
    public TokenStream Words()
    {
        var seen = new HashSet<string>(_tokens.Count, StringComparer.Ordinal);
        return RecordedTokens.Of(_tokens.Where(t => t.IsWord && seen.Add(t.Term)).Select(t => (t.Term, t.Increment, t.Start, t.End))).Replay();
    }

    /// <summary>The first token at each position (at the text field's positions) as the two doc-values fields.</summary>
    public IEnumerable<Field> PositionFields()
    {
        var words = new List<string>(_tokens.Count);
        var increments = new List<int>(_tokens.Count);
        foreach (var token in _tokens)
        {
            // A part stacked on its word ("35" under "35m") adds no position: the word stands for it.
            if (token.Increment > 0 || words.Count == 0)
            {
                words.Add(token.Term);
                increments.Add(token.Increment);
            }
        }

        if (words.Count == 0)
        {
            yield break;
        }

        // Doc values hand a passage's set back in term order (UTF-8 bytes): the sequence names words by that order.
        var distinct = words.Distinct(StringComparer.Ordinal).Select(w => new BytesRef(w)).ToList();
        distinct.Sort((a, b) => a.CompareTo(b));
        var index = new Dictionary<string, int>(distinct.Count, StringComparer.Ordinal);
        foreach (var word in distinct)
        {
            index[word.Utf8ToString()] = index.Count;
            yield return new SortedSetDocValuesField(IndexFields.Surface, word);
        }

        yield return new BinaryDocValuesField(IndexFields.SurfaceSequence, SurfaceSequence.Encode(words, increments, index));
    }

    private readonly record struct Token(string Term, int Increment, int Start, int End, bool IsWord);
}
