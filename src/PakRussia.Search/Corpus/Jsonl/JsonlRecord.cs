namespace PakRussia.Search.Corpus;

/// <summary>
/// One document read from a JSON Lines file (one JSON object per line, e.g. the BEIR corpus format
/// <c>{"_id","title","text","metadata"}</c>). Fields the file does not give are empty (<see cref="Title"/>) or null.
/// </summary>
/// <param name="Id">From <c>id</c> or, when absent, <c>_id</c>; a JSON number is kept as written ("4983", "12.5").</param>
/// <param name="Title">From <c>title</c>; empty when absent.</param>
/// <param name="Text">From <c>text</c>; never empty (lines without text are reported and skipped).</param>
/// <param name="SourceType">From <c>sourceType</c>.</param>
/// <param name="Date">From <c>date</c>, as written.</param>
/// <param name="Author">From <c>author</c>.</param>
/// <param name="Site">From <c>site</c>.</param>
/// <param name="Url">From <c>url</c>.</param>
/// <param name="LineNumber">1-based line of the record in the (decompressed) file.</param>
public sealed record JsonlRecord(
    string Id,
    string Title,
    string Text,
    string? SourceType,
    string? Date,
    string? Author,
    string? Site,
    string? Url,
    int LineNumber);
