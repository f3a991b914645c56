using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PakRussia.Search.Citations;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Passages;
using PakRussia.Search.Querying;
using PakRussia.Search.Quotes;

namespace PakRussia.Search.Search;

/// <summary>Quote lookup: where a quote comes from, every place it occurs, and how faithful it is.</summary>
public sealed partial class Searcher
{
    /// <summary>How many of the quote's rarest words select the candidate passages.</summary>
    public const int QuoteProbeWords = 6;

    /// <summary>How many passages (best BM25 on the probe words first) are aligned with the quote.</summary>
    public const int QuoteCandidates = 150;

    /// <summary>Of those, how many are also tried joined with the passage before and after (quotes across a paragraph break).</summary>
    public const int QuoteJoinedCandidates = 20;

    /// <summary>
    /// Finds where <paramref name="quote"/> comes from. Candidates come from FTS5 only (never a scan): the
    /// <see cref="QuoteProbeWords"/> rarest words of the quote (by the vocabulary's document counts; stop words and
    /// words the index does not know are left out, so a misquoted word does not hide the passage) are OR-ed over the
    /// text column, and the best <see cref="QuoteCandidates"/> passages by BM25 are aligned word by word with the quote,
    /// together with the passages that repeat them word for word (not in FTS5, found through <c>duplicate_of</c>) and,
    /// for the best <see cref="QuoteJoinedCandidates"/>, their neighbours joined to them, for a quote that runs across a
    /// paragraph break. <see cref="QuoteProvenance"/> then groups, orders and marks the original.
    /// </summary>
    /// <param name="quote">The quote as the user has it: case, quote marks, dashes, accents, line breaks and hyphenation do not matter; "…" stands for left-out words.</param>
    /// <param name="maxMatches">At most this many different wordings are returned (each with all its occurrences).</param>
    /// <param name="style">The style of each match's <see cref="QuoteMatch.Citation"/>; <see cref="QuoteMatch.Citations"/> has them all.</param>
    /// <exception cref="SearchRequestException">
    /// The quote is too short (under 4 words) or too long (over 400 words or 3,000 characters), or maxMatches is out of
    /// range: bad input (CLI exit 2, HTTP 400), like a malformed search.
    /// </exception>
    /// <param name="cancellationToken">Stops the lookup (inside SQLite) when the caller goes away; the lookup also runs under <see cref="TimeBudget"/>.</param>
    public QuoteResult FindQuote(string quote, int maxMatches = 20, CitationStyle style = CitationStyle.Plain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(quote);
        if (maxMatches is < 1 or > SearchLimits.MaxPageSize)
            throw new SearchRequestException($"maxMatches must be between 1 and {SearchLimits.MaxPageSize} (got {maxMatches}).");
        var validation = QuoteAligner.Validate(quote);
        if (!validation.IsValid)
            throw new SearchRequestException(validation.Message + ".");

        return Budgeted(null, cancellationToken, (connection, budget) => FindQuote(connection, budget, quote, maxMatches, style));
    }

