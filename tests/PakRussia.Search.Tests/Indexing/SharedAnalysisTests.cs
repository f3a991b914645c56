using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing;
using PakRussia.Search.Indexing.Analysis;
using PakRussia.Search.Passages;
using PakRussia.Search.Tests.TestSupport;

namespace PakRussia.Search.Tests.Indexing;

/// <summary>
/// The writer gets each text analyzed once and replayed where it is indexed twice or on every passage
/// (<see cref="RecordedTokens"/>: the passage text into text and all, a document's title, sections and author into each
/// of its passages). What lands in the index must be exactly what Lucene makes of the plain strings: these tests index
/// the seed documents both ways and compare every posting (term, passage, frequency, positions, offsets) and every norm.
/// </summary>
public sealed class SharedAnalysisTests
{
    private static readonly string[] AnalyzedFields =
        [IndexFields.Text, IndexFields.All, IndexFields.Title, IndexFields.Section, IndexFields.Words, IndexFields.AuthorText, IndexFields.Heading];

    private static List<IngestedDocument> SeedDocuments()
    {
        var source = new FolderCorpusSource(RepoPaths.Seeds);
        var skipped = new List<SkippedFile>();
        var documents = source.List().Files.Select(f => source.Load(f, skipped)).OfType<IngestedDocument>().ToList();
        Assert.True(documents.Count >= 5, $"only {documents.Count} seed documents loaded");
        // The seeds name no authors: give two of them one, so the author field is compared too.
        documents[0] = documents[0] with { Metadata = documents[0].Metadata with { Author = "Ekaterina Stepanova" } };
        documents[1] = documents[1] with { Metadata = documents[1].Metadata with { Author = "Syed Muhammad Ali's team" } };
        return documents;
    }

    [Fact]
    public void TheIndexedFields_AreWhatLuceneMakesOfThePlainStrings()
    {
        var documents = SeedDocuments();
        Assert.Contains(documents, d => d.Passages.Any(p => p.Section is not null));
        using var product = new RAMDirectory();
        using var reference = new RAMDirectory();
        Write(product, documents.SelectMany((d, i) => PassageDocuments.Block(d, null, i)));
        Write(reference, documents.SelectMany(d => d.Passages.Select(p => Reference(d.Metadata, p))));

        var expected = Postings(reference);
        var actual = Postings(product);
        foreach (var field in AnalyzedFields)
        {
            Assert.True(expected[field].Count > 0 || field is IndexFields.Section, $"the reference has no {field} postings");
            Assert.Equal(expected[field].Count, actual[field].Count);
            Assert.Equal(expected[field], actual[field]);
        }

        Assert.NotEmpty(expected[IndexFields.AuthorText]);
        Assert.NotEmpty(expected[IndexFields.Section]);
        foreach (var field in new[] { IndexFields.Text, IndexFields.All, IndexFields.Title, IndexFields.Section, IndexFields.AuthorText, IndexFields.Heading })
        {
            var expectedNorms = Norms(reference, field);
            var actualNorms = Norms(product, field);
            Assert.Empty(expectedNorms.Where(n => !actualNorms.TryGetValue(n.Key, out var norm) || norm != n.Value)
                .Select(n => $"{field} {n.Key}: {n.Value} expected, {(actualNorms.TryGetValue(n.Key, out var a) ? a : "none")}"));
            Assert.Equal(expectedNorms.Count, actualNorms.Count);
        }
    }

    [Theory]
    [InlineData("Pakistan’s ties with the USSR’s heirs, 1950s–1970s: JF-17s, Mi-35M and the IL6 pathway.")]
    [InlineData("  leading and trailing spaces, then punctuation only at the end ... !!! ")]
    [InlineData("")]
    [InlineData("a very long word: Pneumonoultramicroscopicsilicovolcanoconiosis-and-more-and-more-and-more")]
    public void AReplay_GivesTheAnalyzersTokens_AndItsEnd(string text)
    {
        text += " after " + new string('x', 300); // a token longer than StandardTokenizer's 255 is skipped: the end's position increment
        var recorded = RecordedTokens.Record(PassageAnalyzer.Writing, IndexFields.Text, text);
        using var direct = PassageAnalyzer.Writing.GetTokenStream(IndexFields.Text, text);
        using var replay = recorded.Replay();
        var expected = Tokens(direct);
        Assert.Equal(expected, Tokens(replay));
        Assert.Equal(expected.Count - 1, recorded.Count); // the last entry is the end state
        Assert.Equal(expected, Tokens(recorded.Replay())); // each replay starts from the first token
    }

