using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PakRussia.Search.Corpus;

namespace PakRussia.Search.Indexing;

/// <summary>
/// Builds and updates index files atomically. A build writes a new file beside the live one
/// (<c>{index}.building-{pid}</c>), fsyncs it, and renames it over the live file only when complete:
/// a crash, a kill or Ctrl-C mid-build leaves the previous index answering. The live file is never
/// written in place, so no reader ever sees a half-built index and no -wal or -journal belongs to it.
/// </summary>
public static class IndexBuilder
{
    private const string SharedFingerprintKey = "corpus.shared_fingerprint";

    /// <summary>
    /// Brings the index up to date with a corpus folder: does no work when nothing changed; otherwise
    /// copies the live index, applies the added, changed and removed documents, and swaps the copy in.
    /// </summary>
    public static BuildSummary Update(ICorpusSource source, string indexPath, BuildOptions? options = null)
    {
        options ??= new BuildOptions();
        var clock = Stopwatch.StartNew();
        indexPath = Path.GetFullPath(indexPath);
        Directory.CreateDirectory(Path.GetDirectoryName(indexPath)!);
        using var buildLock = IndexFiles.AcquireBuildLock(indexPath, options.LockTimeout);

        var listing = source.List();
        var incremental = !options.Rebuild && IndexFiles.IsUsable(indexPath, out _);
        var known = incremental ? ReadSourceFiles(indexPath) : new IndexedSources(new Dictionary<string, (long, long, string?)>(), "", new Dictionary<string, string>());

        if (incremental && IsUnchanged(listing, known))
        {
            using var live = IndexFiles.OpenRead(indexPath);
            return new BuildSummary
            {
                UpToDate = true,
                Unchanged = listing.Files.Count,
                Documents = Count(live, "documents"),
                Passages = Count(live, "passages"),
                Skipped = listing.Skipped,
                Elapsed = clock.Elapsed,
            };
        }

        return Build(indexPath, options, clock, incremental, writer =>
        {
            var skipped = new List<SkippedFile>(listing.Skipped);
            var recorded = new List<(string, long, long, string?)>();
            var counts = new Counts();
            var sharedChanged = listing.SharedFingerprint != known.SharedFingerprint;
            var listedPaths = listing.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            var seenIds = new HashSet<string>(StringComparer.Ordinal);

            // Files gone from the corpus: their documents go.
            foreach (var (path, (_, _, docId)) in known.Files)
            {
                if (!listedPaths.Contains(path) && docId is not null)
                {
                    writer.Remove(docId);
                    counts.Removed++;
                }
            }

            long done = 0;
            foreach (var file in listing.Files)
            {
                known.Files.TryGetValue(file.Path, out var before);
                var oldDocId = before.DocId;
                if (!sharedChanged && oldDocId is not null && before.Size == file.Size && before.Ticks == file.Ticks)
                {
                    seenIds.Add(oldDocId);
                    recorded.Add((file.Path, file.Size, file.Ticks, oldDocId));
                    counts.Unchanged++;
                }
                else
                {
                    var document = source.Load(file, skipped);
                    if (document is null)
                    {
                        if (oldDocId is not null)
                        {
                            writer.Remove(oldDocId);
                            counts.Removed++;
                        }
                    }
                    else if (!seenIds.Add(document.Metadata.DocId))
                    {
                        skipped.Add(new SkippedFile(file.Path, $"duplicate document id '{document.Metadata.DocId}' (already used by another file)"));
                        if (oldDocId is not null && oldDocId != document.Metadata.DocId)
                        {
                            writer.Remove(oldDocId);
                            counts.Removed++;
                        }
                    }
                    else if (oldDocId == document.Metadata.DocId && known.Hashes.GetValueOrDefault(oldDocId) == document.ContentHash)
                    {
                        recorded.Add((file.Path, file.Size, file.Ticks, oldDocId));
                        counts.Unchanged++;
                    }
                    else
                    {
                        if (oldDocId is not null)
                        {
                            writer.Remove(oldDocId);
                        }

                        // A new file may reuse the id of a document whose file was renamed.
                        writer.Remove(document.Metadata.DocId);
                        writer.Add(document);
                        recorded.Add((file.Path, file.Size, file.Ticks, document.Metadata.DocId));
                        if (oldDocId is null) counts.Added++; else counts.Updated++;
                    }
                }

                options.Progress?.Report(new BuildProgress(++done, listing.Files.Count, file.Path));
            }

            writer.ReplaceSourceFiles(recorded, skipped);
            writer.SetMeta(SharedFingerprintKey, listing.SharedFingerprint);
            writer.SetMeta("source", source.Description);
            return (counts, skipped);
        });
    }