    private static QuoteResult FindQuote(SqliteConnection connection, QueryBudget budget, string quote, int maxMatches, CitationStyle style)
    {
        var catalog = DocumentCatalog.For(connection);
        var probe = ProbeWords(connection, quote);
        if (probe.Count == 0)
            return new QuoteResult(quote, false, QuoteProvenance.NotFoundMessage, [], []);

        budget.Check();
        var ranked = RankCandidates(connection, probe);
        budget.Check();
        var passages = ReadRows(connection, catalog, ranked);
        var duplicates = ReadDuplicates(connection, catalog, passages.Values.Select(p => p.Passage.PassageId));

        // Neighbours of the best candidates, for joined pairs (row ids of one document are consecutive ordinals).
        var joinedFrom = ranked.Take(QuoteJoinedCandidates).ToList();
        var neighbourIds = joinedFrom.SelectMany(r => new[] { r - 1, r + 1 })
            .Where(r => (r & (IndexSchema.MaxPassagesPerDocument - 1)) != IndexSchema.MaxPassagesPerDocument - 1 && !passages.ContainsKey(r))
            .Distinct()
            .ToList();
        var neighbours = ReadRows(connection, catalog, neighbourIds);

        // Aligned first at the match threshold, where the cheap word-overlap bound skips most passages; only when
        // nothing matches a second time at the "closest" floor, for the nearest passages.
        var folded = new FoldedText(quote);
        var folds = new Dictionary<long, FoldedText>();
        var (result, sources, through) = Align(folded, QuoteAligner.DefaultThreshold);
        if (!result.Found)
            (result, sources, through) = Align(folded, QuoteProvenance.ClosestFloor);

        (QuoteResult, Dictionary<string, (DocumentMetadata, Passage)>, Dictionary<string, string>) Align(FoldedText folded, double threshold)
        {
            var aligned = new Dictionary<long, QuoteCandidate>();
            foreach (var (rowId, (passage, doc)) in passages)
            {
                budget.Check();
                if (!folds.TryGetValue(rowId, out var text))
                    folds[rowId] = text = new FoldedText(passage.Text);
                if (QuoteAligner.Align(folded, text, threshold) is { } alignment)
                    aligned[rowId] = new QuoteCandidate(doc.Metadata, passage, alignment);
            }

            var joined = JoinAcrossBreaks(folded, threshold, joinedFrom, passages, neighbours, aligned);
            var used = joined.SelectMany(j => new[] { j.First, j.Second }).ToHashSet();
            var candidates = new List<QuoteCandidate>();
            var sources = new Dictionary<string, (DocumentMetadata Document, Passage Passage)>(StringComparer.Ordinal);
            foreach (var (rowId, candidate) in aligned)
            {
                if (used.Contains(rowId))
                    continue;
                candidates.Add(candidate);
                sources[candidate.Passage.PassageId] = (candidate.Document, candidate.Passage);
                foreach (var (copy, doc) in duplicates.GetValueOrDefault(candidate.Passage.PassageId) ?? [])
                {
                    // Word for word the same text (normalised), so aligned afresh only to get the offsets right.
                    if (QuoteAligner.Align(folded, new FoldedText(copy.Text), QuoteProvenance.ClosestFloor) is { } alignment)
                    {
                        candidates.Add(new QuoteCandidate(doc.Metadata, copy, alignment));
                        sources[copy.PassageId] = (doc.Metadata, copy);
                    }
                }
            }

            var through = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in joined)
            {
                candidates.Add(pair.Candidate);
                var first = passages.TryGetValue(pair.First, out var p) ? p : neighbours[pair.First];
                sources[pair.Candidate.Passage.PassageId] = (first.Document.Metadata, first.Passage);
                var second = passages.TryGetValue(pair.Second, out var q) ? q : neighbours[pair.Second];
                through[pair.Candidate.Passage.PassageId] = second.Passage.PassageId;
            }

            return (QuoteProvenance.Resolve(quote, candidates), sources, through);
        }