    private static List<(string Term, int Increment, int Start, int End)> Tokens(Lucene.Net.Analysis.TokenStream stream)
    {
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var tokens = new List<(string, int, int, int)>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), increment.PositionIncrement, offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        tokens.Add(("<end>", increment.PositionIncrement, offset.StartOffset, offset.EndOffset));
        return tokens;
    }

    private static readonly FieldType WithOffsets = Frozen(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS, omitNorms: false);
    private static readonly FieldType WithPositions = Frozen(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS, omitNorms: false);
    private static readonly FieldType DocsOnly = Frozen(IndexOptions.DOCS_ONLY, omitNorms: true);

    private static FieldType Frozen(IndexOptions options, bool omitNorms)
    {
        var type = new FieldType { IsIndexed = true, IsTokenized = true, IsStored = false, IndexOptions = options, OmitNorms = omitNorms };
        type.Freeze();
        return type;
    }

    /// <summary>The analyzed fields of a passage as plain strings, which the writer analyzes itself.</summary>
    private static Document Reference(DocumentMetadata meta, Passage passage)
    {
        var doc = new Document { new BinaryDocValuesField(IndexFields.PassageId, new BytesRef(passage.PassageId)) };
        if (passage.Section is { } stored)
        {
            doc.Add(new StoredField(IndexFields.Section, stored)); // as the product stores it (it writes a norm even where not indexed)
        }

        if (meta.Author is { Length: > 0 } author)
        {
            doc.Add(new Field(IndexFields.AuthorText, author, WithPositions));
        }

        if (PassageDocuments.IsSearchable(passage))
        {
            doc.Add(new Field(IndexFields.Text, passage.Text, WithOffsets));
            doc.Add(new Field(IndexFields.Words, passage.Text, DocsOnly));
            doc.Add(new Field(IndexFields.Title, meta.Title, WithPositions));
            doc.Add(new Field(IndexFields.All, passage.Text, WithPositions));
            doc.Add(new Field(IndexFields.All, meta.Title, WithPositions));
            if (passage.Section is { } section)
            {
                doc.Add(new Field(IndexFields.Section, section, WithPositions));
                doc.Add(new Field(IndexFields.All, section, WithPositions));
            }
        }
        else if (passage.Kind == PassageKind.Heading)
        {
            doc.Add(new Field(IndexFields.Heading, passage.Text, WithPositions));
        }

        return doc;
    }

    private static void Write(Lucene.Net.Store.Directory directory, IEnumerable<IEnumerable<IIndexableField>> documents)
    {
        using var writer = new IndexWriter(directory, new IndexWriterConfig(PassageAnalyzer.Version, IndexAnalyzer.Writer));
        foreach (var document in documents)
        {
            writer.AddDocument(document);
        }

        writer.Commit();
    }

    /// <summary>Per field, every posting as text, keyed by passage id (the two indexes number their documents differently).</summary>
    private static Dictionary<string, SortedSet<string>> Postings(Lucene.Net.Store.Directory directory)
    {
        using var reader = DirectoryReader.Open(directory);
        var result = AnalyzedFields.ToDictionary(f => f, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var ids = atomic.GetBinaryDocValues(IndexFields.PassageId);
            var id = new BytesRef();
            foreach (var field in AnalyzedFields)
            {
                var terms = atomic.GetTerms(field);
                if (terms is null)
                {
                    continue;
                }

                var termsEnum = terms.GetEnumerator();
                while (termsEnum.MoveNext())
                {
                    var term = termsEnum.Term.Utf8ToString();
                    var positions = termsEnum.DocsAndPositions(null, null, DocsAndPositionsFlags.OFFSETS);
                    DocIdSetIterator docs = (DocIdSetIterator?)positions ?? termsEnum.Docs(null, null, DocsFlags.NONE);
                    while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                    {
                        ids.Get(docs.DocID, id);
                        var line = $"{term} @{id.Utf8ToString()}";
                        if (positions is not null)
                        {
                            var freq = positions.Freq;
                            line += $" ×{freq}:";
                            for (var i = 0; i < freq; i++)
                            {
                                line += $" {positions.NextPosition()}[{positions.StartOffset}-{positions.EndOffset}]";
                            }
                        }

                        result[field].Add(line);
                    }
                }
            }
        }

        return result;
    }

    private static Dictionary<string, long> Norms(Lucene.Net.Store.Directory directory, string field)
    {
        using var reader = DirectoryReader.Open(directory);
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var ids = atomic.GetBinaryDocValues(IndexFields.PassageId);
            var norms = atomic.GetNormValues(field);
            var id = new BytesRef();
            for (var doc = 0; norms is not null && doc < atomic.MaxDoc; doc++)
            {
                ids.Get(doc, id);
                if (id.Length > 0) // a document's record has no passage id and no analyzed field
                {
                    result[id.Utf8ToString()] = norms.Get(doc);
                }
            }
        }

        return result;
    }
}
