using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;

namespace PakRussia.Search.Search;

/// <summary>
/// The settings of "more like this": how Lucene.Net.Queries' <see cref="MoreLikeThis"/> picks the words that stand for a
/// passage, and how much each field counts. Chosen on the seeds (README, Similar passages; tests in SimilarTests), on the
/// pair the issue names: the news report's paragraph on "$2 billion North South Gas Pipeline project" (one line in a list
/// of deals) and the explainer's list under "Pakistan Stream Gas Pipeline". Passages are 30–200 words, so a word that
/// occurs once is already telling (min term freq 1); a word in one passage only (the source itself) can find nothing
/// (min doc freq 2).
/// </summary>
public sealed record SimilarSettings
{
    /// <summary>A word must occur at least this often in the source to be used.</summary>
    public int MinTermFreq { get; init; } = 1;

    /// <summary>A word must be in at least this many passages (the source counts) to be used.</summary>
    public int MinDocFreq { get; init; } = 2;

    /// <summary>
    /// Words in more than this share of the passages are left out (percent): "Pakistan" and "Russia" are in most passages
    /// of this corpus and say nothing about one of them. At 33% the news paragraph ranked the explainer's pipeline passage
    /// outside its first ten (25 words) or second (40); at 10%, fourth (25 words), third (30), first (32 and more).
    /// </summary>
    public int MaxDocFreqPercent { get; init; } = 10;

    /// <summary>
    /// At most this many words, the most telling first (tf × idf). Lucene's 25 cuts a long passage that lists many topics
    /// down to its rarest words; 30 keeps "gas" and "pipeline" of the news paragraph. Each word adds a clause per field, and
    /// the clauses are most of the cost at 638k passages (README, Similar passages: 25 against 40 words).
    /// </summary>
    public int MaxQueryTerms { get; init; } = 30;

    /// <summary>Each word's clause is boosted by its tf × idf relative to the best word's.</summary>
    public bool Boost { get; init; } = true;

    /// <summary>
    /// Weight of a word's match in a passage's section heading, beside its match in the text (1). As in search (1): an
    /// explainer puts its topic in headings ("Pakistan Stream Gas Pipeline") over a few list items; at 0.5 the news
    /// report's pipeline paragraph ranked the explainer's pipeline passage fifth, at 1 second.
    /// </summary>
    public float SectionWeight { get; init; } = 1f;

    /// <summary>
    /// Weight of a word's match in a passage's document title. Low: every passage of a document shares its title, so at the
    /// text's weight the source's own document filled the list.
    /// </summary>
    public float TitleWeight { get; init; } = 0.2f;

    /// <summary>Words read from each field of the source (Lucene's default, 5,000, covers any passage).</summary>
    public int MaxTokensParsed { get; init; } = 5000;

    /// <summary>Words read from a whole document's text for <c>similar --doc</c>.</summary>
    public const int DocumentTokens = 50_000;

    public static SimilarSettings Default { get; } = new();

    /// <summary>
    /// Words that never stand for a passage: Lucene's English stop words and the other function words of English
    /// (pronouns, auxiliaries, determiners, common adverbs and prepositions), as the index writes them (stemmed).
    /// A search keeps them (a phrase needs them); a comparison of two passages' arguments does not.
    /// </summary>
    public static IReadOnlySet<string> IgnoredWords => IgnoredSet;

    /// <summary>The same set as MoreLikeThis takes it (it only reads it): built once, not per comparison.</summary>
    internal static HashSet<string> IgnoredSet { get; } = IgnoredStems();

    private const string FunctionWords =
        "about above after again against all also although am among an any anyone anything are around as because been before being below " +
        "between both can cannot could did do does doing done down during each either else even ever every few from further had has have " +
        "having he her here hers herself him himself his how however i its itself just least less let like many may me might more most much " +
        "must my myself neither nor now off often once one only other others otherwise ought our ours ourselves out over own per perhaps " +
        "quite rather same shall she should since so some something still than those though through thus too toward towards under unless " +
        "until up upon us very via was we well were what whatever when whenever where whereas whether which while who whoever whom whose " +
        "why within without would yet you your yours yourself yourselves them themselves";

