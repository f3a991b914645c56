namespace PakRussia.Search.Evaluation;

/// <summary>Which topics of a test collection an evaluation runs.</summary>
public enum TopicHalf
{
    /// <summary>Every topic.</summary>
    All,

    /// <summary>The topics at odd positions of the topics file (1st, 3rd, 5th, …).</summary>
    Odd,

    /// <summary>The topics at even positions of the topics file (2nd, 4th, …).</summary>
    Even,
}

/// <summary>
/// A deterministic two-way split of the topics, for choosing settings on one half and measuring them on the other
/// (a collection without a training split otherwise gets tuned on its own test queries). Topics alternate by their
/// position in the topics file, so the halves differ by at most one topic, need no randomness and do not depend on
/// what the ids look like.
/// </summary>
public static class TopicSplit
{
    /// <summary>The topics of <paramref name="half"/>, in file order.</summary>
    public static IReadOnlyList<TrecTopic> Select(IReadOnlyList<TrecTopic> topics, TopicHalf half)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return half switch
        {
            TopicHalf.All => topics,
            TopicHalf.Odd => topics.Where((_, i) => i % 2 == 0).ToList(),
            TopicHalf.Even => topics.Where((_, i) => i % 2 == 1).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(half)),
        };
    }

    /// <summary>
    /// The judgments of the selected topics only, so that a half is scored over its own queries (trec_eval -c would
    /// otherwise count every judged query outside the half as a miss).
    /// </summary>
    public static Qrels Restrict(Qrels qrels, IReadOnlyList<TrecTopic> topics)
    {
        ArgumentNullException.ThrowIfNull(qrels);
        ArgumentNullException.ThrowIfNull(topics);
        var ids = topics.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        return new Qrels(qrels.QueryIds.Where(ids.Contains)
            .SelectMany(q => qrels.For(q).Select(j => (q, j.Key, j.Value))));
    }
}
