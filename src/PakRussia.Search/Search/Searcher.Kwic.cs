using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PakRussia.Search.Citations;
using PakRussia.Search.Concordance;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Search;

/// <summary>
/// The concordance (key word in context): every occurrence of what a query matches in passage text, one line each,
/// with its context, sorted as AntConc sorts, paged over all occurrences. The passages come from the search's own pass
/// (the same query compilation, filters and facet counts); the occurrences are the spans of the query's text part
/// (<see cref="KwicSpans"/>), so a line is one mark of the search page's highlighter.
/// </summary>
public sealed partial class Searcher
{
    /// <summary>One page of concordance lines (or every line, for an export).</summary>
    public KwicResponse Kwic(KwicRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        ValidateKwic(request.Search, request.Width, request.Window, request.Near is not null);
        if (request.Page < 1)
            throw new SearchRequestException($"page must be 1 or more (got {request.Page}).");
        if (request.PerPage < 1 || request.PerPage > KwicLimits.MaxPerPage)
            throw new SearchRequestException($"perPage must be between 1 and {KwicLimits.MaxPerPage} (got {request.PerPage}).");
        var near = request.Near is { } word ? NearWord(word) : null;
        return Budgeted(request.Search.TimeBudget, cancellationToken, (generation, budget) =>
        {
            var pass = MatchPass(generation, budget, request.Search, countFacets: true);
            var occurrences = KwicSpans.Occurrences(generation, pass.Spans, pass.Matched, budget, KwicLimits.MaxOccurrences);
            var tokens = new PassageTokens(generation);
            var ticks = new Countdown(budget);
            var copyOf = new Dictionary<int, int>();
            if (request.WithCopies)
            {
                occurrences = WithCopies(generation, occurrences, copyOf);
            }

            if (near is not null)
            {
                occurrences = occurrences.Where(o =>
                {
                    ticks.Tick();
                    return tokens.Words(o.Doc).Window(o.Start, o.End, request.Window).Any(key => tokens.Word(key) == near);
                }).ToList();
            }

            var keys = new KwicKeys(generation);
            occurrences = Sorted(occurrences, request.Sort, keys, tokens, ticks);
            var skip = request.All ? 0 : (long)(request.Page - 1) * request.PerPage;
            var take = request.All ? KwicLimits.MaxExportLines : request.PerPage;
            var lines = new List<KwicLine>();
            foreach (var occurrence in occurrences.Skip((int)Math.Min(skip, int.MaxValue)).Take(take))
            {
                ticks.Tick();
                if (Line(generation, tokens, occurrence, request.Width, request.Search.Style, copyOf) is { } line)
                    lines.Add(line);
            }

            var warnings = new List<string>(pass.Warnings);
            if (request.All && occurrences.Count > KwicLimits.MaxExportLines)
                warnings.Add($"Only the first {KwicLimits.MaxExportLines:N0} of {occurrences.Count:N0} lines were written; narrow the query with filters.");
            return new KwicResponse
            {
                Query = request.Search.Query,
                Total = occurrences.Count,
                Passages = occurrences.Select(o => o.Doc).Distinct().LongCount(),
                Page = request.All ? 1 : request.Page,
                PerPage = request.All ? lines.Count : request.PerPage,
                Width = request.Width,
                Sort = SortName(request.Sort),
                Near = near,
                Window = near is null ? null : request.Window,
                WithCopies = request.WithCopies,
                Lines = lines,
                Facets = pass.Collector.Facets(docId => generation.Records.Find(docId)?.Metadata.Title),
                Warnings = warnings.Distinct().ToList(),
                TookMs = Elapsed(clock),
                Generation = generation.Id,
            };
        });
    }

    /// <summary>The sort's name as the CLI and the API spell it.</summary>
    public static string SortName(KwicSort sort) => sort switch
    {
        KwicSort.Date => "date",
        KwicSort.Left1 => "1L",
        KwicSort.Left2 => "2L",
        KwicSort.Right1 => "1R",
        KwicSort.Right2 => "2R",
        _ => "doc",
    };

    /// <summary>Reads a sort name (doc, date, 1L, 2L, 1R, 2R, any case); null when unknown.</summary>
    public static KwicSort? ParseKwicSort(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "DOC" or "DOCUMENT" => KwicSort.Document,
        "DATE" => KwicSort.Date,
        "1L" => KwicSort.Left1,
        "2L" => KwicSort.Left2,
        "1R" => KwicSort.Right1,
        "2R" => KwicSort.Right2,
        _ => null,
    };

