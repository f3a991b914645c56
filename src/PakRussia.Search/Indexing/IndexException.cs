namespace PakRussia.Search.Indexing;

/// <summary>The index file is missing, not ours, of another schema version, corrupt, or could not be built.</summary>
public sealed class IndexException(string message, Exception? inner = null) : Exception(message, inner);
