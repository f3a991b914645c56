using System.Text;
using PakRussia.Search.Corpus;

namespace PakRussia.Search.Passages;

/// <summary>The cleaned text of a document and the passages that point into it.</summary>
public sealed record PassageLayout(string CleanText, IReadOnlyList<Passage> Passages);

/// <summary>
/// Lays a document's cleaned blocks out into one text (blocks separated by a blank line) and cuts it into passages
/// along the document's own structure.
/// <list type="bullet">
/// <item>Headings and footnotes are passages of their own.</item>
/// <item>Short adjacent blocks of the same kind, section and post are merged until the passage has at least
/// <see cref="MinWords"/> words (lists: as many items as fit in <see cref="MaxWords"/>); a short block left over at the
/// end joins the passage before it when that fits.</item>
/// <item>A block longer than <see cref="MaxWords"/> is split at sentence ends into near-equal parts, never mid-sentence
/// (only a run-on "sentence" of more than three times the maximum is cut at a word boundary).</item>
/// <item>A passage whose normalised text repeats an earlier passage's gets <see cref="Passage.DuplicateOf"/>.</item>
/// </list>
/// <c>CleanText[Start..End] == Text</c> holds for every passage by construction.
/// </summary>
public static class PassageBuilder
{
    public const int MinWords = 30;
    public const int MaxWords = 200;

    private sealed class Group(int first, int words)
    {
        public List<int> Blocks { get; } = [first];
        public int Words { get; set; } = words;
        public int Last => Blocks[^1];
    }

    public static PassageLayout Build(string docId, IReadOnlyList<CleanedBlock> blocks)
    {
        var kept = blocks.Select(b => b with { Text = b.Text.Trim() }).Where(b => b.Text.Length > 0).ToList();
        var (cleanText, starts) = LayOut(kept);
        var words = kept.Select(b => TextPatterns.CountWords(b.Text)).ToArray();
        var groups = MakeGroups(kept, words);

        var passages = new List<Passage>();
        var firstByHash = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var first = kept[group.Blocks[0]];
            var last = kept[group.Last];
            foreach (var (start, end) in Pieces(kept, starts, words, group))
            {
                var text = cleanText[start..end];
                var hash = PassageHasher.Hash(text);
                var id = Passage.MakeId(docId, passages.Count);
                firstByHash.TryGetValue(hash, out var duplicateOf);
                firstByHash.TryAdd(hash, id);
                passages.Add(new Passage
                {
                    PassageId = id,
                    DocId = docId,
                    Ordinal = passages.Count,
                    Kind = last.Kind,
                    Section = first.Section,
                    Text = text,
                    Start = start,
                    End = end,
                    WordCount = TextPatterns.CountWords(text),
                    ContentHash = hash,
                    DuplicateOf = duplicateOf,
                    FootnoteNumber = first.FootnoteNumber,
                    PostNumber = first.PostNumber,
                });
            }
        }