    /// <summary>What the search's pass found for a concordance: the passages, their facets, and the query's text spans.</summary>
    private sealed record KwicPass(PassageCollector Collector, IReadOnlyList<FixedBitSet?> Matched, Lucene.Net.Search.Spans.SpanQuery Spans, IReadOnlyList<string> Warnings);

    /// <summary>
    /// The search's own pass over the query (compiled as search compiles it, the OR fallback when nothing has every
    /// word), keeping every passage that passes the filters. A sentence-like query's lines come from the passages with
    /// all of its words (its strict form); a query with no word for the text is bad input.
    /// </summary>
    private KwicPass MatchPass(IndexGeneration generation, QueryBudget budget, SearchRequest request, bool countFacets)
    {
        var compiled = Compile(generation, request);
        var warnings = new List<string>(compiled.Warnings);
        if (compiled.Query is not { } query || !compiled.HasText)
            throw new SearchRequestException("Nothing to find in the text: give a word, a \"phrase\", a wildcard (negotiat*) or a fuzzy term (kremlim~).");
        var selections = new FacetSelections(request);
        budget.Check();
        var (collector, matched) = Matches(generation, budget, query, selections, countFacets);
        if (collector.Matched == 0 && compiled.Fallback is { } fallback)
        {
            budget.Check();
            var (fallbackCollector, fallbackMatched) = Matches(generation, budget, fallback, selections, countFacets);
            if (fallbackCollector.Matched > 0)
            {
                collector.Release();
                warnings.Add("No passage has all the words; showing the lines of passages with some of them.");
                (collector, matched, query) = (fallbackCollector, fallbackMatched, fallback);
            }
        }

        var spans = MatchHighlighter.ForHighlighting(query) is { } marked ? KwicSpans.From(QueryFields.Retarget(marked, IndexFields.Text)) : null;
        if (spans is null)
            throw new SearchRequestException("The query has no word to find in the passage text (only title:, section: or filters); give a word or a \"phrase\".");
        return new KwicPass(collector, matched, spans, warnings);
    }

    private static (PassageCollector Collector, FixedBitSet?[] Matched) Matches(IndexGeneration generation, QueryBudget budget, Query query, FacetSelections selections, bool countFacets)
    {
        var recorder = new MatchedPassages(generation.IndexReader.Leaves.Count);
        var collector = new PassageCollector(generation, selections, countFacets, recorder, budget);
        generation.Search(Searchable(generation, query), collector);
        return (collector, recorder.Bits);
    }

    /// <summary>Every passage a pass hands over, one bit set per segment (allocated for segments with matches only).</summary>
    private sealed class MatchedPassages(int leaves) : ICollector
    {
        private FixedBitSet? _current;

        public FixedBitSet?[] Bits { get; } = new FixedBitSet?[leaves];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            _current = null;
            _leaf = context.Ord;
            _maxDoc = context.AtomicReader.MaxDoc;
        }

        public void Collect(int doc)
        {
            // Allocated on the segment's first match: segments without one cost nothing.
            _current ??= Bits[_leaf] ??= new FixedBitSet(_maxDoc);
            _current.Set(doc);
        }

