namespace PakRussia.Search.Indexing;

/// <summary>
/// Every field name of the index, in one place. The index holds two kinds of Lucene documents, told apart by
/// <see cref="Type"/>: one per passage and one record per document (metadata and source file), written together as
/// one block so that a document is added, replaced or removed as a whole.
/// </summary>
/// <remarks>
/// Searchable passages (not headings, not word-for-word repeats) carry the analyzed fields <see cref="Text"/>,
/// <see cref="Title"/> and <see cref="Section"/> (positions for phrases; the text also offsets), the surface words in
/// <see cref="Words"/>, and the marker <see cref="Searchable"/>. Every passage carries its keys and the metadata that
/// facets, filters and sorts read: as indexed terms for filters and as doc values for the hot path (facet counts, sort
/// keys and hit ids never read stored fields). Stored fields are read only for the hits shown.
/// </remarks>
public static class IndexFields
{
    /// <summary>"passage" or "document".</summary>
    public const string Type = "type";
    public const string PassageType = "passage";
    public const string DocumentType = "document";

    /// <summary>Both kinds: the document id (term for updates and filters; sorted doc values on passages).</summary>
    public const string DocId = "doc_id";

    // ---- passages ----
    /// <summary>The passage id (term, stored, binary doc values).</summary>
    public const string PassageId = "passage_id";
    /// <summary>"1" on passages a search can return.</summary>
    public const string Searchable = "searchable";
    /// <summary>Passage text, analyzed with positions and offsets (searchable passages only; not stored here).</summary>
    public const string Text = "text";
    /// <summary>Every passage's text as written (stored only).</summary>
    public const string StoredText = "passage_text";
    /// <summary>The document title, analyzed on each searchable passage (weighted in BM25).</summary>
    public const string Title = "title";
    /// <summary>The heading the passage stands under: analyzed, stored.</summary>
    public const string Section = "section";
    /// <summary>
    /// The text, title and section of a searchable passage as one analyzed field (positions, no offsets; a gap of
    /// <see cref="Analysis.PassageAnalyzer.FieldGap"/> positions between the three, so no phrase spans two): what a bare
    /// query word searches, as Anserini's "flat" run searches title and text as one field. One postings list per word is
    /// one scorer per word: the product's AND top 10 went from 0.66–0.81 to 0.30–0.34 ms p50 at 638k passages against a
    /// disjunction over the three fields (docs/performance-history.md, run 4).
    /// </summary>
    public const string All = "all";
    /// <summary>A heading passage's own text, analyzed (quote lookup finds headings; searches find them through <see cref="Section"/>).</summary>
    public const string Heading = "heading";
    /// <summary>Surface words of the text (not stemmed, documents only): did-you-mean, completions, wildcard and fuzzy expansion.</summary>
    public const string Words = "words";
    /// <summary>
    /// A searchable passage's distinct surface words (sorted-set doc values; with <see cref="SurfaceSequence"/>, the word
    /// at each position of <see cref="Text"/>): the concordance's sorts and near filter and the collocates read a
    /// passage's words here instead of reading its stored text and analyzing it again.
    /// </summary>
    public const string Surface = "surface";
    /// <summary>Which of the passage's <see cref="Surface"/> words stands at each position (binary doc values, <see cref="Analysis.SurfaceSequence"/>).</summary>
    public const string SurfaceSequence = "surface_seq";
    /// <summary>How many words a searchable passage's text has (numeric doc values): what per-10,000-word rates divide by.</summary>
    public const string TextWords = "text_words";
    public const string Kind = "kind";
    /// <summary>Source type, lower case (term and sorted doc values).</summary>
    public const string Source = "source";
    /// <summary>Author as written (sorted doc values, for the facet).</summary>
    public const string Author = "author";
    /// <summary>Author, lower case (term: exact filters).</summary>
    public const string AuthorKey = "author_key";
    /// <summary>Author, analyzed (the <c>author:</c> query field matches its words).</summary>
    public const string AuthorText = "author_text";
    /// <summary>Year (numeric term and numeric doc values; absent when undated).</summary>
    public const string Year = "year";
    /// <summary>First and last day the document's date can stand for, as yyyymmdd (numeric term and doc values).</summary>
    public const string DateFirst = "date_first";
    public const string DateLast = "date_last";
    public const string Ordinal = "ordinal";
    public const string DuplicateOf = "duplicate_of";
    public const string Start = "start";
    public const string End = "end";
    public const string WordCount = "word_count";
    public const string ContentHash = "content_hash";
    public const string FootnoteNumber = "footnote";
    public const string PostNumber = "post";

    // ---- document records ----
    /// <summary>The document id again, on its record only (finds the record without its passages).</summary>
    public const string RecordId = "record_id";
    public const string DocumentTitle = "doc_title";
    public const string SourceType = "source_type";
    public const string Site = "site";
    public const string AuthorName = "author_name";
    public const string Date = "date";
    public const string DatePrecision = "date_precision";
    public const string DateEvidence = "date_evidence";
    public const string Url = "url";
    public const string Inferred = "inferred";
    public const string SourcePath = "source_path";
    public const string SourceSize = "source_size";
    public const string SourceTicks = "source_ticks";
    public const string DocumentHash = "doc_hash";
    /// <summary>The id and content hash again as one binary doc value ("id\0hash"): the corpus fingerprint reads them without stored fields.</summary>
    public const string RecordKey = "record_key";
    public const string PassageCount = "passage_count";
    public const string CleanLength = "clean_length";
    public const string Warnings = "warnings";
    /// <summary>The document's position in the corpus (listing or import order): <c>docs</c> lists documents by it.</summary>
    public const string Order = "order";

    /// <summary>
    /// The field a bare query word searches: <see cref="All"/>, text, title and section scored as one BM25 field. Weights
    /// given with a search (<c>--weight title=2</c>) search the three fields apart instead, each by its own BM25, the
    /// scores added.
    /// </summary>
    public static IReadOnlyDictionary<string, float> SearchBoosts { get; } = new Dictionary<string, float>
    {
        [All] = 1f,
    };

    /// <summary>
    /// The fields whose own BM25 (times <see cref="ScoredAlsoBoost"/>) a bare word's match adds to the all field's: a
    /// title or heading match counts once more on its own. Optional clauses: they never change what matches.
    /// </summary>
    public static IReadOnlyList<string> ScoredAlso { get; } = [Title, Section];

    /// <summary>
    /// The weight of <see cref="ScoredAlso"/>: chosen on Cranfield among 0, 0.2, 0.5 and 1 (nDCG@10 0.3655, 0.3716,
    /// 0.3739, 0.3722), confirmed on SciFact (0.6828, 0.6868, 0.6830, 0.6647; the three fields apart, as before, 0.6758
    /// and 0.3766). README, Quality.
    /// </summary>
    public const float ScoredAlsoBoost = 0.5f;

    /// <summary>The analyzed fields a query may name (<c>title:x</c>).</summary>
    public static IReadOnlyList<string> SearchFields { get; } = [Text, Title, Section];
}