        return new PassageLayout(cleanText, passages);
    }

    private static (string Text, int[] Starts) LayOut(List<CleanedBlock> blocks)
    {
        var builder = new StringBuilder(blocks.Sum(b => b.Text.Length + 2));
        var starts = new int[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            if (builder.Length > 0)
            {
                builder.Append("\n\n");
            }

            starts[i] = builder.Length;
            builder.Append(blocks[i].Text);
        }

        return (builder.ToString(), starts);
    }

    private static List<Group> MakeGroups(List<CleanedBlock> blocks, int[] words)
    {
        var origins = RepeatOrigins(blocks);
        bool SameRun(int previous, int next) =>
            (origins[previous] < 0 && origins[next] < 0) || (origins[previous] >= 0 && origins[next] == origins[previous] + 1);

        var groups = new List<Group>();
        for (var i = 0; i < blocks.Count;)
        {
            var group = new Group(i, words[i]);
            i++;
            if (StandsAlone(blocks[group.Last]))
            {
                groups.Add(group);
                continue;
            }

            while (i < blocks.Count && CanFollow(blocks[group.Last], blocks[i]) && SameRun(group.Last, i) && group.Words + words[i] <= MaxWords
                   && (group.Words < MinWords || blocks[i].Kind == PassageKind.List || blocks[group.Last].IntroducesList))
            {
                group.Blocks.Add(i);
                group.Words += words[i];
                i++;
            }

            var previous = groups.Count > 0 ? groups[^1] : null;
            if (group.Words < MinWords && previous != null && !StandsAlone(blocks[previous.Last])
                && CanFollow(blocks[previous.Last], blocks[group.Blocks[0]]) && SameRun(previous.Last, group.Blocks[0])
                && blocks[previous.Last].Kind == blocks[group.Last].Kind
                && previous.Words + group.Words <= MaxWords)
            {
                previous.Blocks.AddRange(group.Blocks);
                previous.Words += group.Words;
                continue;
            }

            groups.Add(group);
        }

        return groups;
    }

    /// <summary>
    /// For each block, the index of the earlier block it repeats word for word (or -1). A repeated block is merged only
    /// with the block that followed its original, so a re-quoted run of paragraphs groups exactly as the original did
    /// and the repeated passage can be linked to the first one.
    /// </summary>
    private static int[] RepeatOrigins(List<CleanedBlock> blocks)
    {
        var origins = new int[blocks.Count];
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
        {
            var key = PassageHasher.Normalise(blocks[i].Text);
            origins[i] = first.TryGetValue(key, out var origin) ? origin : -1;
            first.TryAdd(key, i);
        }

        return origins;
    }

    private static bool StandsAlone(CleanedBlock block) => block.Kind is PassageKind.Heading or PassageKind.Footnote;

    private static bool CanFollow(CleanedBlock previous, CleanedBlock next) =>
        !StandsAlone(next) && previous.Section == next.Section && previous.PostNumber == next.PostNumber
        && (previous.Kind == next.Kind || (previous.IntroducesList && next.Kind == PassageKind.List));

    /// <summary>The (start, end) ranges in the clean text of the passages one group becomes.</summary>
    private static IEnumerable<(int Start, int End)> Pieces(List<CleanedBlock> blocks, int[] starts, int[] words, Group group)
    {
        if (group.Blocks.Count > 1 || words[group.Last] <= MaxWords)
        {
            var first = group.Blocks[0];
            yield return (starts[first], starts[group.Last] + blocks[group.Last].Text.Length);
            yield break;
        }

        var block = blocks[group.Last];
        var offset = starts[group.Last];
        foreach (var (start, end) in SplitLong(block.Text, words[group.Last]))
        {
            yield return (offset + start, offset + end);
        }
    }

    /// <summary>Splits a long paragraph into sentence-aligned chunks of near-equal size, each at most <see cref="MaxWords"/> words.</summary>
    internal static List<(int Start, int End)> SplitLong(string text, int totalWords)
    {
        var sentences = new List<(int Start, int End, int Words)>();
        foreach (var (start, end) in SentenceSplitter.Split(text))
        {
            var count = TextPatterns.CountWords(text.AsSpan(start, end - start));
            if (count > 3 * MaxWords)
            {
                sentences.AddRange(CutRunOn(text, start, end));
            }
            else
            {
                sentences.Add((start, end, count));
            }
        }

        var parts = (totalWords + MaxWords - 1) / MaxWords;
        var target = (double)totalWords / parts;
        var chunks = new List<(int Start, int End, int Words)>();
        int chunkStart = -1, chunkEnd = 0, chunkWords = 0;
        foreach (var sentence in sentences)
        {
            if (chunkStart >= 0 && (chunkWords + sentence.Words > MaxWords || chunkWords >= target))
            {
                chunks.Add((chunkStart, chunkEnd, chunkWords));
                chunkStart = -1;
                chunkWords = 0;
            }

            if (chunkStart < 0)
            {
                chunkStart = sentence.Start;
            }

            chunkEnd = sentence.End;
            chunkWords += sentence.Words;
        }

        if (chunkStart >= 0)
        {
            if (chunks.Count > 0 && chunkWords < MinWords && chunks[^1].Words + chunkWords <= MaxWords)
            {
                var previous = chunks[^1];
                chunks[^1] = (previous.Start, chunkEnd, previous.Words + chunkWords);
            }
            else
            {
                chunks.Add((chunkStart, chunkEnd, chunkWords));
            }
        }

        return chunks.Select(c => (c.Start, c.End)).ToList();
    }

    /// <summary>A "sentence" of hundreds of words (a table, text without punctuation): cut at word boundaries.</summary>
    private static IEnumerable<(int Start, int End, int Words)> CutRunOn(string text, int start, int end)
    {
        var pieceStart = start;
        var count = 0;
        var inWord = false;
        for (var i = start; i < end; i++)
        {
            var space = char.IsWhiteSpace(text[i]);
            if (!space && !inWord)
            {
                if (count == MaxWords)
                {
                    var pieceEnd = i;
                    while (pieceEnd > pieceStart && char.IsWhiteSpace(text[pieceEnd - 1])) pieceEnd--;
                    yield return (pieceStart, pieceEnd, count);
                    pieceStart = i;
                    count = 0;
                }

                count++;
            }

            inWord = !space;
        }

        if (end > pieceStart)
        {
            yield return (pieceStart, end, count);
        }
    }
}
