using Lucene.Net.Analysis;

namespace PakRussia.Search.Indexing.Analysis;

/// <summary>
/// Folds the typographic apostrophes (’ ‘ ʼ ＇ and the prime ′) to the straight one (<c>'</c>) as the text is read, one
/// character for one, so offsets need no correction and still point into the original text.
/// </summary>
/// <remarks>
/// Lucene's <c>MappingCharFilter</c> did this before; for a one-for-one map it gives the same characters, but in Lucene.Net
/// it wraps every reader in an 8,192-character buffer (16 KB per token stream) and takes a lock per read: the highlighter
/// opens two streams per field of each hit shown, so that was about 640 KB of garbage per search page.
/// </remarks>
public sealed class ApostropheCharFilter(TextReader input) : CharFilter(input)
{
    public static char Fold(char c) => c is '\u2019' or '\u2018' or '\u02BC' or '\uFF07' or '\u2032' ? '\'' : c;

    public override int Read(char[] buffer, int index, int count)
    {
        var read = m_input.Read(buffer, index, count);
        for (var i = index; i < index + read; i++)
        {
            buffer[i] = Fold(buffer[i]);
        }

        return read;
    }

    public override int Read(Span<char> buffer)
    {
        var read = m_input.Read(buffer);
        for (var i = 0; i < read; i++)
        {
            buffer[i] = Fold(buffer[i]);
        }

        return read;
    }

    public override int Read()
    {
        var c = m_input.Read();
        return c < 0 ? c : Fold((char)c);
    }

    public override int Peek()
    {
        var c = m_input.Peek();
        return c < 0 ? c : Fold((char)c);
    }

    protected override int Correct(int currentOff) => currentOff;
}
