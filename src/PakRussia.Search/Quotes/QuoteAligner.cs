namespace PakRussia.Search.Quotes;

/// <summary>
/// Finds a quote in a text word by word: exact when every folded word matches in order, near when a
/// word-level alignment (edit distance with the text's ends free) reaches the similarity threshold.
/// </summary>
/// <remarks>
/// Comparison is on <see cref="FoldedText.Tokens"/>, so case, curly quotes, dashes, diacritics, whitespace,
/// line breaks and hyphenation do not count as differences. A hyphen-joined pair on either side also matches
/// the single joined word on the other ("narco-economy" ≈ "narcoeconomy"). An ellipsis in the quote lets up to
/// <see cref="MaxEllipsisGap"/> corpus words be skipped at no cost.
/// Cost is O(quote words × text words) time with a byte per cell for the trace back; texts far longer than the
/// quote are narrowed to the windows richest in quote words first.
/// </remarks>
public static class QuoteAligner
{
    /// <summary>Default similarity a near match needs.</summary>
    public const double DefaultThreshold = 0.6;

    /// <summary>How many corpus words an ellipsis in the quote may stand for.</summary>
    public const int MaxEllipsisGap = 60;

    public const int MinQuoteWords = 4;
    public const int MaxQuoteWords = 400;
    public const int MaxQuoteChars = 3000;

    private const long MaxCells = 4_000_000;

    private enum Op : byte { None, Match, Change, JoinCorpus, JoinQuote, Extra, Missing, Skip }

    /// <summary>Checks that a quote is worth looking up: at least 4 words, at most 400 words and 3,000 characters.</summary>
    public static QuoteValidation Validate(string quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var tokens = new FoldedText(quote).Tokens.Select(t => t.Text).ToList();
        if (quote.Length > MaxQuoteChars)
        {
            return new QuoteValidation(false, $"A quote can have at most {MaxQuoteChars:N0} characters (this one has {quote.Length:N0})", tokens);
        }

        if (tokens.Count > MaxQuoteWords)
        {
            return new QuoteValidation(false, $"A quote can have at most {MaxQuoteWords} words (this one has {tokens.Count})", tokens);
        }

        if (tokens.Count < MinQuoteWords)
        {
            return new QuoteValidation(false, $"A quote needs at least {MinQuoteWords} words", tokens);
        }

        return new QuoteValidation(true, null, tokens);
    }

    /// <summary>Aligns <paramref name="quote"/> with <paramref name="text"/>; null when the similarity is below <see cref="DefaultThreshold"/>.</summary>
    public static QuoteAlignment? Align(string quote, string text) => Align(quote, text, DefaultThreshold);

