using System.Text.Json;
using PakRussia.Search.Querying.Aliases;

namespace PakRussia.Search.Search;

/// <summary>
/// The answers of one index generation to the searches asked of it recently, least recently used out first, bounded by an
/// estimate of their size: the page asks the same search again as a reader pages back, toggles a facet and untoggles
/// it, or comes back from a document. An answer is served only to the same request (every field of it but the time
/// budget), from the same generation, under the same alias list; a new generation or alias list empties the cache.
/// </summary>
/// <remarks>
/// Answers are immutable records, so one can be handed to several requests. What is not cached: failures (a timeout
/// may pass next time), and anything but <see cref="Searcher.Search"/>.
/// </remarks>
internal sealed class ResultCache(long capacityBytes)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new(); // most recent first
    private (long Commit, string Id)? _generation; // not the generation itself: a closed reader is not kept alive
    private AliasList? _aliases;
    private long _bytes;

    public long CapacityBytes => capacityBytes;

    /// <summary>The estimated size of the answers held (for tests and diagnostics).</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The key of <paramref name="request"/>: all it asks for, whatever its time budget.</summary>
    public static string KeyOf(SearchRequest request) => JsonSerializer.Serialize(request with { TimeBudget = null }, JsonDefaults.Web);

    public SearchResponse? Find(IndexGeneration generation, AliasList aliases, string key)
    {
        lock (_gate)
        {
            if (!IsCurrent(generation, aliases) || !_entries.TryGetValue(key, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Response;
        }
    }

    public void Add(IndexGeneration generation, AliasList aliases, string key, SearchResponse response)
    {
        var bytes = SizeOf(key, response);
        if (bytes > capacityBytes / 4)
        {
            return; // one answer never pushes out most of the others
        }

        lock (_gate)
        {
            if (!IsCurrent(generation, aliases))
            {
                // A new generation or alias list (or, for a moment while it opens, a request still on the previous one).
                _entries.Clear();
                _recency.Clear();
                _bytes = 0;
                _generation = (generation.Commit.Generation, generation.Id);
                _aliases = aliases;
            }

            if (_entries.Remove(key, out var old))
            {
                _recency.Remove(old);
                _bytes -= old.Value.Bytes;
            }

            _entries[key] = _recency.AddFirst(new Entry(key, response, bytes));
            _bytes += bytes;
            while (_bytes > capacityBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Bytes;
            }
        }
    }

    private bool IsCurrent(IndexGeneration generation, AliasList aliases) =>
        _generation == (generation.Commit.Generation, generation.Id) && ReferenceEquals(aliases, _aliases);

    /// <summary>About what the answer holds in memory: its strings (two bytes a character) and a little per object.</summary>
    private static long SizeOf(string key, SearchResponse response)
    {
        long chars = key.Length + response.Query.Length;
        foreach (var hit in response.Hits)
        {
            chars += hit.Text.Length + hit.Highlight.Length + (hit.Snippet?.Length ?? 0) + hit.Citation.Length + hit.Title.Length
                + (hit.TitleHighlight?.Length ?? 0) + (hit.SectionHighlight?.Length ?? 0) + 8 * hit.Matches.Count + 256;
        }

        var facets = response.Facets;
        chars += 64L * (facets.SourceType.Count + facets.Year.Count + facets.Document.Count + facets.Author.Count);
        return 2 * chars + 1024;
    }

    private sealed record Entry(string Key, SearchResponse Response, long Bytes);
}
