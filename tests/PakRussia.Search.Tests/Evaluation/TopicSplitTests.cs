using PakRussia.Search.Evaluation;

namespace PakRussia.Search.Tests.Evaluation;

public sealed class TopicSplitTests
{
    private static readonly TrecTopic[] Topics = [new("7", "a"), new("2", "b"), new("9", "c"), new("4", "d"), new("1", "e")];

    [Fact]
    public void Halves_alternate_by_position_in_the_file_not_by_id()
    {
        Assert.Equal(["7", "9", "1"], TopicSplit.Select(Topics, TopicHalf.Odd).Select(t => t.Id));
        Assert.Equal(["2", "4"], TopicSplit.Select(Topics, TopicHalf.Even).Select(t => t.Id));
        Assert.Same(Topics, TopicSplit.Select(Topics, TopicHalf.All));
    }

    [Fact]
    public void Restricted_judgments_keep_only_the_half_and_its_grades()
    {
        var qrels = new Qrels([("7", "d1", 2), ("7", "d2", 0), ("2", "d3", 1), ("9", "d4", 1), ("99", "d5", 1)]);

        var odd = TopicSplit.Restrict(qrels, TopicSplit.Select(Topics, TopicHalf.Odd));

        Assert.Equal(["7", "9"], odd.QueryIds);
        Assert.Equal(3, odd.JudgmentCount);
        Assert.Equal(2, odd.For("7")["d1"]);
        Assert.Equal(0, odd.For("7")["d2"]);
        Assert.Equal(0, odd.RelevantCount("2"));
        // "99" has no topic: outside every half (trec_eval -c would count it as a miss in the full run).
        Assert.Equal(0, odd.RelevantCount("99"));
    }
}
