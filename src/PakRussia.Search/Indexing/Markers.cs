namespace PakRussia.Search.Indexing;

/// <summary>
/// The private-use characters FTS5's highlight() puts around matches. They are scrubbed from every
/// stored text, so a document can never forge a highlight.
/// </summary>
public static class Markers
{
    public const char Open = '\uE000';
    public const char Close = '\uE001';

    public static string Scrub(string text) =>
        text.AsSpan().IndexOfAny(Open, Close) < 0 ? text : text.Replace(Open, '\uFFFD').Replace(Close, '\uFFFD');
}
