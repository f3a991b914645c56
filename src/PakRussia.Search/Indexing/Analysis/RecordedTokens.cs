using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace PakRussia.Search.Indexing.Analysis;

/// <summary>
/// A text analyzed once and handed to the index writer as often as it is needed: the passage text goes into the
/// <see cref="IndexFields.Text"/> field (with offsets) and into <see cref="IndexFields.All"/> (positions), both with
/// <see cref="PassageAnalyzer.Writing"/>, so the chain runs once for both. What the writer reads of a token is kept:
/// its characters, its position increment and its offsets, and the stream's final offset and increment from
/// <c>End()</c>; the replay gives exactly those back (<c>SharedAnalysisTests</c> compares it with the analyzer's own stream).
/// </summary>
public sealed class RecordedTokens
{
    private char[] _chars = new char[256];
    private int _charCount;
    private Token[] _tokens = new Token[64];
    private int _count;
    private int _finalOffset;
    private int _finalIncrement;

    private RecordedTokens()
    {
    }

    /// <summary>How many tokens the analysis gave.</summary>
    public int Count => _count;

    /// <summary>Runs <paramref name="analyzer"/> over <paramref name="text"/> as field <paramref name="field"/> and keeps its tokens.</summary>
    public static RecordedTokens Record(Analyzer analyzer, string field, string text)
    {
        var result = new RecordedTokens();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            result.Add(term.Buffer.AsSpan(0, term.Length), increment.PositionIncrement, offset.StartOffset, offset.EndOffset);
        }

        stream.End();
        result._finalOffset = offset.EndOffset;
        result._finalIncrement = increment.PositionIncrement;
        return result;
    }

    /// <summary>Tokens given one by one (term, position increment, offsets); the end is at the last offset, with no increment.</summary>
    internal static RecordedTokens Of(IEnumerable<(string Term, int Increment, int Start, int End)> tokens)
    {
        var result = new RecordedTokens();
        foreach (var (term, increment, start, end) in tokens)
        {
            result.Add(term, increment, start, end);
            result._finalOffset = Math.Max(result._finalOffset, end);
        }

        return result;
    }

    private void Add(ReadOnlySpan<char> term, int increment, int start, int end)
    {
        var length = term.Length;
        if (_charCount + length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + length));
        }

        term.CopyTo(_chars.AsSpan(_charCount));
        if (_count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _tokens[_count++] = new Token(_charCount, length, increment, start, end);
        _charCount += length;
    }

    /// <summary>A new token stream over the recorded tokens (each field value needs its own).</summary>
    public TokenStream Replay() => new ReplayStream(this);

    private readonly record struct Token(int CharStart, int Length, int Increment, int Start, int End);

    private sealed class ReplayStream : TokenStream
    {
        private readonly RecordedTokens _recorded;
        private readonly ICharTermAttribute _term;
        private readonly IOffsetAttribute _offset;
        private readonly IPositionIncrementAttribute _increment;
        private int _next;

        public ReplayStream(RecordedTokens recorded)
        {
            _recorded = recorded;
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            if (_next >= _recorded._count)
            {
                return false;
            }

            ClearAttributes();
            var token = _recorded._tokens[_next++];
            _term.CopyBuffer(_recorded._chars, token.CharStart, token.Length);
            _offset.SetOffset(token.Start, token.End);
            _increment.PositionIncrement = token.Increment;
            return true;
        }

        public override void End()
        {
            base.End();
            _offset.SetOffset(_recorded._finalOffset, _recorded._finalOffset);
            _increment.PositionIncrement = _recorded._finalIncrement;
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }
    }
}
