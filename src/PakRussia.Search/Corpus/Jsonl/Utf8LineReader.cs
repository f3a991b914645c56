namespace PakRussia.Search.Corpus;

/// <summary>
/// Splits a byte stream into lines without decoding it, reusing one growing buffer, so a file of any
/// length is read with memory proportional to its longest line. Handles "\n" and "\r\n" endings.
/// </summary>
internal sealed class Utf8LineReader(Stream stream) : IDisposable
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;      // first byte of the unread data
    private int _end;        // one past the last byte read from the stream
    private int _lineStart;
    private int _lineLength;
    private bool _eof;

    /// <summary>The line found by the last successful <see cref="MoveNext"/>, without its line ending.</summary>
    public ReadOnlySpan<byte> Current => _buffer.AsSpan(_lineStart, _lineLength);

    public bool MoveNext()
    {
        var searchFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = searchFrom + newline;
                SetLine(_start, lineEnd);
                _start = lineEnd + 1;
                return true;
            }

            if (_eof)
            {
                if (_start == _end)
                {
                    return false;
                }

                SetLine(_start, _end);
                _start = _end;
                return true;
            }

            searchFrom = _end;
            Fill(ref searchFrom);
        }
    }

    private void SetLine(int from, int to)
    {
        if (to > from && _buffer[to - 1] == (byte)'\r')
        {
            to--;
        }

        _lineStart = from;
        _lineLength = to - from;
    }

    /// <summary>Reads more bytes, first moving the unread part to the front or growing the buffer when full.</summary>
    private void Fill(ref int searchFrom)
    {
        if (_start > 0)
        {
            var unread = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
            searchFrom -= _start;
            _start = 0;
            _end = unread;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    public void Dispose() => stream.Dispose();
}
