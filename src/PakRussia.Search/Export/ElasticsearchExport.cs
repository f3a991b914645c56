using System.Text;
using System.Text.Json;
using PakRussia.Search.Indexing;
using PakRussia.Search.Passages;
using PakRussia.Search.Search;

namespace PakRussia.Search.Export;

/// <summary>What <see cref="ElasticsearchExport.Write"/> wrote.</summary>
public sealed record ElasticsearchExportSummary(string TemplatePath, string BulkPath, int Documents, long Passages);

/// <summary>
/// The index as files an existing distributed engine loads as they are (Elasticsearch or OpenSearch), for a corpus that
/// outgrows one machine: an index template whose analysis matches ours (standard tokenizer, typographic apostrophes
/// folded, English possessive, lower case, ASCII folding, Porter) with keyword, number and date fields for the facets,
/// and a bulk NDJSON file with one action line and one source line per passage. Every source line carries every field
/// the mapping names (null where a passage has no value), and the mapping is strict, so nothing is added on the way.
/// </summary>
public static class ElasticsearchExport
{
    public const string TemplateFileName = "pakrussia-template.json";
    public const string BulkFileName = "pakrussia-bulk.ndjson";

    /// <summary>The mapped fields and their Elasticsearch types (text fields use the <c>pakrussia</c> analyzer).</summary>
    public static IReadOnlyList<(string Name, string Type)> Fields { get; } =
    [
        ("passageId", "keyword"), ("docId", "keyword"), ("ordinal", "integer"), ("kind", "keyword"),
        ("searchable", "boolean"), ("text", "text"), ("title", "text"), ("section", "text"),
        ("sourceType", "keyword"), ("author", "keyword"), ("site", "keyword"), ("date", "date"),
        ("datePrecision", "keyword"), ("year", "integer"), ("url", "keyword"), ("start", "integer"), ("end", "integer"),
        ("wordCount", "integer"), ("contentHash", "keyword"), ("duplicateOf", "keyword"), ("footnoteNumber", "integer"),
        ("postNumber", "integer"),
    ];

    /// <summary>Writes the template and the bulk file into <paramref name="folder"/> (created if missing).</summary>
    public static ElasticsearchExportSummary Write(Searcher searcher, string folder, string indexName = "pakrussia")
    {
        if (!IsValidIndexName(indexName))
        {
            throw new SearchRequestException($"'{indexName}' is not a usable index name: use lower-case letters, digits, '-' and '_' (up to 100), starting with a letter.");
        }

        Directory.CreateDirectory(folder);
        var templatePath = Path.Combine(folder, TemplateFileName);
        var bulkPath = Path.Combine(folder, BulkFileName);
        WriteAtomically(templatePath, stream => WriteTemplate(stream, indexName));

        var documents = 0;
        long passages = 0;
        WriteAtomically(bulkPath, stream =>
        {
            var newline = "\n"u8.ToArray();
            foreach (var summary in searcher.Documents())
            {
                if (searcher.Document(summary.DocId) is not { } document)
                {
                    continue;
                }

                documents++;
                foreach (var passage in document.Passages)
                {
                    using (var action = new Utf8JsonWriter(stream))
                    {
                        action.WriteStartObject();
                        action.WriteStartObject("index");
                        action.WriteString("_index", indexName);
                        action.WriteString("_id", passage.PassageId);
                        action.WriteEndObject();
                        action.WriteEndObject();
                    }

                    stream.Write(newline);
                    using (var source = new Utf8JsonWriter(stream))
                    {
                        WriteSource(source, passage, document.Document);
                    }

                    stream.Write(newline);
                    passages++;
                }
            }
        });

        return new ElasticsearchExportSummary(templatePath, bulkPath, documents, passages);
    }

