using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PakRussia.Search.Indexing;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Search;

/// <summary>
/// What ranks a passage before its score, by relevance (issue 15): first how many of a sentence-like query's words it has
/// (<see cref="Words"/>); then whether its own text has a query word, not only its document's title or its section
/// heading; then whether it is body text rather than a footnote (unless the query asks for <c>kind:</c>). Each segment's
/// word matches and footnotes are read into bit sets when the segment starts, so documents may come in any order; whether
/// a passage's text has a query word is asked only for the passages that could enter the top k.
/// </summary>
internal sealed class RankTiers
{
    private RankTiers(Weight[] words, Lazy<Weight>? text, Lazy<Weight>? elsewhere, bool demoteFootnotes, IReadOnlyList<Term> textTerms, IReadOnlyList<Term> elsewhereTerms)
    {
        Words = words;
        _textTerms = textTerms;
        _elsewhereTerms = elsewhereTerms;
        _text = text;
        _elsewhere = elsewhere;
        _demoteFootnotes = demoteFootnotes;
    }

    /// <summary>The word clauses of a sentence-like query; empty otherwise.</summary>
    public Weight[] Words { get; }

    // Weighed only when a segment reads its sets in full: most searches never do, and weighing looks up every term.
    private readonly Lazy<Weight>? _text;
    private readonly Lazy<Weight>? _elsewhere;
    private readonly bool _demoteFootnotes;

    /// <summary>
    /// Each segment's footnotes, read once per segment core: they do not depend on the query, and reading them for every
    /// search cost a pass over their postings and a bit set of the segment's size (160 KB at 1.27M Lucene documents) per
    /// query. Null: the segment has none. Deleted passages may be in it; they are never collected.
    /// </summary>
    private static readonly ConditionalWeakTable<object, StrongBox<FixedBitSet?>> Footnotes = new();

    private static FixedBitSet? FootnotesOf(AtomicReaderContext context) =>
        Footnotes.GetValue(context.AtomicReader.CoreCacheKey, _ => new StrongBox<FixedBitSet?>(ReadFootnotes(context.AtomicReader))).Value;

    private static FixedBitSet? ReadFootnotes(AtomicReader reader)
    {
        var docs = reader.GetTermDocsEnum(new Term(IndexFields.Kind, "footnote"));
        if (docs is null)
        {
            return null;
        }

        var set = new FixedBitSet(reader.MaxDoc);
        for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            set.Set(doc);
        }

