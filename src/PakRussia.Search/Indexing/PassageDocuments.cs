using System.Text.Json;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Indexing;

/// <summary>The source file a document came from, as the incremental build compares it.</summary>
public readonly record struct SourceStamp(string Path, long Size, long Ticks);

/// <summary>
/// Turns an <see cref="IngestedDocument"/> into the Lucene documents that stand for it: one per passage, then the
/// document's record. They are written as one block (<c>AddDocuments</c> / <c>UpdateDocuments</c> on the
/// <see cref="IndexFields.DocId"/> term), so a document is added, replaced or removed whole.
/// </summary>
public static class PassageDocuments
{
    private static readonly FieldType TextType = Frozen(new FieldType
    {
        IsIndexed = true,
        IsTokenized = true,
        IsStored = false,
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
    });

    private static readonly FieldType PositionsType = Frozen(new FieldType
    {
        IsIndexed = true,
        IsTokenized = true,
        IsStored = false,
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS,
    });

    private static readonly FieldType WordsType = Frozen(new FieldType
    {
        IsIndexed = true,
        IsTokenized = true,
        IsStored = false,
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_ONLY,
    });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    /// <summary>
    /// Passages a search can return: not word-for-word repeats (a search shows the first occurrence and lists its
    /// copies) and not headings (their words are in the section of the passages under them; a bare heading would
    /// otherwise outrank real text on BM25's length normalisation). The others are stored, not searched.
    /// </summary>
    public static bool IsSearchable(Passage passage) => passage.DuplicateOf is null && passage.Kind != PassageKind.Heading;

    /// <summary>The block for <paramref name="document"/>: its passages in order, then its record.</summary>
    public static IEnumerable<IEnumerable<IIndexableField>> Block(IngestedDocument document, SourceStamp? source, long order)
    {
        var meta = document.Metadata;
        var (first, last) = DateRange.Of(meta.Date);
        var dateFirst = IndexSchema.DateNumber(first);
        var dateLast = IndexSchema.DateNumber(last);
        var block = new List<IEnumerable<IIndexableField>>(document.Passages.Count + 1);
        var shared = new SharedAnalysis(meta);
        foreach (var passage in document.Passages)
        {
            if (passage.Ordinal < 0 || passage.Ordinal >= IndexSchema.MaxPassagesPerDocument)
            {
                throw new IndexException($"{document.SourcePath}: passage ordinal {passage.Ordinal} is out of range");
            }

            block.Add(Passage(meta, passage, dateFirst, dateLast, shared));
        }

        block.Add(Record(document, source, order));
        return block;
    }

    private static Document Passage(DocumentMetadata meta, Passage passage, int dateFirst, int dateLast, SharedAnalysis shared)
    {
        var doc = new Document
        {
            new StringField(IndexFields.Type, IndexFields.PassageType, Field.Store.NO),
            new StringField(IndexFields.PassageId, passage.PassageId, Field.Store.YES),
            new BinaryDocValuesField(IndexFields.PassageId, new BytesRef(passage.PassageId)),
            new StringField(IndexFields.DocId, meta.DocId, Field.Store.YES),
            new SortedDocValuesField(IndexFields.DocId, new BytesRef(meta.DocId)),
            new StoredField(IndexFields.Ordinal, passage.Ordinal),
            new NumericDocValuesField(IndexFields.Ordinal, passage.Ordinal),
            new StringField(IndexFields.Kind, Lower(passage.Kind.ToString()), Field.Store.YES),
            new StoredField(IndexFields.StoredText, passage.Text),
            new StoredField(IndexFields.Start, passage.Start),
            new StoredField(IndexFields.End, passage.End),
            new StoredField(IndexFields.WordCount, passage.WordCount),
            new StoredField(IndexFields.ContentHash, passage.ContentHash),
            new StringField(IndexFields.Source, Lower(meta.SourceType), Field.Store.NO),
            new SortedDocValuesField(IndexFields.Source, new BytesRef(Lower(meta.SourceType))),
        };

        if (passage.Section is { } section)
        {
            doc.Add(new StoredField(IndexFields.Section, section));
        }

        if (passage.DuplicateOf is { } duplicateOf)
        {
            doc.Add(new StringField(IndexFields.DuplicateOf, duplicateOf, Field.Store.YES));
        }

        if (passage.FootnoteNumber is { } footnote)
        {
            doc.Add(new StoredField(IndexFields.FootnoteNumber, footnote));
        }

        if (passage.PostNumber is { } post)
        {
            doc.Add(new StoredField(IndexFields.PostNumber, post));
        }

        if (meta.Author is { Length: > 0 } author)
        {
            doc.Add(new SortedDocValuesField(IndexFields.Author, new BytesRef(author)));
            doc.Add(new StringField(IndexFields.AuthorKey, Lower(author), Field.Store.NO));
            doc.Add(new Field(IndexFields.AuthorText, shared.Author(author).Replay(), PositionsType));
        }

        if (meta.Year is { } year)
        {
            doc.Add(new Int32Field(IndexFields.Year, year, Field.Store.NO));
            doc.Add(new NumericDocValuesField(IndexFields.Year, year));
        }

        if (dateFirst > 0 && dateLast > 0)
        {
            doc.Add(new Int32Field(IndexFields.DateFirst, dateFirst, Field.Store.NO));
            doc.Add(new NumericDocValuesField(IndexFields.DateFirst, dateFirst));
            doc.Add(new Int32Field(IndexFields.DateLast, dateLast, Field.Store.NO));
            doc.Add(new NumericDocValuesField(IndexFields.DateLast, dateLast));
        }

        if (IsSearchable(passage))
        {
            doc.Add(new StringField(IndexFields.Searchable, "1", Field.Store.NO));
            // The text is analyzed once for the two fields that index it whole (text with offsets, all with positions).
            var text = RecordedTokens.Record(PassageAnalyzer.Writing, IndexFields.Text, passage.Text);
            doc.Add(new Field(IndexFields.Text, text.Replay(), TextType));
            // One surface analysis of the text gives the words field, the words by position and the word count.
            var surface = SurfaceTokens.Analyze(passage.Text);
            doc.Add(new Field(IndexFields.Words, surface.Words(), WordsType));
            foreach (var field in surface.PositionFields())
                doc.Add(field);
            doc.Add(new NumericDocValuesField(IndexFields.TextWords, surface.WordCount));
            var title = shared.Title();
            doc.Add(new Field(IndexFields.Title, title.Replay(), PositionsType));
            doc.Add(new Field(IndexFields.All, text.Replay(), PositionsType));
            doc.Add(new Field(IndexFields.All, title.Replay(), PositionsType));
            if (passage.Section is { } searchedSection)
            {
                var sectionTokens = shared.Section(searchedSection);
                doc.Add(new Field(IndexFields.Section, sectionTokens.Replay(), PositionsType));
                doc.Add(new Field(IndexFields.All, sectionTokens.Replay(), PositionsType));
            }
        }
        else if (passage.Kind == PassageKind.Heading)
        {
            doc.Add(new Field(IndexFields.Heading, passage.Text, PositionsType));
        }

        return doc;
    }