    private static bool IsValidIndexName(string name) =>
        name.Length is > 0 and <= 100 && name[0] is >= 'a' and <= 'z' && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    private static void WriteSource(Utf8JsonWriter json, Passage passage, DocumentSummary document)
    {
        json.WriteStartObject();
        json.WriteString("passageId", passage.PassageId);
        json.WriteString("docId", passage.DocId);
        json.WriteNumber("ordinal", passage.Ordinal);
        json.WriteString("kind", JsonSerializer.Serialize(passage.Kind, JsonDefaults.Web).Trim('"'));
        json.WriteBoolean("searchable", PassageDocuments.IsSearchable(passage));
        json.WriteString("text", passage.Text);
        json.WriteString("title", document.Title);
        StringOrNull(json, "section", passage.Section);
        json.WriteString("sourceType", document.SourceType);
        StringOrNull(json, "author", document.Author);
        StringOrNull(json, "site", document.Site);
        StringOrNull(json, "date", document.Date);
        StringOrNull(json, "datePrecision", document.DatePrecision is { } precision ? JsonSerializer.Serialize(precision, JsonDefaults.Web).Trim('"') : null);
        NumberOrNull(json, "year", document.Year);
        StringOrNull(json, "url", document.Url);
        json.WriteNumber("start", passage.Start);
        json.WriteNumber("end", passage.End);
        json.WriteNumber("wordCount", passage.WordCount);
        json.WriteString("contentHash", passage.ContentHash);
        StringOrNull(json, "duplicateOf", passage.DuplicateOf);
        NumberOrNull(json, "footnoteNumber", passage.FootnoteNumber);
        NumberOrNull(json, "postNumber", passage.PostNumber);
        json.WriteEndObject();
    }

    private static void StringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    private static void NumberOrNull(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number) json.WriteNumber(name, number);
        else json.WriteNull(name);
    }

    private static void WriteTemplate(Stream stream, string indexName)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("index_patterns");
        json.WriteStringValue(indexName + "*");
        json.WriteEndArray();
        json.WriteStartObject("template");

        json.WriteStartObject("settings");
        json.WriteNumber("number_of_shards", 1);
        json.WriteStartObject("analysis");
        json.WriteStartObject("char_filter");
        json.WriteStartObject("apostrophes");
        json.WriteString("type", "mapping");
        json.WriteStartArray("mappings");
        json.WriteStringValue("\u2019=>'");
        json.WriteStringValue("\u2018=>'");
        json.WriteStringValue("\u02BC=>'");
        json.WriteStringValue("\uFF07=>'");
        json.WriteStringValue("\u2032=>'");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("filter");
        json.WriteStartObject("english_possessive");
        json.WriteString("type", "stemmer");
        json.WriteString("language", "possessive_english");
        json.WriteEndObject();
        // Our ModelNumbers: split letters from digits only, keep the word; punctuation inside a word is not a break.
        json.WriteStartObject("model_numbers");
        json.WriteString("type", "word_delimiter");
        json.WriteBoolean("generate_word_parts", true);
        json.WriteBoolean("generate_number_parts", true);
        json.WriteBoolean("split_on_numerics", true);
        json.WriteBoolean("split_on_case_change", false);
        json.WriteBoolean("preserve_original", true);
        json.WriteBoolean("catenate_words", false);
        json.WriteBoolean("catenate_numbers", false);
        json.WriteBoolean("catenate_all", false);
        json.WriteBoolean("stem_english_possessive", false);
        json.WriteStartArray("type_table");
        foreach (var c in new[] { ".", "'", ",", ":", ";", "_", "·" })
        {
            json.WriteStringValue($"{c} => ALPHANUM");
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("analyzer");
        json.WriteStartObject("pakrussia");
        json.WriteString("type", "custom");
        json.WriteStartArray("char_filter");
        json.WriteStringValue("apostrophes");
        json.WriteEndArray();
        json.WriteString("tokenizer", "standard");
        json.WriteStartArray("filter");
        foreach (var filter in new[] { "english_possessive", "lowercase", "asciifolding", "model_numbers", "porter_stem" })
        {
            json.WriteStringValue(filter);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("mappings");
        json.WriteString("dynamic", "strict");
        json.WriteStartObject("properties");
        foreach (var (name, type) in Fields)
        {
            json.WriteStartObject(name);
            json.WriteString("type", type);
            switch (type)
            {
                case "text":
                    json.WriteString("analyzer", "pakrussia");
                    if (name == "text")
                    {
                        json.WriteString("index_options", "offsets"); // highlights from the postings, as ours
                    }

                    break;
                case "date":
                    json.WriteString("format", "yyyy||yyyy-MM||yyyy-MM-dd");
                    break;
            }

            if (name is "url" or "contentHash")
            {
                json.WriteBoolean("index", false);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Writes beside the target and renames, so a failed export never leaves half a file under the real name.</summary>
    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = path + ".partial";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