        return set;
    }
    private readonly IReadOnlyList<Term> _textTerms;
    private readonly IReadOnlyList<Term> _elsewhereTerms;

    /// <summary>
    /// The tiers of <paramref name="compiled"/>: its words (when sentence-like), its text-field terms, and footnotes unless
    /// it filters by kind. Null when there is nothing to tier (no words to rank: a filter-only query).
    /// </summary>
    public static RankTiers? For(IndexGeneration generation, CompiledQuery compiled)
    {
        if (!compiled.HasText || compiled.Query is null)
        {
            return null;
        }

        var words = compiled.Partial is null ? [] : compiled.RequiredWords.Select(w => generation.CreateNormalizedWeight(w.Clause)).ToArray();
        var terms = new HashSet<Term>();
        try
        {
            generation.Rewrite(compiled.Partial ?? compiled.Query).ExtractTerms(terms);
        }
        catch (NotSupportedException)
        {
            terms.Clear(); // a query that cannot list its terms is not tiered by where its words are
        }

        // A bare word's term is on the field the text, title and section make up: it stands for each of them here.
        IEnumerable<Term> On(string field) => terms.Select(t => t.Field == IndexFields.All ? new Term(field, t.Bytes) : t).Where(t => t.Field == field);
        var textTerms = On(IndexFields.Text).Distinct().Take(BooleanQuery.MaxClauseCount).ToList();
        var elsewhereTerms = On(IndexFields.Title).Concat(On(IndexFields.Section)).Distinct().Take(BooleanQuery.MaxClauseCount).ToList();
        var text = AnyOf(textTerms);
        var elsewhere = AnyOf(elsewhereTerms);
        var asksForKind = compiled.Explanation?.Filters.Any(f => f.StartsWith("kind", StringComparison.OrdinalIgnoreCase)) == true;
        Lazy<Weight>? Weigh(Query? q) => q is null ? null : new Lazy<Weight>(() => generation.CreateNormalizedWeight(q), LazyThreadSafetyMode.None);
        return new RankTiers(words, Weigh(text), text is null ? null : Weigh(elsewhere), demoteFootnotes: !asksForKind, textTerms, elsewhereTerms);
    }

    /// <summary>Any of <paramref name="terms"/>, or null for none.</summary>
    private static Query? AnyOf(IEnumerable<Term> terms)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var term in terms.Take(BooleanQuery.MaxClauseCount))
        {
            any.Add(new TermQuery(term), Occur.SHOULD);
        }

        return any.Clauses.Count == 0 ? null : any;
    }

    /// <summary>One segment's tiers; without <paramref name="readWords"/>, no word sets (the caller counts words from the scorer).</summary>
    public Segment Open(AtomicReaderContext context, bool readWords = true)
    {
        var words = readWords ? Words.Select(w => Read(w, context)).ToArray() : [];
        var demoted = _demoteFootnotes ? FootnotesOf(context) : null;
        if (_text is null || _elsewhere is null)
        {
            return new Segment(words, null, inText: false, demoted);
        }

        var reader = context.AtomicReader;
        if (_textTerms.Count <= LazyTextTerms)
        {
            // Only the passages that could enter the top k are asked, and their text postings are only advanced to them.
            return new Segment(words, null, inText: true, demoted, new TextPresence(reader, _textTerms, () => Where(context)));
        }

        var (where, inText) = Where(context);
        return new Segment(words, where, inText, demoted);
    }

    /// <summary>
    /// One segment's passages with a query word in their text (<c>InText</c>) or only in their title or section (not),
    /// whichever postings are shorter, read in full: a common word is in far more texts than titles, a title word in far
    /// more titles than texts.
    /// </summary>
    private (FixedBitSet? Where, bool InText) Where(AtomicReaderContext context)
    {
        var reader = context.AtomicReader;
        long Postings(IEnumerable<Term> terms) => terms.Sum(t => (long)reader.DocFreq(t));
        return Postings(_textTerms) <= Postings(_elsewhereTerms) ? (Read(_text!.Value, context), true) : (TitleOnly(context), false);
    }

    /// <summary>
    /// Up to this many text terms, whether a passage has one in its text is asked passage by passage, of the passages that
    /// could enter the top k (<see cref="TextPresence"/>); beyond it, a segment's text or title-only passages are read into
    /// a bit set first. Reading them for every search cost a full pass over the words' postings on top of the query's own,
    /// which for an AND of common words was the larger part of the search.
    /// </summary>
    private const int LazyTextTerms = 16;

    /// <summary>
    /// Whether a passage's text has one of the terms, by advancing each term's postings to it: passages asked in
    /// increasing order (a conjunction's) cost at most one pass over those postings, and only as far as the last one
    /// asked. Once a passage is asked behind where the postings stand (a top-level OR is scored in windows of 2,048
    /// passages, in no order within one, the windows in order), the answers come a window at a time: the postings are
    /// pulled again and read through each window asked about, into its bits. A window behind the last one has the
    /// segment's sets read in full (<paramref name="readAll"/>), which answer from then on.
    /// </summary>
    /// <param name="reader">The segment.</param>
    /// <param name="terms">The query's words on the text field.</param>
    /// <param name="readAll">Reads the segment's sets in full: a text set, or a title-only one.</param>
    /// <param name="windowBits">Passages per window, as a power of two: Lucene's <c>BooleanScorer</c> uses 2,048.</param>
    internal sealed class TextPresence(AtomicReader reader, IReadOnlyList<Term> terms, Func<(FixedBitSet? Where, bool InText)> readAll, int windowBits = 11)
    {
        private readonly DocsEnum?[] _postings = new DocsEnum?[terms.Count];
        private readonly bool[] _absent = new bool[terms.Count];
        private (FixedBitSet? Where, bool InText)? _all;
        private int _last = -1;
        private long[]? _window;
        private int _windowStart = -1;

        public bool Has(int doc)
        {
            if (_all is var (where, inText))
            {
                return where is null ? !inText : where.Get(doc) == inText;
            }

            if (_window is null && doc >= _last)
            {
                _last = doc;
                return Advance(doc);
            }

            var start = doc >> windowBits << windowBits;
            if (_window is null)
            {
                Array.Clear(_postings); // they stand past this passage: pulled again from the start
                _window = new long[Math.Max(1, (1 << windowBits) >> 6)];
            }

            if (start != _windowStart)
            {
                if (start < _windowStart)
                {
                    _all = readAll();
                    return Has(doc);
                }

                Fill(start);
            }

            var offset = doc - start;
            return (_window[offset >> 6] & (1L << offset)) != 0;
        }

        private DocsEnum? Postings(int i)
        {
            if (_absent[i])
            {
                return null;
            }

            var postings = _postings[i] ??= reader.GetTermDocsEnum(terms[i]);
            _absent[i] = postings is null;
            return postings;
        }

        private bool Advance(int doc)
        {
            for (var i = 0; i < _postings.Length; i++)
            {
                if (Postings(i) is not { } postings)
                {
                    continue;
                }

                var at = postings.DocID;
                if (at < doc)
                {
                    at = postings.Advance(doc);
                }

                if (at == doc)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The window from <paramref name="start"/>: the bits of its passages whose text has a term.</summary>
        private void Fill(int start)
        {
            Array.Clear(_window!);
            _windowStart = start;
            var end = start + (1 << windowBits);
            for (var i = 0; i < _postings.Length; i++)
            {
                if (Postings(i) is not { } postings)
                {
                    continue;
                }

                var at = postings.DocID;
                if (at < start)
                {
                    at = postings.Advance(start);
                }

                while (at < end)
                {
                    var offset = at - start;
                    _window![offset >> 6] |= 1L << offset;
                    at = postings.NextDoc();
                }
            }
        }
    }

    /// <summary>
    /// The passages that have a query word in their title or section but none in their text. Only the title and section
    /// postings are read in full; the text's are only advanced to those passages.
    /// </summary>
    private FixedBitSet? TitleOnly(AtomicReaderContext context)
    {
        if (_text is null || _elsewhere is null)
        {
            return null;
        }

        var elsewhere = _elsewhere.Value.GetScorer(context, context.AtomicReader.LiveDocs);
        if (elsewhere is null)
        {
            return null;
        }

        var text = _text.Value.GetScorer(context, context.AtomicReader.LiveDocs);
        var titleOnly = new FixedBitSet(context.AtomicReader.MaxDoc);
        var textDoc = -1;
        for (var doc = elsewhere.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = elsewhere.NextDoc())
        {
            if (text is not null && textDoc < doc && textDoc != DocIdSetIterator.NO_MORE_DOCS)
            {
                textDoc = text.Advance(doc);
            }

            if (textDoc != doc)
            {
                titleOnly.Set(doc);
            }
        }

        return titleOnly;
    }

    private static FixedBitSet Read(Weight weight, AtomicReaderContext context)
    {
        var set = new FixedBitSet(context.AtomicReader.MaxDoc);
        var scorer = weight.GetScorer(context, context.AtomicReader.LiveDocs);
        if (scorer is not null)
        {
            for (var doc = scorer.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer.NextDoc())
            {
                set.Set(doc);
            }
        }

        return set;
    }

    /// <summary>The bit sets of one segment.</summary>
    /// <param name="words">Each sentence word's matches.</param>
    /// <param name="where">The passages with a query word in their text (<paramref name="inText"/>) or only in their title or section (not).</param>
    /// <param name="inText">What <paramref name="where"/> holds.</param>
    /// <param name="demoted">The footnotes.</param>
    /// <param name="presence">Asked passage by passage instead of <paramref name="where"/>, when given.</param>
    internal sealed class Segment(FixedBitSet[] words, FixedBitSet? where, bool inText, FixedBitSet? demoted, TextPresence? presence = null)
    {
        /// <summary>How many of the sentence's words the passage has.</summary>
        public int WordsOf(int doc)
        {
            var count = 0;
            foreach (var set in words)
            {
                if (set.Get(doc))
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>2: a query word in its own text, body; 1: in its own text, a footnote; 0: only in its title or section.</summary>
        public int TextTier(int doc) =>
            presence is not null ? (presence.Has(doc) ? BodyOrFootnote(doc) : 0)
            : where is not null && where.Get(doc) != inText ? 0 : BodyOrFootnote(doc);

        private int BodyOrFootnote(int doc) => demoted is not null && demoted.Get(doc) ? 1 : 2;

        /// <summary>The highest <see cref="TextTier"/> a passage can have.</summary>
        public const int BestTextTier = 2;
    }
}