    private static HashSet<string> IgnoredStems()
    {
        var words = FunctionWords.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Concat(PassageAnalyzer.EnglishStopWords.Select(w => w?.ToString() ?? ""));
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            foreach (var stem in PassageAnalyzer.Index.Terms(word))
            {
                stems.Add(stem);
            }
        }

        return stems;
    }
}

/// <summary>
/// What a similarity search starts from: the words of a passage (its text and the heading it stands under), a document
/// (its passages, headings and title), or pasted text.
/// </summary>
internal sealed record SimilarSource(string Words);

/// <summary>One word <see cref="MoreLikeThis"/> chose (as indexed: stemmed), and its boost (tf × idf relative to the best word's).</summary>
public sealed record SimilarTerm(string Term, double Boost);

/// <summary>
/// Builds the Lucene query of a similarity search. <see cref="MoreLikeThis.RetrieveTerms(System.IO.TextReader, string)"/>
/// reads the source's words with the query chain (stop words dropped, stemmed as the index is) and keeps the most telling
/// (tf × idf, document frequency the highest over text, section and title); each word then matches a passage's text, its
/// section and its title, at <see cref="SimilarSettings.SectionWeight"/> and <see cref="SimilarSettings.TitleWeight"/>,
/// all ORed. A heading's words thus find the same words in another passage's text ("Gas Pipeline" under a heading here,
/// in a sentence there). Only the words; exclusions are the caller's.
/// </summary>
internal static class SimilarQuery
{
    public static (BooleanQuery Query, IReadOnlyList<SimilarTerm> Terms) Build(IndexReader reader, SimilarSource source, SimilarSettings settings)
    {
        var mlt = new MoreLikeThis(reader)
        {
            Analyzer = PassageAnalyzer.Index,
            StopWords = SimilarSettings.IgnoredSet,
            FieldNames = [IndexFields.Text, IndexFields.Section, IndexFields.Title],
            MinTermFreq = settings.MinTermFreq,
            MinDocFreq = settings.MinDocFreq,
            MaxQueryTerms = settings.MaxQueryTerms,
            MinWordLen = 2,
            MaxNumTokensParsed = settings.MaxTokensParsed,
        };
        mlt.SetMaxDocFreqPct(settings.MaxDocFreqPercent);
        var chosen = new List<ScoreTerm>();
        using (var words = new StringReader(source.Words))
        {
            var queue = mlt.RetrieveTerms(words, IndexFields.Text);
            while (queue.Pop() is { } term)
            {
                chosen.Add(term);
            }
        }

        var query = new BooleanQuery();
        if (chosen.Count == 0)
        {
            return (query, []);
        }

        // Best first; ties by the word, so the same source always gives the same query.
        chosen.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Word, b.Word));
        if (chosen.Count > settings.MaxQueryTerms)
        {
            chosen.RemoveRange(settings.MaxQueryTerms, chosen.Count - settings.MaxQueryTerms);
        }

        var best = chosen[0].Score;
        var terms = new List<SimilarTerm>(chosen.Count);
        foreach (var term in chosen)
        {
            var boost = settings.Boost && best > 0 ? term.Score / best : 1f;
            query.Add(new TermQuery(new Term(IndexFields.Text, term.Word)) { Boost = boost }, Occur.SHOULD);
            if (settings.SectionWeight > 0)
                query.Add(new TermQuery(new Term(IndexFields.Section, term.Word)) { Boost = boost * settings.SectionWeight }, Occur.SHOULD);
            if (settings.TitleWeight > 0)
                query.Add(new TermQuery(new Term(IndexFields.Title, term.Word)) { Boost = boost * settings.TitleWeight }, Occur.SHOULD);
            terms.Add(new SimilarTerm(term.Word, Math.Round(boost, 3)));
        }

        return (query, terms);
    }
}
