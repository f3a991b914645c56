using Lucene.Net.Index;
using Lucene.Net.Search;
using PakRussia.Search.Querying;

namespace PakRussia.Search.Search;

/// <summary>
/// Which words of a sentence-like query a listed passage lacks: each word's clause is asked, per passage shown, whether
/// it matches that passage (in its text, title or section, as the search matched it). Only for the page shown.
/// </summary>
internal sealed class MissingWords(IndexGeneration generation, IReadOnlyList<RequiredWord> words)
{
    private readonly Weight[] _weights = words.Select(w => generation.CreateNormalizedWeight(w.Clause)).ToArray();

    /// <summary>The words as typed that the passage (global doc number) does not have, in query order.</summary>
    public IReadOnlyList<string> Of(int doc)
    {
        var leaves = generation.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var local = doc - leaf.DocBase;
        var missing = new List<string>();
        for (var i = 0; i < _weights.Length; i++)
        {
            var scorer = _weights[i].GetScorer(leaf, leaf.AtomicReader.LiveDocs);
            if (scorer is null || scorer.Advance(local) != local)
            {
                missing.Add(words[i].Typed);
            }
        }

        return missing;
    }
}
