using System.Globalization;
using PakRussia.Search.Search;

namespace PakRussia.Search.Evaluation;

/// <summary>
/// The tunable settings of an evaluation run by name: <see cref="Apply"/> changes them from <c>name=value</c> pairs
/// (<c>pakrussia eval --set</c>), <see cref="Describe"/> lists every setting in force, so a reported figure says exactly
/// what produced it.
/// </summary>
/// <remarks>
/// Names by ranking. A preset (Anserini): <c>k1</c>, <c>b</c>; with SDM <c>sdm-terms</c>, <c>sdm-ordered</c>,
/// <c>sdm-unordered</c>; with RM3 <c>fb-docs</c>, <c>fb-terms</c>, <c>fb-original-weight</c>. <c>documents</c>: <c>k1</c>, <c>b</c>, <c>title-weight</c>, <c>proximity-weight</c>,
/// <c>proximity-window</c>, <c>fb-docs</c>, <c>fb-terms</c>, <c>fb-original-weight</c>, <c>fb-max-share</c>
/// (see <see cref="Search.DocumentRankOptions"/>). <c>passages</c>: <c>passage-share</c>.
/// </remarks>
public static class EvalSettings
{
    /// <summary>
    /// <paramref name="options"/> with each <c>name=value</c> of <paramref name="assignments"/> applied in order.
    /// </summary>
    /// <exception cref="FormatException">Not <c>name=value</c>, a name the ranking does not have, or a value out of range; the message says which.</exception>
    public static CorpusEvaluationOptions Apply(CorpusEvaluationOptions options, IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(assignments);
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"--set '{assignment}': expected name=value");
            }

            var name = assignment[..equals].Trim().ToLowerInvariant();
            var text = assignment[(equals + 1)..].Trim();
            options = Set(options, name, text);
        }

        return options;
    }

    /// <summary>Every setting in force for <paramref name="options"/>' ranking, by the names <see cref="Apply"/> takes.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(CorpusEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        static KeyValuePair<string, string> P(string name, object value) =>
            new(name, value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture)!.ToLowerInvariant());
        if (options.Anserini is { } a)
        {
            var list = new List<KeyValuePair<string, string>> { P("k1", a.K1), P("b", a.B), P("lengths", a.Lengths) };
            if (a.Sdm is { } sdm)
            {
                list.AddRange([P("sdm-terms", sdm.TermWeight), P("sdm-ordered", sdm.OrderedWeight), P("sdm-unordered", sdm.UnorderedWeight)]);
            }

            if (a.Rm3 is { } rm3)
            {
                list.AddRange([P("fb-docs", rm3.FeedbackDocuments), P("fb-terms", rm3.FeedbackTerms), P("fb-original-weight", rm3.OriginalQueryWeight)]);
            }

            return list;
        }

        if (options.Ranking is EvalRanking.Passages or EvalRanking.Search)
        {
            var proximity = options.Proximity;
            return [P("passage-share", options.PassageShare), P("proximity-weight", proximity.Weight), P("proximity-slop", proximity.Slop),
                P("proximity-depth", proximity.Window)];
        }

        var d = options.Documents;
        return
        [
            P("k1", d.K1), P("b", d.B), P("title-weight", d.TitleWeight), P("proximity-weight", d.ProximityWeight),
            P("proximity-window", d.ProximityWindow), P("fb-docs", d.FeedbackDocuments), P("fb-terms", d.FeedbackTerms),
            P("fb-original-weight", d.OriginalQueryWeight), P("fb-max-share", d.FeedbackMaxDocumentShare),
        ];
    }

    private static CorpusEvaluationOptions Set(CorpusEvaluationOptions options, string name, string text)
    {
        if (options.Anserini is { } a)
        {
            var rm3 = a.Rm3;
            var sdm = a.Sdm;
            AnseriniOptions? changed = name switch
            {
                "sdm-terms" when sdm is not null => a with { Sdm = sdm with { TermWeight = Number(name, text, 0, 100) } },
                "sdm-ordered" when sdm is not null => a with { Sdm = sdm with { OrderedWeight = Number(name, text, 0, 100) } },
                "sdm-unordered" when sdm is not null => a with { Sdm = sdm with { UnorderedWeight = Number(name, text, 0, 100) } },
                "k1" => a with { K1 = Number(name, text, 0, 100) },
                "b" => a with { B = Number(name, text, 0, 1) },
                "fb-docs" when rm3 is not null => a with { Rm3 = rm3 with { FeedbackDocuments = Whole(name, text, 1, 1000) } },
                "fb-terms" when rm3 is not null => a with { Rm3 = rm3 with { FeedbackTerms = Whole(name, text, 1, 1000) } },
                "fb-original-weight" when rm3 is not null => a with { Rm3 = rm3 with { OriginalQueryWeight = Number(name, text, 0, 1) } },
                _ => null,
            };
            return changed is null
                ? throw Unknown(name, "this preset", "k1, b" + (sdm is null ? "" : ", sdm-terms, sdm-ordered, sdm-unordered")
                    + (rm3 is null ? "" : ", fb-docs, fb-terms, fb-original-weight"))
                : options with { Anserini = changed };
        }

        if (options.Ranking is EvalRanking.Passages or EvalRanking.Search)
        {
            var proximity = options.Proximity;
            return name switch
            {
                "passage-share" => options with { PassageShare = Number(name, text, 0, 1) },
                "proximity-weight" => options with { Proximity = proximity with { Weight = Number(name, text, 0, 100) } },
                "proximity-slop" => options with { Proximity = proximity with { Slop = Whole(name, text, 1, 100) } },
                "proximity-depth" => options with { Proximity = proximity with { Window = Whole(name, text, 1, SearchLimits.MaxResultWindow) } },
                _ => throw Unknown(name, "the passages ranking", "passage-share, proximity-weight, proximity-slop, proximity-depth"),
            };
        }

        var d = options.Documents;
        var documents = name switch
        {
            "k1" => d with { K1 = Number(name, text, 0, 100) },
            "b" => d with { B = Number(name, text, 0, 1) },
            "title-weight" => d with { TitleWeight = Number(name, text, 0, 100) },
            "proximity-weight" => d with { ProximityWeight = Number(name, text, 0, 100) },
            "proximity-window" => d with { ProximityWindow = Whole(name, text, 1, 100) },
            "fb-docs" => d with { FeedbackDocuments = Whole(name, text, 0, 1000) },
            "fb-terms" => d with { FeedbackTerms = Whole(name, text, 1, 1000) },
            "fb-original-weight" => d with { OriginalQueryWeight = Number(name, text, 0, 1) },
            "fb-max-share" => d with { FeedbackMaxDocumentShare = Number(name, text, 0, 1) },
            _ => throw Unknown(name, "the documents ranking",
                "k1, b, title-weight, proximity-weight, proximity-window, fb-docs, fb-terms, fb-original-weight, fb-max-share"),
        };
        return options with { Documents = documents };
    }

    private static FormatException Unknown(string name, string what, string known) =>
        new($"--set: {what} has no setting '{name}' (it has {known})");

    private static double Number(string name, string text, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"--set {name}: '{text}' is not a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    private static int Whole(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"--set {name}: '{text}' is not a whole number from {min} to {max}");
}
