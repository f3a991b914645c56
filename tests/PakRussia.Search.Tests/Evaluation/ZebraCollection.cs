using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Evaluation;

/// <summary>
/// The six-document test collection whose rankings and metrics <see cref="EvalCommandTests"/> works out by hand (and
/// <see cref="EvalPresetCommandTests"/> reuses): JSON Lines corpus, TSV topics and TREC qrels in a temp folder.
/// </summary>
public sealed class ZebraCollection : IDisposable
{
    public ZebraCollection()
    {
        Corpus = Folder.File("corpus.jsonl");
        File.WriteAllLines(Corpus,
        [
            """{"_id":"Doc:1","title":"Striped animals","text":"The zebra zebra zebra grazes."}""",
            """{"_id":"Doc:2","title":"Savanna notes","text":"Lions, giraffes and elephants share the plain with one zebra and many other animals that roam the wide grassland every single day of the year."}""",
            """{"_id":"Doc:3","title":"Island marsupials","text":"The quokka lives on Rottnest Island."}""",
            """{"_id":"Doc:4","title":"Desert life","text":"Camels cross the dunes slowly."}""",
            """{"_id":"Doc:5","title":"Polar life","text":"Penguins huddle together on the ice."}""",
            """{"_id":"Doc:6","title":"Night hunters","text":"Owls hunt mice in the forest at night."}""",
        ]);
        Topics = Folder.File("topics.tsv");
        File.WriteAllLines(Topics, ["T1\tZebra?", "T2\tquokka (Setonix)", "T3\tnarwhal-tusk"]);
        Qrels = Folder.File("qrels.txt");
        File.WriteAllLines(Qrels, ["T1 0 Doc:2 1", "T2 0 Doc:3 1", "T2 0 Doc:4 1", "T3 0 Doc:1 1"]);
    }

    public TempFolder Folder { get; } = new();
    public string Corpus { get; }
    public string Topics { get; }
    public string Qrels { get; }

    public void Dispose() => Folder.Dispose();
}
