using Lucene.Net.Index;
using Lucene.Net.Search;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Querying;
using PakRussia.Search.Querying.Aliases;

namespace PakRussia.Search.Search;

/// <summary>One name of an alias line and how often the corpus's passage text has it.</summary>
public sealed record AliasVariantCount(string Name, bool CaseSensitive, long Occurrences, long Passages);

/// <summary>One line of the alias list with the counts of its names.</summary>
public sealed record AliasEntryReport(int Line, bool Explicit, IReadOnlyList<AliasVariantCount> From, IReadOnlyList<AliasVariantCount> To);

/// <summary>The alias list in force: its file, its lines with counts, and the lines left out.</summary>
public sealed record AliasReport(string File, string? Path, IReadOnlyList<AliasEntryReport> Entries, IReadOnlyList<string> Problems);

/// <summary>The alias list: what is in force and how often the corpus writes each name; candidates for new lines.</summary>
public sealed partial class Searcher
{
    /// <summary>The alias list in force, each name counted in the passages' text (word-for-word repeats once).</summary>
    public AliasReport AliasReport(CancellationToken cancellationToken = default) =>
        Budgeted(Timeout.InfiniteTimeSpan, cancellationToken, (generation, budget) =>
        {
            var list = AliasesOf(generation);
            var counted = new Dictionary<(string, bool), AliasVariantCount>();
            AliasVariantCount Count(AliasVariant variant)
            {
                budget.Check();
                var key = (variant.CaseSensitive ? variant.Text : string.Join(' ', variant.Words.Select(w => w.Folded)), variant.CaseSensitive);
                if (!counted.TryGetValue(key, out var count))
                {
                    var (occurrences, passages) = Occurrences(generation, VariantQuery(variant));
                    counted[key] = count = new AliasVariantCount(variant.Text, variant.CaseSensitive, occurrences, passages);
                }

                return count with { Name = variant.Text };
            }

            var entries = list.Entries
                .Select(e => new AliasEntryReport(e.Line, e.Explicit, e.From.Select(Count).ToList(), e.Explicit ? e.To.Select(Count).ToList() : []))
                .ToList();
            var path = Aliases?.Path ?? RecordedAliasesPath(generation);
            return new AliasReport(list.File, path, entries, list.Problems.Select(p => p.ToString()).ToList());
        });

    /// <summary>Candidate alias lines from the whole corpus's passage text, for review; the list itself is never changed.</summary>
    public IReadOnlyList<AliasSuggestion> SuggestAliases(int limit = 50, CancellationToken cancellationToken = default) =>
        Budgeted(Timeout.InfiniteTimeSpan, cancellationToken, (generation, budget) =>
        {
            var suggestions = new AliasSuggestions();
            var fields = new HashSet<string> { IndexFields.PassageId, IndexFields.StoredText };
            foreach (var leaf in generation.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                var searchable = reader.GetTermDocsEnum(new Term(IndexFields.Searchable, "1"));
                if (searchable is null)
                {
                    continue;
                }

                var live = reader.LiveDocs;
                for (var doc = searchable.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = searchable.NextDoc())
                {
                    if (live is not null && !live.Get(doc))
                    {
                        continue;
                    }

                    budget.Check();
                    var stored = reader.Document(doc, fields);
                    suggestions.Add(stored.Get(IndexFields.PassageId) ?? "", stored.Get(IndexFields.StoredText) ?? "");
                }
            }

            return suggestions.Results(AliasesOf(generation), limit);
        });

    private static string? RecordedAliasesPath(IndexGeneration generation) =>
        generation.Commit.UserData.TryGetValue(IndexSchema.SourceKey, out var source) && source.StartsWith(FolderCorpusSource.DescriptionPrefix, StringComparison.Ordinal)
            ? Path.Combine(source[FolderCorpusSource.DescriptionPrefix.Length..], AliasList.FileName)
            : null;

    /// <summary>A name as its own search over the passage text: a word or phrase as typed, or the marked copy of a case-sensitive name.</summary>
    private static Query? VariantQuery(AliasVariant variant)
    {
        if (variant.CaseSensitive)
        {
            return new TermQuery(new Term(IndexFields.Text, CapitalsFilter.MarkedTerm(variant.Text)));
        }

        var phrase = "\"" + QueryParserEscape(variant.Text) + "\"";
        return QueryCompiler.Compile(phrase, new QueryOptions { Fields = new Dictionary<string, float> { [IndexFields.Text] = 1f } }, null).Query;
    }

    private static string QueryParserEscape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>Occurrences (the scorer's frequency: term or phrase count) and passages of a query among searchable passages.</summary>
    private static (long Occurrences, long Passages) Occurrences(IndexGeneration generation, Query? query)
    {
        if (query is null)
        {
            return (0, 0);
        }

        var collector = new FrequencyCollector();
        generation.Search(query, collector);
        return (collector.Occurrences, collector.Passages);
    }

    private sealed class FrequencyCollector : ICollector
    {
        private Scorer? _scorer;

        public long Occurrences { get; private set; }

        public long Passages { get; private set; }

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context)
        {
        }

        public void Collect(int doc)
        {
            Passages++;
            Occurrences += _scorer?.Freq ?? 1;
        }
    }
}
