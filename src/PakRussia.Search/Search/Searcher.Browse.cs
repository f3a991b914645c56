using Lucene.Net.Index;
using Lucene.Net.Search;
using PakRussia.Search.Citations;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Search;

/// <summary>Looking things up by id: passages with context, documents, completions, counts.</summary>
public sealed partial class Searcher
{
    /// <summary>Passage ids: a document id, ".p" and an ordinal. Anything else is rejected before it reaches the index.</summary>
    public static bool IsValidPassageId(string id) =>
        id.Length is > 0 and <= 120 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static bool IsValidDocId(string id) =>
        id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The passage, <paramref name="context"/> passages before and after it, its document and citation; null for an unknown id.</summary>
    public PassageView? Show(string passageId, int context = 0)
    {
        if (context < 0 || context > SearchLimits.MaxContext)
            throw new SearchRequestException($"context must be between 0 and {SearchLimits.MaxContext} (got {context}).");
        if (!IsValidPassageId(passageId))
            return null;

        using var lease = _generations.Acquire();
        var generation = lease.Generation;
        return Guarded(() =>
        {
            if (FindPassage(generation, passageId) is not { } passage || generation.Records.Find(passage.DocId) is not { } entry)
                return null;

            var before = new List<Passage>();
            var after = new List<Passage>();
            for (var ordinal = Math.Max(0, passage.Ordinal - context); ordinal <= passage.Ordinal + context; ordinal++)
            {
                if (ordinal != passage.Ordinal && FindPassage(generation, Passage.MakeId(passage.DocId, ordinal)) is { } neighbour)
                    (ordinal < passage.Ordinal ? before : after).Add(neighbour);
            }

            return new PassageView(
                passage,
                before,
                after,
                DocumentSummary.From(entry.Metadata, entry.SourcePath, entry.PassageCount, entry.Warnings) with { ContentHash = entry.ContentHash },
                CitationFormatter.Format(entry.Metadata, passage, CitationStyle.Plain),
                DuplicatesOf(generation, passage.PassageId))
            {
                Citations = CitationFormatter.All(entry.Metadata, passage),
            };
        });
    }

    /// <summary>A passage by its id (its stored fields), or null.</summary>
    internal static Passage? FindPassage(IndexGeneration generation, string passageId) =>
        FindDoc(generation, new Term(IndexFields.PassageId, passageId)) is { } doc ? PassageRecord.Read(generation.Doc(doc)) : null;

    /// <summary>The first live document with <paramref name="term"/> (global number), or null.</summary>
    internal static int? FindDoc(IndexGeneration generation, Term term) => FindDocIn(generation.IndexReader, term);

    /// <summary>The first live document of <paramref name="reader"/> with <paramref name="term"/> (global number), or null.</summary>
    internal static int? FindDocIn(IndexReader reader, Term term)
    {
        foreach (var leaf in reader.Leaves)
        {
            var docs = leaf.AtomicReader.GetTermDocsEnum(term);
            if (docs is null)
            {
                continue;
            }

            var live = leaf.AtomicReader.LiveDocs;
            while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                if (live is null || live.Get(docs.DocID))
                {
                    return leaf.DocBase + docs.DocID;
                }
            }
        }

        return null;
    }

    public IReadOnlyList<DocumentSummary> Documents() => Documents(0, int.MaxValue).Page;

    /// <summary>
    /// How many documents the index holds, and the <paramref name="count"/> of them (in corpus order) after the first
    /// <paramref name="offset"/>: only those are read, so a page of a 640k-document index costs a page.
    /// </summary>
    public (int Total, IReadOnlyList<DocumentSummary> Page) Documents(long offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        using var lease = _generations.Acquire();
        var records = lease.Generation.Records;
        return Guarded(() => (records.Count, (IReadOnlyList<DocumentSummary>)records.Page(offset, count)
            .Select(e => DocumentSummary.From(e.Metadata, e.SourcePath, e.PassageCount, e.Warnings) with { ContentHash = e.ContentHash }).ToList()));
    }

    /// <summary>A document's metadata and all its passages in order; null for an unknown id.</summary>
    public DocumentView? Document(string docId)
    {
        if (!IsValidDocId(docId))
            return null;
        using var lease = _generations.Acquire();
        var generation = lease.Generation;
        return Guarded(() =>
        {
            if (generation.Records.Find(docId) is not { } entry)
                return null;

            return new DocumentView(DocumentSummary.From(entry.Metadata, entry.SourcePath, entry.PassageCount, entry.Warnings) with { ContentHash = entry.ContentHash },
                PassagesOf(generation, docId));
        });
    }

    /// <summary>Every passage of a document (stored fields), in order.</summary>
    internal static IReadOnlyList<Passage> PassagesOf(IndexGeneration generation, string docId)
    {
        var passages = new List<Passage>();
        var term = new Term(IndexFields.DocId, docId);
        foreach (var leaf in generation.IndexReader.Leaves)
        {
            var docs = leaf.AtomicReader.GetTermDocsEnum(term);
            if (docs is null)
                continue;
            var live = leaf.AtomicReader.LiveDocs;
            var isPassage = leaf.AtomicReader.GetDocsWithField(IndexFields.PassageId);
            while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                if ((live is null || live.Get(docs.DocID)) && isPassage.Get(docs.DocID))
                    passages.Add(PassageRecord.Read(generation.Doc(leaf.DocBase + docs.DocID)));
            }
        }

        return passages.OrderBy(p => p.Ordinal).ToList();
    }

    /// <summary>Completions for the last word of what the user is typing, most frequent first.</summary>
    public IReadOnlyList<string> Suggest(string prefix, int limit = 10, CancellationToken cancellationToken = default)
    {
        var word = PassageAnalyzer.Surface.Terms(prefix).LastOrDefault();
        if (word is null || word.Length < 2 || !char.IsLetterOrDigit(prefix.TrimEnd()[^1]))
            return [];
        return Budgeted(null, cancellationToken, (generation, budget) =>
        {
            budget.Check();
            return generation.Vocabulary.WithPrefix(word, Math.Clamp(limit, 1, 50), out _).Select(t => t.Term).ToList();
        });
    }

    /// <summary>Files the last build skipped, with the reason.</summary>
    public IReadOnlyList<Corpus.SkippedFile> SkippedFiles()
    {
        using var lease = _generations.Acquire();
        return IndexBuilder.SkippedOf(lease.Generation.Commit);
    }

    public IndexStats Stats()
    {
        using var lease = _generations.Acquire();
        var commit = lease.Generation.Commit;
        return new IndexStats(commit.Count(IndexSchema.DocumentsKey), commit.Count(IndexSchema.PassagesKey), commit.Id,
            commit.UserData.GetValueOrDefault(IndexSchema.BuiltAtKey), commit.UserData.GetValueOrDefault(IndexSchema.SourceKey))
        {
            CorpusFingerprint = Guarded(() => lease.Generation.CorpusFingerprint),
        };
    }
}