    /// <summary>Aligns <paramref name="quote"/> with <paramref name="text"/>; null when the similarity is below <paramref name="threshold"/>.</summary>
    public static QuoteAlignment? Align(string quote, string text, double threshold)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(text);
        return Align(new FoldedText(quote), new FoldedText(text), threshold);
    }

    /// <summary>
    /// Aligns an already folded quote with an already folded text (fold the quote once when trying many passages).
    /// Offsets in the result point into <paramref name="text"/>'s <see cref="FoldedText.Source"/>.
    /// </summary>
    public static QuoteAlignment? Align(FoldedText quote, FoldedText text, double threshold)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(text);
        var q = quote.Tokens;
        var p = text.Tokens;
        if (q.Count == 0 || p.Count == 0)
        {
            return null;
        }

        // Cheap pre-check, an upper bound: similarity <= (quote words found anywhere in the text) / (quote words).
        var corpusWords = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < p.Count; j++)
        {
            corpusWords.Add(p[j].Text);
            if (p[j].JoinedToPrevious)
            {
                corpusWords.Add(p[j - 1].Text + p[j].Text);
            }
        }

        var hits = 0;
        for (var i = 0; i < q.Count; i++)
        {
            if (corpusWords.Contains(q[i].Text)
                || (q[i].JoinedToPrevious && corpusWords.Contains(q[i - 1].Text + q[i].Text))
                || (i + 1 < q.Count && q[i + 1].JoinedToPrevious && corpusWords.Contains(q[i].Text + q[i + 1].Text)))
            {
                hits++;
            }
        }

        if (hits == 0 || (double)hits / q.Count < threshold)
        {
            return null;
        }

        QuoteAlignment? best = null;
        foreach (var (from, to) in Windows(q, p))
        {
            var candidate = AlignWindow(quote, text, from, to);
            if (candidate != null && (best == null || candidate.Similarity > best.Similarity))
            {
                best = candidate;
            }
        }

        return best != null && best.Similarity >= threshold ? best : null;
    }

    /// <summary>The token ranges of the text to align in: all of it, or for very long texts the densest windows.</summary>
    private static IEnumerable<(int From, int To)> Windows(IReadOnlyList<FoldedToken> q, IReadOnlyList<FoldedToken> p)
    {
        if ((long)q.Count * p.Count <= MaxCells)
        {
            yield return (0, p.Count);
            yield break;
        }

        var quoteWords = new HashSet<string>(q.Select(t => t.Text), StringComparer.Ordinal);
        var width = Math.Min(p.Count, q.Count + (q.Count / 2) + (q.Count(t => t.AfterEllipsis) * MaxEllipsisGap) + 10);
        var isHit = p.Select(t => quoteWords.Contains(t.Text) ? 1 : 0).ToArray();
        var sum = isHit.Take(width).Sum();
        var scored = new List<(int Score, int Start)> { (sum, 0) };
        for (var s = 1; s + width <= p.Count; s++)
        {
            sum += isHit[s + width - 1] - isHit[s - 1];
            scored.Add((sum, s));
        }

        var taken = new List<int>();
        foreach (var (_, start) in scored.OrderByDescending(x => x.Score).ThenBy(x => x.Start))
        {
            if (taken.Any(t => Math.Abs(t - start) < width))
            {
                continue;
            }

            taken.Add(start);
            yield return (Math.Max(0, start - q.Count), Math.Min(p.Count, start + width + q.Count));
            if (taken.Count == 3)
            {
                yield break;
            }
        }
    }

    private static QuoteAlignment? AlignWindow(FoldedText quote, FoldedText text, int from, int to)
    {
        var q = quote.Tokens;
        var p = text.Tokens;
        var m = q.Count;
        var n = to - from;
        var w = n + 1;

        // Fitting alignment: all of the quote against any stretch of the text (text ends free).
        var cost = new int[(m + 1) * w];
        var ops = new Op[(m + 1) * w];
        var skips = new Dictionary<int, (int[] From, Op[] Ops)>();

        for (var i = 1; i <= m; i++)
        {
            var row = i * w;
            var up = (i - 1) * w;
            var qt = q[i - 1];
            cost[row] = cost[up] + 1;
            ops[row] = Op.Extra;
            for (var j = 1; j <= n; j++)
            {
                var pt = p[from + j - 1];
                int bestCost;
                Op bestOp;
                if (qt.Text == pt.Text)
                {
                    bestCost = cost[up + j - 1];
                    bestOp = Op.Match;
                }
                else
                {
                    bestCost = cost[up + j - 1] + 1;
                    bestOp = Op.Change;
                    if (j >= 2 && pt.JoinedToPrevious && string.Concat(p[from + j - 2].Text, pt.Text) == qt.Text
                        && cost[up + j - 2] < bestCost)
                    {
                        bestCost = cost[up + j - 2];
                        bestOp = Op.JoinCorpus;
                    }

                    if (i >= 2 && qt.JoinedToPrevious && string.Concat(q[i - 2].Text, qt.Text) == pt.Text
                        && cost[((i - 2) * w) + j - 1] < bestCost)
                    {
                        bestCost = cost[((i - 2) * w) + j - 1];
                        bestOp = Op.JoinQuote;
                    }
                }

                if (cost[up + j] + 1 < bestCost)
                {
                    bestCost = cost[up + j] + 1;
                    bestOp = Op.Extra;
                }

                if (cost[row + j - 1] + 1 < bestCost)
                {
                    bestCost = cost[row + j - 1] + 1;
                    bestOp = Op.Missing;
                }

                cost[row + j] = bestCost;
                ops[row + j] = bestOp;
            }

            // After the last word of an ellipsis segment, up to MaxEllipsisGap corpus words may be skipped free.
            if (i < m && q[i].AfterEllipsis)
            {
                var from2 = new int[w];
                var window = new LinkedList<int>(); // columns with increasing cost: sliding-window minimum
                for (var j = 0; j <= n; j++)
                {
                    while (window.Count > 0 && cost[row + window.Last!.Value] >= cost[row + j])
                    {
                        window.RemoveLast();
                    }

                    window.AddLast(j);
                    while (window.First!.Value < j - MaxEllipsisGap)
                    {
                        window.RemoveFirst();
                    }

                    from2[j] = window.First.Value;
                }

                var rowCost = cost.AsSpan(row, w).ToArray();
                var rowOps = ops.AsSpan(row, w).ToArray();
                for (var j = 0; j <= n; j++)
                {
                    var k = from2[j];
                    if (k != j && rowCost[k] < rowCost[j])
                    {
                        cost[row + j] = rowCost[k];
                        ops[row + j] = Op.Skip;
                    }
                }

                skips[i] = (from2, rowOps);
            }
        }

        // Best end column: lowest cost, earliest on ties.
        var last = m * w;
        var endJ = 0;
        for (var j = 1; j <= n; j++)
        {
            if (cost[last + j] < cost[last + endJ])
            {
                endJ = j;
            }
        }

        return TraceBack(quote, text, from, w, ops, skips, m, endJ);
    }

    private static QuoteAlignment? TraceBack(FoldedText quote, FoldedText text, int from, int w, Op[] ops, Dictionary<int, (int[] From, Op[] Ops)> skips, int m, int endJ)
    {
        var q = quote.Tokens;
        var p = text.Tokens;

        // Walk back, collecting columns in reverse: (op, quote token range, corpus token range).
        var columns = new List<(Op Op, int Qi, int Qn, int Pj, int Pn)>();
        var i = m;
        var j = endJ;
        while (i > 0)
        {
            var op = ops[(i * w) + j];
            if (op == Op.Skip)
            {
                // The skipped-to cell's own step, as it was before skipping was allowed (never a second skip).
                var (skipTo, rowOps) = skips[i];
                j = skipTo[j];
                op = rowOps[j];
            }

            switch (op)
            {
                case Op.Match:
                case Op.Change:
                    columns.Add((op, i - 1, 1, j - 1, 1));
                    i--;
                    j--;
                    break;
                case Op.JoinCorpus:
                    columns.Add((op, i - 1, 1, j - 2, 2));
                    i--;
                    j -= 2;
                    break;
                case Op.JoinQuote:
                    columns.Add((op, i - 2, 2, j - 1, 1));
                    i -= 2;
                    j--;
                    break;
                case Op.Extra:
                    columns.Add((op, i - 1, 1, j, 0));
                    i--;
                    break;
                case Op.Missing:
                    columns.Add((op, i, 0, j - 1, 1));
                    j--;
                    break;
                default:
                    throw new InvalidOperationException("Broken alignment trace.");
            }
        }

        columns.Reverse();
        var matched = 0;
        var firstP = -1;
        var lastP = -1;
        foreach (var c in columns)
        {
            if (c.Op is Op.Match or Op.JoinCorpus or Op.JoinQuote)
            {
                matched++;
            }

            if (c.Op is Op.Match or Op.Change or Op.JoinCorpus or Op.JoinQuote)
            {
                if (firstP < 0)
                {
                    firstP = c.Pj;
                }

                lastP = c.Pj + c.Pn - 1;
            }
        }

        if (matched == 0 || firstP < 0)
        {
            return null;
        }

        // Group runs of disagreeing columns into differences.
        var differences = new List<WordDifference>();
        var corpusRun = new List<string>();
        var quoteRun = new List<string>();
        void Flush()
        {
            if (corpusRun.Count == 0 && quoteRun.Count == 0)
            {
                return;
            }

            var kind = corpusRun.Count > 0 && quoteRun.Count > 0 ? DifferenceKind.Changed
                : corpusRun.Count > 0 ? DifferenceKind.Missing : DifferenceKind.Extra;
            differences.Add(new WordDifference(kind, [.. corpusRun], [.. quoteRun]));
            corpusRun.Clear();
            quoteRun.Clear();
        }

        var previousQuoteEnd = -1;
        foreach (var c in columns)
        {
            // An ellipsis in the quote ends a run of differences.
            if (c.Qn > 0 && previousQuoteEnd >= 0 && c.Qi == previousQuoteEnd && q[c.Qi].AfterEllipsis)
            {
                Flush();
            }

            if (c.Qn > 0)
            {
                previousQuoteEnd = c.Qi + c.Qn;
            }

            if (c.Op is Op.Match or Op.JoinCorpus or Op.JoinQuote)
            {
                Flush();
                continue;
            }

            for (var k = 0; k < c.Pn; k++)
            {
                corpusRun.Add(text.Surface(p[from + c.Pj + k]));
            }

            for (var k = 0; k < c.Qn; k++)
            {
                quoteRun.Add(quote.Surface(q[c.Qi + k]));
            }
        }

        Flush();

        var similarity = (double)matched / columns.Count;
        var exact = matched == columns.Count;
        return new QuoteAlignment(
            exact ? 1.0 : similarity,
            exact,
            p[from + firstP].Start,
            p[from + lastP].End,
            differences.SelectMany(d => d.CorpusWords).ToList(),
            differences.SelectMany(d => d.QuoteWords).ToList(),
            differences);
    }
}
