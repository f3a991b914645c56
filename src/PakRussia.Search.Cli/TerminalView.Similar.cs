using PakRussia.Search.Search;

namespace PakRussia.Search.Cli;

/// <summary>The terminal view of <c>pakrussia similar</c>: the words compared, then each passage with the shared words marked.</summary>
public sealed partial class TerminalView
{
    public void WriteSimilar(SimilarResponse response)
    {
        foreach (var warning in response.Warnings)
            error.WriteLine($"warning: {warning}");
        var source = response.PassageId is { } id ? $"passage {id}" : "the text";
        output.WriteLine(response.Hits.Count == 0
            ? $"No passage is like {source}."
            : $"{response.Total} {(response.Total == 1 ? "passage shares" : "passages share")} words with {source}; showing 1-{response.Hits.Count} ({response.TookMs:0.0} ms)");
        WriteTerms(response.Terms);
        if (response.Copies.Count > 0)
            output.WriteLine(Dim($"Left out as word-for-word copies: {string.Join(", ", response.Copies)}"));
        output.WriteLine();
        var rank = 1;
        foreach (var similar in response.Hits)
            WriteSimilarHit(rank++, similar, "");
    }

    public void WriteSimilarDocuments(SimilarDocumentsResponse response)
    {
        foreach (var warning in response.Warnings)
            error.WriteLine($"warning: {warning}");
        output.WriteLine(response.Documents.Count == 0
            ? $"No document is like {response.DocId}."
            : $"{response.Total} {(response.Total == 1 ? "document shares" : "documents share")} words with {response.DocId}; showing 1-{response.Documents.Count} ({response.TookMs:0.0} ms)");
        WriteTerms(response.Terms);
        output.WriteLine();
        var rank = 1;
        foreach (var document in response.Documents)
        {
            var doc = document.Document;
            output.WriteLine($"{rank++,3}. {Bold(Printable(doc.Title))}  [{doc.SourceType}, {doc.Date ?? "undated"}]  {Dim(doc.DocId)}  score {document.Score:0.00}");
            output.WriteLine($"     shared: {Printable(string.Join(", ", document.SharedTerms))}");
            foreach (var passage in document.Passages)
                output.WriteLine(Dim($"     {passage.Hit.PassageId}  score {passage.Hit.Score:0.00}: ") + Printable(Short(passage.Hit.Text)));
            output.WriteLine();
        }
    }

    private void WriteTerms(IReadOnlyList<SimilarTerm> terms)
    {
        if (terms.Count > 0)
            output.WriteLine(Dim("Compared on (word stems): " + Printable(string.Join(" ", terms.Select(t => t.Term)))));
    }

    private void WriteSimilarHit(int rank, SimilarHit similar, string indent)
    {
        var hit = similar.Hit;
        output.WriteLine($"{indent}{rank,3}. {Bold(Printable(hit.Title))}  [{hit.SourceType}, {hit.Date ?? "undated"}]  {Dim(hit.PassageId)}  score {hit.Score:0.00}");
        if (hit.Section is { } section && section != hit.Title)
            output.WriteLine($"{indent}     § {Printable(section)}");
        output.WriteLine(Indent(Colour(hit.Text, hit.Matches), indent + "     "));
        output.WriteLine($"{indent}     shared: {Printable(string.Join(", ", similar.SharedTerms))}");
        output.WriteLine(Dim(Indent(Printable(hit.Citation), indent + "     ")));
        output.WriteLine();
    }

    private static string Short(string text)
    {
        var flat = text.Replace('\n', ' ');
        return flat.Length <= 100 ? flat : flat[..100] + "…";
    }
}
