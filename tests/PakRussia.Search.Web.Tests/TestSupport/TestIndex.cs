using System.Security.Cryptography;
using System.Text;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Passages;

namespace PakRussia.Search.Web.Tests.TestSupport;

/// <summary>
/// One index per test run, built in a temp folder: a small corpus about Pakistan–Russia relations across
/// source types and years, plus a hostile document whose text holds a script tag and an onerror image.
/// </summary>
public static class TestIndex
{
    public const string HostileDocId = "hostile-markup";
    public const string HostileScript = "<script>window.__pwned=1</script>";
    public const string HostileImage = "<img src=x onerror=\"window.__pwned=1\">";

    private static readonly Lazy<string> Built = new(Build);
    private static readonly TempFolder Folder = new();

    /// <summary>The path of the shared index (built on first use).</summary>
    public static string Path => Built.Value;

    private static string Build()
    {
        var path = Folder.File("pakrussia.db");
        IndexBuilder.BuildFrom(Documents(), path, "test corpus");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Folder.Dispose();
        return path;
    }

    public static IEnumerable<IngestedDocument> Documents() =>
    [
        Make("forum-ally", "forum", "2014-05-02", "Russia's best ally", "defence.pk", null,
            "Russia can't find a better ally than Pakistan in the region, one member wrote.",
            "Pakistan has a very important geopolitical location between Central Asia and South Asia.",
            "Cooperation between Pakistan, Russia and China could benefit all sides.",
            "Russia can't find a better ally than Pakistan in the region, one member wrote."),
        Make("news-helicopters", "news", "2015-08-20", "Pakistan signs deal for Mi-35 helicopters", "Dawn", "Staff reporter",
            "Pakistan and Russia signed a deal for four Mi-35 attack helicopters on Wednesday.",
            "The helicopters will be used for counter-terrorism operations, officials said.",
            "Defence cooperation between Islamabad and Moscow has grown since 2014."),
        Make("news-exercise", "news", "2016-09-24", "First joint military exercise", "Express Tribune", "Our correspondent",
            "Russian troops arrived in Pakistan for the first joint military exercise, Friendship 2016.",
            "The exercise went ahead despite calls from India to cancel it."),
        Make("explainer-ties", "explainer", "2018", "Why Pakistan and Russia grew closer", "The Diplomat", "A. Analyst",
            "Relations between Pakistan and Russia were cold during the Cold War.",
            "After 2014 Moscow lifted its arms embargo on Pakistan.",
            "Energy projects such as the North-South gas pipeline followed."),
        Make("academic-pipeline", "academic", "2019-03", "Energy diplomacy and the gas pipeline", "Journal of Strategic Studies", "R. Scholar",
            "This paper examines the Pakistan Stream gas pipeline agreed with Russia.",
            "The pipeline links Karachi to Lahore and was financed in part by Russian companies.",
            "Energy cooperation anchors the new relationship between the two countries."),
        Make("news-visit", "news", "2021-04-07", "Lavrov visits Islamabad", "Dawn", "Diplomatic correspondent",
            "Russian Foreign Minister Sergei Lavrov arrived in Pakistan, the first such visit in nine years.",
            "Pakistan and Russia discussed energy, defence and counter-terrorism cooperation.",
            "Lavrov said Russia was ready to strengthen Pakistan's counter-terrorism capacity.",
            "Officials in Pakistan described the visit as a new chapter in relations with Moscow."),
        Make(HostileDocId, "forum", "2017-01-10", "Markup <b>in</b> a thread title", "example.forum", null,
            $"A post about Pakistan and Russia that quotes markup: {HostileScript} and {HostileImage} as plain text.",
            "Russia & Pakistan \"quotes\" 'apostrophes' — and ©, é, ✔ characters."),
    ];

    private static IngestedDocument Make(string docId, string sourceType, string date, string title, string site, string? author, params string[] paragraphs)
    {
        var passages = new List<Passage>();
        var firstByHash = new Dictionary<string, string>();
        var offset = 0;
        for (var i = 0; i < paragraphs.Length; i++)
        {
            var hash = Hash(paragraphs[i].ToLowerInvariant());
            var id = Passage.MakeId(docId, i);
            passages.Add(new Passage
            {
                PassageId = id, DocId = docId, Ordinal = i, Kind = PassageKind.Body, Text = paragraphs[i],
                Section = i == 0 ? null : "Discussion",
                Start = offset, End = offset + paragraphs[i].Length, WordCount = paragraphs[i].Split(' ').Length,
                ContentHash = hash, DuplicateOf = firstByHash.GetValueOrDefault(hash),
            });
            firstByHash.TryAdd(hash, id);
            offset += paragraphs[i].Length + 2;
        }

        return new IngestedDocument
        {
            Metadata = new DocumentMetadata
            {
                DocId = docId, Title = title, SourceType = sourceType, Site = site, Author = author, Date = date,
                DatePrecision = date.Length switch { 4 => DatePrecision.Year, 7 => DatePrecision.Month, _ => DatePrecision.Day },
            },
            SourcePath = docId + ".txt",
            CleanText = string.Join("\n\n", paragraphs),
            Passages = passages,
            ContentHash = Hash(docId + date + string.Concat(paragraphs)),
        };
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