        private int _leaf;
        private int _maxDoc;
    }

    /// <summary>Checks the budget every <see cref="QueryBudget.CheckEvery"/> steps of a loop over occurrences.</summary>
    private sealed class Countdown(QueryBudget budget)
    {
        private int _left;

        public void Tick()
        {
            if (--_left <= 0)
            {
                budget.Check();
                _left = QueryBudget.CheckEvery;
            }
        }
    }

    /// <summary>The lines of each matching passage's word-for-word copies (same text, so the same positions), after their originals.</summary>
    private static List<Occurrence> WithCopies(IndexGeneration generation, List<Occurrence> occurrences, Dictionary<int, int> copyOf)
    {
        var result = new List<Occurrence>(occurrences);
        var leaves = generation.IndexReader.Leaves;
        var scratch = new BytesRef();
        foreach (var group in occurrences.GroupBy(o => o.Doc))
        {
            var leaf = leaves[ReaderUtil.SubIndex(group.Key, leaves)];
            leaf.AtomicReader.GetBinaryDocValues(IndexFields.PassageId).Get(group.Key - leaf.DocBase, scratch);
            var term = new Term(IndexFields.DuplicateOf, scratch.Utf8ToString());
            foreach (var copyLeaf in leaves)
            {
                var docs = copyLeaf.AtomicReader.GetTermDocsEnum(term);
                if (docs is null)
                    continue;
                var live = copyLeaf.AtomicReader.LiveDocs;
                while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    if (live is not null && !live.Get(docs.DocID))
                        continue;
                    var copy = copyLeaf.DocBase + docs.DocID;
                    copyOf[copy] = group.Key;
                    result.AddRange(group.Select(o => o with { Doc = copy }));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The occurrences in the requested order. Keys are read first (doc values; for word sorts, the passages' words),
    /// under the budget, so the sort itself only compares strings and numbers.
    /// </summary>
    private static List<Occurrence> Sorted(List<Occurrence> occurrences, KwicSort sort, KwicKeys keys, PassageTokens tokens, Countdown ticks)
    {
        var (first, second) = sort switch
        {
            KwicSort.Left1 => (-1, -2),
            KwicSort.Left2 => (-2, -1),
            KwicSort.Right1 => (1, 2),
            KwicSort.Right2 => (2, 1),
            _ => (0, 0),
        };
        string Word(Occurrence o, int offset)
        {
            if (offset == 0)
                return "";
            ticks.Tick();
            var position = offset < 0 ? o.Start + offset : o.End + offset - 1;
            return tokens.Words(o.Doc).WordAt(position) ?? "";
        }

        var keyed = new List<(Occurrence Occurrence, string First, string Second, string DocId, long Ordinal, long Date)>(occurrences.Count);
        foreach (var o in occurrences)
        {
            ticks.Tick();
            keyed.Add((o, Word(o, first), Word(o, second), keys.DocId(o.Doc), keys.Ordinal(o.Doc), sort == KwicSort.Date ? keys.Date(o.Doc) : 0));
        }

        keyed.Sort((a, b) =>
        {
            var c = 0;
            if (sort == KwicSort.Date)
            {
                // Newest first; undated (0) last.
                c = a.Date == b.Date ? 0 : a.Date == 0 ? 1 : b.Date == 0 ? -1 : b.Date.CompareTo(a.Date);
            }

            // A missing word (the passage begins or ends there) sorts first, as an empty string.
            if (c == 0) c = string.CompareOrdinal(a.First, b.First);
            if (c == 0) c = string.CompareOrdinal(a.Second, b.Second);
            if (c == 0) c = string.CompareOrdinal(a.DocId, b.DocId);
            if (c == 0) c = a.Ordinal.CompareTo(b.Ordinal);
            if (c == 0) c = a.Occurrence.Start.CompareTo(b.Occurrence.Start);
            return c;
        });
        return keyed.Select(k => k.Occurrence).ToList();
    }

    private static KwicLine? Line(IndexGeneration generation, PassageTokens tokens, Occurrence occurrence, int width, CitationStyle style, Dictionary<int, int> copyOf)
    {
        var passage = PassageRecord.Read(generation.Doc(occurrence.Doc));
        tokens.Reach([occurrence], width);
        var entry = generation.Records.Find(passage.DocId)
            ?? throw new IndexException($"The index is inconsistent: the record of {passage.DocId} is missing. {IndexDirectory.RebuildHint}");
        var words = tokens.Of(occurrence.Doc, passage.Text);
        if (words.Offsets(occurrence.Start, occurrence.End) is not { } match)
            return null;
        var (left, right) = words.Context(occurrence.Start, occurrence.End, match.Start, match.End, width);
        var meta = entry.Metadata;
        return new KwicLine
        {
            PassageId = passage.PassageId,
            DocId = meta.DocId,
            Title = meta.Title,
            Year = meta.Year,
            Date = meta.Date,
            SourceType = meta.SourceType,
            Author = meta.Author,
            Left = left,
            Match = KwicTokens.Fold(passage.Text[match.Start..match.End]),
            Right = right,
            Start = match.Start,
            End = match.End,
            CopyOf = copyOf.ContainsKey(occurrence.Doc) ? passage.DuplicateOf : null,
            Citation = CitationFormatter.Format(meta, passage, style),
        };
    }

    /// <summary>The surface word a near or collocate filter names: one word, lower case, accents folded.</summary>
    private static string NearWord(string word)
    {
        var terms = PassageAnalyzer.Surface.Terms(word);
        return terms.Count == 1
            ? terms[0]
            : throw new SearchRequestException($"near must be one word (got '{TerminalSafe(word)}').");
    }

    private static string TerminalSafe(string text) => new(text.Take(60).Select(c => char.IsControl(c) ? '\uFFFD' : c).ToArray());

    private static void ValidateKwic(SearchRequest search, int width, int window, bool checkWindow)
    {
        if (width < 1 || width > KwicLimits.MaxWidth)
            throw new SearchRequestException($"width must be between 1 and {KwicLimits.MaxWidth} words (got {width}).");
        if (checkWindow && (window < 1 || window > KwicLimits.MaxWindow))
            throw new SearchRequestException($"window must be between 1 and {KwicLimits.MaxWindow} words (got {window}).");
        if (string.IsNullOrWhiteSpace(search.Query))
            throw new SearchRequestException("The query is empty: give a word, a \"phrase\", a wildcard (negotiat*) or a fuzzy term (kremlim~).");
        Validate(search with { Page = 1, PageSize = 1 });
    }

    /// <summary>Sort keys of passages from doc values (document id, ordinal, date), read once per passage.</summary>
    private sealed class KwicKeys(IndexGeneration generation)
    {
        private readonly Dictionary<int, (string DocId, long Ordinal, long Date)> _keys = [];
        private readonly BytesRef _scratch = new();

        public string DocId(int doc) => Of(doc).DocId;
        public long Ordinal(int doc) => Of(doc).Ordinal;
        public long Date(int doc) => Of(doc).Date;

        private (string DocId, long Ordinal, long Date) Of(int doc)
        {
            if (_keys.TryGetValue(doc, out var keys))
                return keys;
            var leaves = generation.IndexReader.Leaves;
            var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
            var local = doc - leaf.DocBase;
            var reader = leaf.AtomicReader;
            reader.GetSortedDocValues(IndexFields.DocId).Get(local, _scratch);
            var docId = _scratch.Utf8ToString();
            var ordinal = reader.GetNumericDocValues(IndexFields.Ordinal)?.Get(local) ?? 0;
            var date = reader.GetNumericDocValues(IndexFields.DateFirst)?.Get(local) ?? 0;
            return _keys[doc] = (docId, ordinal, date);
        }
    }

    /// <summary>
    /// Passages' words by position, each passage read once per request: the words alone from its term vector
    /// (<see cref="Words"/>, doc values: sorts, near, collocates), or the text analyzed with offsets up to the furthest position a
    /// shown line needs (<see cref="Of"/>, <see cref="Reach"/>).
    /// </summary>
    private sealed class PassageTokens(IndexGeneration generation)
    {
        private readonly Dictionary<int, KwicTokens> _tokens = [];
        private readonly Dictionary<int, int> _reach = [];
        private readonly Dictionary<int, PassageWords> _words = [];
        private readonly SurfaceWordsReader _surface = new(generation.IndexReader);

        /// <summary>The passage's words by position, from doc values.</summary>
        public PassageWords Words(int doc)
        {
            if (!_words.TryGetValue(doc, out var words))
                _words[doc] = words = _surface.Read(doc);
            return words;
        }

        /// <summary>The word a key of <see cref="Words"/> names.</summary>
        public string Word(long key) => _surface.Word(key);

        /// <summary>Says how far each passage will be read: <paramref name="after"/> words past its last occurrence.</summary>
        public void Reach(IEnumerable<Occurrence> occurrences, int after)
        {
            foreach (var o in occurrences)
            {
                var through = o.End - 1 + after;
                if (!_reach.TryGetValue(o.Doc, out var known) || known < through)
                    _reach[o.Doc] = through;
            }
        }

        public KwicTokens Of(int doc, string? text = null)
        {
            var through = _reach.TryGetValue(doc, out var reach) ? reach : int.MaxValue;
            // Analyzed before for less (a sort's two words), now needed further (a line's context): again, further.
            if (_tokens.TryGetValue(doc, out var tokens) && tokens.Through >= through)
                return tokens;
            if (text is null)
            {
                var visitor = new TextVisitor();
                generation.Doc(doc, visitor);
                text = visitor.Text ?? "";
            }

            return _tokens[doc] = new KwicTokens(text, through);
        }

        /// <summary>Reads the stored text alone and stops there (the other stored fields are not decoded).</summary>
        private sealed class TextVisitor : StoredFieldVisitor
        {
            public string? Text { get; private set; }

            public override Status NeedsField(FieldInfo fieldInfo) =>
                Text is not null ? Status.STOP : fieldInfo.Name == IndexFields.StoredText ? Status.YES : Status.NO;

            public override void StringField(FieldInfo fieldInfo, string value) => Text = value;
        }
    }
}