    /// <summary>
    /// Builds a fresh index from a stream of documents (JSON Lines import, benchmarks), replacing any index at the path.
    /// <paramref name="skipped"/> is read after the stream is consumed, so a lazy reader can keep adding to it.
    /// </summary>
    public static BuildSummary BuildFrom(IEnumerable<IngestedDocument> documents, string indexPath, string sourceDescription, IReadOnlyCollection<SkippedFile>? skipped = null, BuildOptions? options = null)
    {
        options ??= new BuildOptions();
        var clock = Stopwatch.StartNew();
        indexPath = Path.GetFullPath(indexPath);
        Directory.CreateDirectory(Path.GetDirectoryName(indexPath)!);
        using var buildLock = IndexFiles.AcquireBuildLock(indexPath, options.LockTimeout);
        return Build(indexPath, options, clock, incremental: false, writer =>
        {
            var counts = new Counts();
            var duplicates = new List<SkippedFile>();
            var seenIds = new HashSet<string>(StringComparer.Ordinal);
            long done = 0;
            foreach (var document in documents)
            {
                if (!seenIds.Add(document.Metadata.DocId))
                {
                    duplicates.Add(new SkippedFile(document.SourcePath, $"duplicate document id '{document.Metadata.DocId}'"));
                    continue;
                }

                writer.Add(document);
                counts.Added++;
                options.Progress?.Report(new BuildProgress(++done, 0, document.SourcePath));
            }

            var allSkipped = new List<SkippedFile>(skipped ?? []);
            allSkipped.AddRange(duplicates);
            writer.ReplaceSourceFiles([], allSkipped);
            writer.SetMeta(SharedFingerprintKey, "");
            writer.SetMeta("source", sourceDescription);
            return (counts, allSkipped);
        });
    }

    private static BuildSummary Build(string indexPath, BuildOptions options, Stopwatch clock, bool incremental,
        Func<IndexWriter, (Counts Counts, List<SkippedFile> Skipped)> apply)
    {
        RemoveStaleBuildFiles(indexPath);
        var buildingPath = $"{indexPath}.building-{Environment.ProcessId}";
        try
        {
            if (incremental)
            {
                File.Copy(indexPath, buildingPath, overwrite: true);
            }

            (Counts Counts, List<SkippedFile> Skipped) result;
            long documents, passages;
            using (var connection = IndexFiles.OpenWrite(buildingPath))
            {
                if (!incremental)
                {
                    IndexSchema.Create(connection);
                }

                using (var writer = new IndexWriter(connection))
                {
                    result = apply(writer);
                    writer.SetMeta("built_at", DateTime.UtcNow.ToString("O"));
                    writer.SetMeta("generation", Guid.NewGuid().ToString("N"));
                    writer.Commit(options.Optimize);
                }

                documents = Count(connection, "documents");
                passages = Count(connection, "passages");
            }

            SqliteConnection.ClearAllPools();
            FlushToDisk(buildingPath);
            Swap(buildingPath, indexPath);
            return new BuildSummary
            {
                UpToDate = false,
                Added = result.Counts.Added,
                Updated = result.Counts.Updated,
                Removed = result.Counts.Removed,
                Unchanged = result.Counts.Unchanged,
                Documents = documents,
                Passages = passages,
                Skipped = result.Skipped,
                Elapsed = clock.Elapsed,
            };
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 13 /* SQLITE_FULL */)
        {
            throw new IndexException($"The disk is full: the build of {indexPath} stopped and the previous index is unchanged.", ex);
        }
        catch (IOException ex) when (ex.HResult == 28 || ex.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase))
        {
            throw new IndexException($"The disk is full: the build of {indexPath} stopped and the previous index is unchanged.", ex);
        }
        catch (SqliteException ex)
        {
            throw new IndexException($"The build of {indexPath} failed ({ex.Message.TrimEnd('.')}); the previous index is unchanged.", ex);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            DeleteQuietly(buildingPath);
            DeleteQuietly(buildingPath + "-journal");
        }
    }

    /// <summary>Renames the finished file over the live one. Rename is atomic on one file system.</summary>
    private static void Swap(string buildingPath, string indexPath)
    {
        // The live file is never written, so a -journal or -wal beside it is stale (another program's
        // or a crashed writer's) and would be replayed into the new file: remove it first.
        foreach (var suffix in new[] { "-journal", "-wal", "-shm" })
        {
            DeleteQuietly(indexPath + suffix);
        }

        File.Move(buildingPath, indexPath, overwrite: true);
    }

    private static void FlushToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    private static void RemoveStaleBuildFiles(string indexPath)
    {
        var folder = Path.GetDirectoryName(indexPath)!;
        foreach (var stale in Directory.EnumerateFiles(folder, Path.GetFileName(indexPath) + ".building-*"))
        {
            DeleteQuietly(stale);
        }
    }

    private static void DeleteQuietly(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static bool IsUnchanged(CorpusListing listing, IndexedSources known)
    {
        if (listing.SharedFingerprint != known.SharedFingerprint || listing.Files.Count != known.Files.Count)
        {
            return false;
        }

        return listing.Files.All(f => known.Files.TryGetValue(f.Path, out var k) && k.Size == f.Size && k.Ticks == f.Ticks && k.DocId is not null);
    }

    private sealed record IndexedSources(Dictionary<string, (long Size, long Ticks, string? DocId)> Files, string SharedFingerprint, Dictionary<string, string> Hashes);

    private static IndexedSources ReadSourceFiles(string indexPath)
    {
        using var connection = IndexFiles.OpenRead(indexPath);
        var files = new Dictionary<string, (long, long, string?)>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT path, size, ticks, doc_id FROM source_files";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                files[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3));
            }
        }

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT doc_id, content_hash FROM documents";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                hashes[reader.GetString(0)] = reader.GetString(1);
            }
        }

        using var meta = connection.CreateCommand();
        meta.CommandText = "SELECT value FROM meta WHERE key = $k";
        meta.Parameters.AddWithValue("$k", SharedFingerprintKey);
        return new IndexedSources(files, meta.ExecuteScalar() as string ?? "", hashes);
    }

    private static long Count(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private sealed class Counts
    {
        public int Added;
        public int Updated;
        public int Removed;
        public int Unchanged;
    }
}
