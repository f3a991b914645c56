using System.Text.Json.Serialization;

namespace PakRussia.Search.Indexing;

/// <summary>
/// The JSON the index stores (a document's warnings, the commit's skipped files), serialised by generated code: the
/// reflection-based serialiser costs about 30 ms of warm-up on first use, which every command that opens an index paid.
/// </summary>
[JsonSerializable(typeof(string[][]))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StoredJson : JsonSerializerContext;
