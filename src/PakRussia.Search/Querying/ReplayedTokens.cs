using Lucene.Net.QueryParsers.Classic;

namespace PakRussia.Search.Querying;

/// <summary>
/// Lucene's token manager for a query already lexed (<see cref="QueryText.Tokens"/>): the parser reads copies of those
/// tokens instead of lexing the same text a second time. Lucene's lexer learns that the text has ended from an
/// exception (its <c>FastCharStream</c> throws at the end of input, twice per pass), so a second pass cost two more
/// thrown exceptions per query as well as the lexing. Used only when the tokens are a whole lex of exactly the text
/// parsed (they end with EOF; <see cref="For"/>); the parser links and may keep the copies as it likes.
/// </summary>
internal sealed class ReplayedTokens : QueryParserTokenManager
{
    private readonly IReadOnlyList<Token> _tokens;
    private int _next;

    private ReplayedTokens(string source, IReadOnlyList<Token> tokens) : base(new FastCharStream(new StringReader("")))
    {
        Source = source;
        _tokens = tokens;
    }

    /// <summary>The text the tokens were lexed from.</summary>
    public string Source { get; }

    /// <summary>A replay of <paramref name="tokens"/> lexed from <paramref name="source"/>, or null when they stop short of its end.</summary>
    public static ReplayedTokens? For(string source, IReadOnlyList<Token> tokens) =>
        tokens.Count > 0 && tokens[^1].Kind == RegexpToken.EOF ? new ReplayedTokens(source, tokens) : null;

    /// <summary>The parser starts again (<c>Parse</c> hands it the text as a stream): from the first token.</summary>
    public override void ReInit(ICharStream stream) => _next = 0;

    public override void ReInit(ICharStream stream, int lexState) => _next = 0;

    public override Token GetNextToken()
    {
        var token = _tokens[Math.Min(_next, _tokens.Count - 1)];
        _next++;
        return new Token(token.Kind, token.Image)
        {
            BeginLine = token.BeginLine,
            BeginColumn = token.BeginColumn,
            EndLine = token.EndLine,
            EndColumn = token.EndColumn,
        };
    }
}