    /// <summary>
    /// The analysis a document's passages share: its title and author on every passage, a section on the passages under
    /// it. Each is analyzed once per document (as the writer would: <see cref="IndexAnalyzer.Writer"/>'s chain for the
    /// field) and replayed into every passage.
    /// </summary>
    private sealed class SharedAnalysis(DocumentMetadata meta)
    {
        private RecordedTokens? _title;
        private RecordedTokens? _author;
        private readonly Dictionary<string, RecordedTokens> _sections = new(StringComparer.Ordinal);

        public RecordedTokens Title() => _title ??= RecordedTokens.Record(PassageAnalyzer.Writing, IndexFields.Title, meta.Title);

        public RecordedTokens Author(string author) => _author ??= RecordedTokens.Record(PassageAnalyzer.Surface, IndexFields.AuthorText, author);

        public RecordedTokens Section(string section)
        {
            if (!_sections.TryGetValue(section, out var tokens))
            {
                tokens = RecordedTokens.Record(PassageAnalyzer.Writing, IndexFields.Section, section);
                _sections[section] = tokens;
            }

            return tokens;
        }
    }

    private static Document Record(IngestedDocument document, SourceStamp? source, long order)
    {
        var meta = document.Metadata;
        var doc = new Document
        {
            new StringField(IndexFields.Type, IndexFields.DocumentType, Field.Store.NO),
            new StringField(IndexFields.DocId, meta.DocId, Field.Store.YES),
            new StringField(IndexFields.RecordId, meta.DocId, Field.Store.NO),
            new StoredField(IndexFields.DocumentTitle, meta.Title),
            new StoredField(IndexFields.SourceType, meta.SourceType),
            new StoredField(IndexFields.Inferred, meta.Inferred ? 1 : 0),
            new StoredField(IndexFields.SourcePath, document.SourcePath),
            new StoredField(IndexFields.DocumentHash, document.ContentHash),
            new BinaryDocValuesField(IndexFields.RecordKey, new BytesRef(ResultsFingerprint.RecordKey(meta.DocId, document.ContentHash))),
            new StoredField(IndexFields.PassageCount, document.Passages.Count),
            new StoredField(IndexFields.CleanLength, document.CleanText.Length),
            new StoredField(IndexFields.Order, order),
            new NumericDocValuesField(IndexFields.Order, order),
        };

        void Optional(string field, string? value)
        {
            if (value is not null)
            {
                doc.Add(new StoredField(field, value));
            }
        }

        Optional(IndexFields.Site, meta.Site);
        Optional(IndexFields.AuthorName, meta.Author);
        Optional(IndexFields.Date, meta.Date);
        Optional(IndexFields.DatePrecision, meta.DatePrecision is { } precision ? Lower(precision.ToString()) : null);
        Optional(IndexFields.DateEvidence, meta.DateEvidence);
        Optional(IndexFields.Url, meta.Url);
        Optional(IndexFields.Warnings, document.Warnings.Count == 0 ? null : JsonSerializer.Serialize(document.Warnings.ToList(), StoredJson.Default.ListString));
        if (source is { } stamp)
        {
            doc.Add(new StoredField(IndexFields.SourceSize, stamp.Size));
            doc.Add(new StoredField(IndexFields.SourceTicks, stamp.Ticks));
        }

        return doc;
    }

    private static string Lower(string value) => value.ToLowerInvariant();
}
