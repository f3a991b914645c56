using Lucene.Net.Index;
using Lucene.Net.Util;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;

namespace PakRussia.Search.Concordance;

/// <summary>
/// Passages' surface words by position, read from doc values (<see cref="IndexFields.Surface"/> and
/// <see cref="IndexFields.SurfaceSequence"/>, written from <see cref="SurfaceTokens"/>): the same word at each position
/// as <see cref="KwicTokens"/> finds by analyzing the stored text again, without reading or analyzing the text. The
/// concordance's word sorts and near filter and the collocates need only the words; the lines shown still come from the
/// text (<see cref="KwicTokens"/>), for offsets. One instance per request: doc values are not shared between threads.
/// </summary>
internal sealed class SurfaceWordsReader(IndexReader reader)
{
    private readonly IList<AtomicReaderContext> _leaves = reader.Leaves;
    private readonly Dictionary<int, (SortedSetDocValues? Set, BinaryDocValues? Sequence)> _values = [];
    private readonly Dictionary<long, string> _strings = [];
    private readonly BytesRef _bytes = new();
    private int[] _places = new int[256];
    private long[] _ords = new long[64];

    /// <summary>The words of passage <paramref name="doc"/> (a top-level doc id); none for a passage without text.</summary>
    public PassageWords Read(int doc)
    {
        var leaf = ReaderUtil.SubIndex(doc, _leaves);
        if (!_values.TryGetValue(leaf, out var values))
        {
            var atomic = _leaves[leaf].AtomicReader;
            _values[leaf] = values = (atomic.GetSortedSetDocValues(IndexFields.Surface), atomic.GetBinaryDocValues(IndexFields.SurfaceSequence));
        }

        if (values.Set is not { } set || values.Sequence is not { } sequence)
        {
            return PassageWords.None;
        }

        var local = doc - _leaves[leaf].DocBase;
        set.SetDocument(local);
        var distinct = 0;
        for (var ord = set.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = set.NextOrd())
        {
            if (distinct == _ords.Length)
                Array.Resize(ref _ords, _ords.Length * 2);
            _ords[distinct++] = ord;
        }

        sequence.Get(local, _bytes);
        var count = SurfaceSequence.Decode(_bytes, ref _places);
        var keys = new long[count];
        var high = (long)leaf << 40;
        for (var p = 0; p < count; p++)
        {
            var place = _places[p];
            keys[p] = place >= 0 && place < distinct ? high | _ords[place] : -1;
        }

        return new PassageWords(this, keys);
    }

    /// <summary>The word a key names (segment and ordinal), looked up once per request.</summary>
    public string Word(long key)
    {
        if (_strings.TryGetValue(key, out var word))
            return word;
        var set = _values[(int)(key >> 40)].Set!;
        set.LookupOrd(key & ((1L << 40) - 1), _bytes);
        return _strings[key] = _bytes.Utf8ToString();
    }
}

/// <summary>One passage's words by position: a key per position (the segment and the word's ordinal in it), or -1.</summary>
internal sealed class PassageWords
{
    public static readonly PassageWords None = new(null, []);
    private readonly SurfaceWordsReader? _reader;
    private readonly long[] _keys;

    internal PassageWords(SurfaceWordsReader? reader, long[] keys) => (_reader, _keys) = (reader, keys);

    /// <summary>
    /// The key of the word at <paramref name="position"/>, or -1 (before the first word, past the last, or a gap): equal
    /// keys are equal words within a passage's segment; <see cref="SurfaceWordsReader.Word"/> spells it.
    /// </summary>
    public long KeyAt(int position) => position >= 0 && position < _keys.Length ? _keys[position] : -1;

    /// <summary>The surface word at <paramref name="position"/>, or null (before the first word, past the last, or a gap).</summary>
    public string? WordAt(int position) => KeyAt(position) is >= 0 and var key ? _reader!.Word(key) : null;

    /// <summary>The keys of the words within <paramref name="window"/> positions before and after [start, end).</summary>
    public IEnumerable<long> Window(int start, int end, int window)
    {
        for (var p = start - window; p < start; p++)
        {
            if (KeyAt(p) is >= 0 and var key)
                yield return key;
        }

        for (var p = end; p < end + window; p++)
        {
            if (KeyAt(p) is >= 0 and var key)
                yield return key;
        }
    }
}