        var matches = result.Matches.Take(maxMatches).Select(m =>
        {
            var (document, passage) = sources[m.PassageId];
            var citations = CitationFormatter.All(document, passage);
            return m with
            {
                Citation = Pick(citations, style),
                Citations = citations,
                ThroughPassageId = through.GetValueOrDefault(m.PassageId),
            };
        }).ToList();
        return result with { Matches = matches };
    }

    private static string Pick(CitationSet set, CitationStyle style) => style switch
    {
        CitationStyle.Apa => set.Apa,
        CitationStyle.BibTeX => set.Bibtex,
        CitationStyle.Ris => set.Ris,
        _ => set.Plain,
    };

    /// <summary>The quote's rarest words the index knows (stop words and one-letter words left out), rarest first.</summary>
    private static List<string> ProbeWords(SqliteConnection connection, string quote)
    {
        var words = WordTokenizer.Words(quote)
            .Where(w => w.Length > 1 && w.Length <= 64 && !StopWords.English.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (words.Count == 0)
            return [];
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT term, doc_count FROM vocabulary WHERE term IN (SELECT value FROM json_each($terms))";
        command.Parameters.AddWithValue("$terms", JsonSerializer.Serialize(words));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return words.Where(w => counts.GetValueOrDefault(w) > 0)
            .OrderBy(w => counts[w])
            .ThenByDescending(w => w.Length)
            .Take(QuoteProbeWords)
            .ToList();
    }

    /// <summary>Row ids of the passages (text column only) best matching any probe word, best BM25 first.</summary>
    private static List<long> RankCandidates(SqliteConnection connection, IReadOnlyList<string> probe)
    {
        using var command = connection.CreateCommand();
        // Words are letters and digits only (WordTokenizer), so quoting them as FTS5 strings is safe.
        command.CommandText = "SELECT rowid FROM passage_fts WHERE passage_fts MATCH $m ORDER BY rank LIMIT $n";
        command.Parameters.AddWithValue("$m", "text : (" + string.Join(" OR ", probe.Select(w => $"\"{w}\"")) + ")");
        command.Parameters.AddWithValue("$n", QuoteCandidates);
        var ids = new List<long>();
        using var reader = Execute(command);
        while (reader.Read())
            ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static Dictionary<long, (Passage Passage, DocumentCatalog.Entry Document)> ReadRows(SqliteConnection connection, DocumentCatalog catalog, IReadOnlyCollection<long> rowIds)
    {
        var rows = new Dictionary<long, (Passage, DocumentCatalog.Entry)>();
        if (rowIds.Count == 0)
            return rows;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {PassageRecord.Columns} FROM passages p WHERE p.rowid IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(rowIds));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var (rowId, docKey, passage) = PassageRecord.Read(reader);
            if (catalog.ByKey.TryGetValue(docKey, out var doc))
                rows[rowId] = (passage with { DocId = doc.Metadata.DocId }, doc);
        }

        return rows;
    }

    /// <summary>The passages that repeat each of the given passages word for word, by the id of the repeated one.</summary>
    private static Dictionary<string, List<(Passage Passage, DocumentCatalog.Entry Document)>> ReadDuplicates(SqliteConnection connection, DocumentCatalog catalog, IEnumerable<string> passageIds)
    {
        var copies = new Dictionary<string, List<(Passage, DocumentCatalog.Entry)>>(StringComparer.Ordinal);
        var ids = passageIds.ToList();
        if (ids.Count == 0)
            return copies;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {PassageRecord.Columns} FROM passages p WHERE p.duplicate_of IN (SELECT value FROM json_each($ids)) ORDER BY p.rowid";
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ids));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var (_, docKey, passage) = PassageRecord.Read(reader);
            if (catalog.ByKey.TryGetValue(docKey, out var doc) && passage.DuplicateOf is { } of)
            {
                if (!copies.TryGetValue(of, out var list))
                    copies[of] = list = [];
                list.Add((passage with { DocId = doc.Metadata.DocId }, doc));
            }
        }

        return copies;
    }

    private sealed record JoinedPair(long First, long Second, QuoteCandidate Candidate);

    /// <summary>
    /// Tries each of the best candidates joined with its neighbours. A pair is kept when the quote aligns across the
    /// break clearly better than in either passage alone; its two passages then stand only as the pair.
    /// </summary>
    private static List<JoinedPair> JoinAcrossBreaks(FoldedText quote, double threshold, IReadOnlyList<long> from,
        Dictionary<long, (Passage Passage, DocumentCatalog.Entry Document)> passages,
        Dictionary<long, (Passage Passage, DocumentCatalog.Entry Document)> neighbours,
        Dictionary<long, QuoteCandidate> aligned)
    {
        bool TryGet(long rowId, out (Passage Passage, DocumentCatalog.Entry Document) row) =>
            passages.TryGetValue(rowId, out row) || neighbours.TryGetValue(rowId, out row);

        var tried = new HashSet<long>();
        var found = new List<JoinedPair>();
        foreach (var first in from.SelectMany(r => new[] { r - 1, r }))
        {
            if (!tried.Add(first) || !TryGet(first, out var a) || !TryGet(first + 1, out var b))
                continue;
            if (a.Document.DocKey != b.Document.DocKey || b.Passage.Start < a.Passage.End)
                continue;

            // The gap is filled with line breaks of its length, so offsets in the joined text plus the first passage's
            // start are offsets in the document.
            var gap = Math.Max(1, b.Passage.Start - a.Passage.End);
            var text = a.Passage.Text + new string('\n', gap) + b.Passage.Text;
            var alignment = QuoteAligner.Align(quote, new FoldedText(text), threshold);
            if (alignment is null || alignment.Start >= a.Passage.Text.Length || alignment.End <= a.Passage.Text.Length + gap)
                continue;
            var alone = Math.Max(aligned.GetValueOrDefault(first)?.Alignment.Similarity ?? 0, aligned.GetValueOrDefault(first + 1)?.Alignment.Similarity ?? 0);
            if (alignment.Similarity < alone + 0.05)
                continue;
            var joined = a.Passage with { Text = text, End = b.Passage.End, DuplicateOf = null };
            found.Add(new JoinedPair(first, first + 1, new QuoteCandidate(a.Document.Metadata, joined, alignment)));
        }

        // A passage belongs to one pair at most: the best.
        var taken = new HashSet<long>();
        return found.OrderByDescending(p => p.Candidate.Alignment.Similarity)
            .Where(p => !taken.Contains(p.First) && !taken.Contains(p.Second) && taken.Add(p.First) && taken.Add(p.Second))
            .ToList();
    }
}
