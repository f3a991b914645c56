using System.IO.Hashing;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PakRussia.Search.Corpus;
using PakRussia.Search.Indexing.Analysis;
using Directory = System.IO.Directory;

namespace PakRussia.Search.Indexing;

/// <summary>
/// Builds and updates an index folder with one Lucene <see cref="IndexWriter"/>. Every build ends in one commit: until
/// it is written (and synced) the previous commit is the one readers open, so a crash, a <c>kill -9</c> or a full disk
/// at any point leaves the previous index answering; the next writer removes whatever files the dead one left.
/// Updates are per document: <c>UpdateDocuments</c> on its id replaces its passages and record in one step, which gives
/// the same passages and links as a rebuild (word-for-word repeats are linked within one document). An unchanged corpus
/// costs one directory listing and the commit's user data.
/// </summary>
public static class IndexBuilder
{
    /// <summary>Up to this many passages an incremental update merges the index into one segment (exactly a rebuild's statistics); above it only segments with many deletions are merged.</summary>
    public const int FullMergeLimit = 50_000;

    /// <summary>Brings the index up to date with a corpus: no work when nothing changed; otherwise the added, changed and removed documents.</summary>
    public static BuildSummary Update(ICorpusSource source, string indexPath, BuildOptions? options = null)
    {
        options ??= new BuildOptions();
        var clock = Stopwatch.StartNew();
        indexPath = Path.GetFullPath(indexPath);
        var listing = source.List();
        var fingerprint = Fingerprint(source.Description, listing);
        var commit = options.Rebuild ? WritableOrThrow(indexPath) : IndexDirectory.ReadCommit(indexPath);
        if (!options.Rebuild && UpToDate(commit, fingerprint, clock) is { } current && IndexDirectory.Leftovers(indexPath, commit!).Count == 0)
        {
            return current;
        }

        // (An unchanged corpus with a killed build's files in the folder still opens the writer, which removes them.)

        return Write(indexPath, options, create: options.Rebuild || commit is null, clock, (writer, session) =>
        {
            // Another build may have finished while this one waited for the lock: look again.
            if (!options.Rebuild && UpToDate(IndexDirectory.ReadCommit(indexPath), fingerprint, clock) is { } meanwhile)
            {
                return (meanwhile, null);
            }

            var known = options.Rebuild || commit is null ? [] : KnownDocuments(writer);
            var counts = new Counts();
            var skipped = new List<SkippedFile>(listing.Skipped);
            var warnings = new List<string>();
            var sharedChanged = commit is null || commit.UserData.GetValueOrDefault(IndexSchema.SharedFingerprintKey) != listing.SharedFingerprint;
            var listed = listing.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            var seenIds = new HashSet<string>(StringComparer.Ordinal);
            var addedIds = new HashSet<string>(StringComparer.Ordinal);

            // An id added in this build already replaced its old documents; deleting it now would remove the new one.
            void Remove(string docId)
            {
                if (!addedIds.Contains(docId))
                {
                    writer.DeleteDocuments(new Term(IndexFields.DocId, docId));
                }
            }

            foreach (var (path, old) in known)
            {
                if (!listed.Contains(path))
                {
                    Remove(old.DocId);
                    counts.Removed++;
                }
            }

            long done = 0;
            for (var order = 0; order < listing.Files.Count; order++)
            {
                var file = listing.Files[order];
                var stamp = new SourceStamp(file.Path, file.Size, file.Ticks);
                var before = known.GetValueOrDefault(file.Path);
                if (!sharedChanged && before is not null && before.Size == file.Size && before.Ticks == file.Ticks)
                {
                    seenIds.Add(before.DocId);
                    warnings.AddRange(before.Warnings);
                    counts.Unchanged++;
                }
                else if (source.Load(file, skipped) is not { } document)
                {
                    if (before is not null)
                    {
                        Remove(before.DocId);
                        counts.Removed++;
                    }
                }
                else if (!seenIds.Add(document.Metadata.DocId))
                {
                    skipped.Add(new SkippedFile(file.Path, $"duplicate document id '{document.Metadata.DocId}' (already used by another file)"));
                    if (before is not null && before.DocId != document.Metadata.DocId)
                    {
                        Remove(before.DocId);
                        counts.Removed++;
                    }
                }
                else
                {
                    var id = document.Metadata.DocId;
                    warnings.AddRange(document.Warnings);
                    if (before is not null && before.DocId != id)
                    {
                        Remove(before.DocId);
                    }

                    var sameContent = before is not null && before.DocId == id && before.Hash == document.ContentHash;
                    if (!sameContent || before!.Size != file.Size || before.Ticks != file.Ticks)
                    {
                        // A new file may reuse the id of a document whose file was renamed: the update replaces it.
                        addedIds.Add(id);
                        session.Workers.Add(document, stamp, order, new Term(IndexFields.DocId, id));
                    }

                    if (sameContent) counts.Unchanged++;
                    else if (before is null) counts.Added++;
                    else counts.Updated++;
                }

                options.Progress?.Report(new BuildProgress(++done, listing.Files.Count, file.Path));
            }

            session.Workers.Complete();
            var userData = new Dictionary<string, string>
            {
                [IndexSchema.SourceKey] = source.Description,
                [IndexSchema.CorpusFingerprintKey] = fingerprint,
                [IndexSchema.SharedFingerprintKey] = listing.SharedFingerprint,
            };
            return (null, new Finish(counts, skipped, warnings, userData, FullBuild: options.Rebuild || commit is null));
        });
    }

    /// <summary>
    /// Builds a fresh index from a stream of documents (JSON Lines import, benchmarks, evaluation), replacing any index
    /// at the path. The stream is read once, a few documents ahead of the writer. <paramref name="skipped"/> is read after
    /// the stream is consumed, so a lazy reader can keep adding to it.
    /// </summary>
    public static BuildSummary BuildFrom(IEnumerable<IngestedDocument> documents, string indexPath, string sourceDescription,
        IReadOnlyCollection<SkippedFile>? skipped = null, BuildOptions? options = null)
    {
        options ??= new BuildOptions();
        var clock = Stopwatch.StartNew();
        indexPath = Path.GetFullPath(indexPath);
        WritableOrThrow(indexPath);
        return Write(indexPath, options, create: true, clock, (_, session) =>
        {
            var counts = new Counts();
            var duplicates = new List<SkippedFile>();
            var seenIds = new HashSet<string>(StringComparer.Ordinal);
            var warnings = new List<string>();
            long order = 0;
            foreach (var document in documents)
            {
                if (!seenIds.Add(document.Metadata.DocId))
                {
                    duplicates.Add(new SkippedFile(document.SourcePath, $"duplicate document id '{document.Metadata.DocId}'"));
                    continue;
                }

                warnings.AddRange(document.Warnings);
                session.Workers.Add(document, source: null, order++);
                counts.Added++;
                options.Progress?.Report(new BuildProgress(order, 0, document.SourcePath));
            }

            session.Workers.Complete();
            var allSkipped = new List<SkippedFile>(skipped ?? []);
            allSkipped.AddRange(duplicates);
            var userData = new Dictionary<string, string>
            {
                [IndexSchema.SourceKey] = sourceDescription,
                [IndexSchema.CorpusFingerprintKey] = "",
                [IndexSchema.SharedFingerprintKey] = "",
            };
            return (null, new Finish(counts, allSkipped, warnings, userData, FullBuild: true));
        });
    }

    private sealed record Finish(Counts Counts, List<SkippedFile> Skipped, List<string> Warnings, Dictionary<string, string> UserData, bool FullBuild);

    private sealed class Session(IndexingWorkers workers)
    {
        public IndexingWorkers Workers { get; } = workers;
    }

    /// <summary>
    /// Opens the writer (waiting for another build's lock), runs <paramref name="apply"/>, merges, and commits once with
    /// our user data; on any failure rolls back, so nothing of this build is left and the previous commit stands.
    /// </summary>
    private static BuildSummary Write(string indexPath, BuildOptions options, bool create, Stopwatch clock,
        Func<IndexWriter, Session, (BuildSummary? Unchanged, Finish? Finish)> apply)
    {
        Directory.CreateDirectory(indexPath);
        var leftovers = IndexDirectory.Leftovers(indexPath);
        int Removed() => leftovers.Count(f => !File.Exists(Path.Combine(indexPath, f)));
        using var directory = IndexDirectory.OpenForWriting(indexPath);
        var merges = new QuietMergeScheduler();
        IndexWriter writer;
        try
        {
            writer = OpenWriter(directory, create, options, merges);
        }
        catch (Exception ex) when (create && IndexDirectory.IsUnreadableCommit(ex) && IndexDirectory.HoldsOnlyIndexFiles(indexPath))
        {
            // --rebuild over a damaged index (its commit cannot even be read): its files go first. Never for a lock or
            // any other failure: those leave the folder as it is.
            IndexDirectory.DeleteIndexFiles(indexPath);
            writer = OpenWriter(directory, create, options, merges);
        }
        catch (Exception ex) when (Translate(ex, indexPath) is { } translated)
        {
            throw translated;
        }

        var committed = false;
        try
        {
            BuildSummary? unchanged;
            Finish? finish;
            using (var workers = new IndexingWorkers(writer, options.Threads))
            {
                (unchanged, finish) = apply(writer, new Session(workers));
            }

            if (unchanged is not null)
            {
                return unchanged with { LeftoversRemoved = Removed() };
            }

            var (documents, passages, resultsFingerprint) = CountLive(writer);
            if (finish!.FullBuild ? options.Optimize : passages <= FullMergeLimit)
            {
                writer.ForceMerge(1);
            }
            else
            {
                writer.ForceMergeDeletes(true);
            }

            merges.ThrowIfFailed();
            var userData = new Dictionary<string, string>(finish.UserData)
            {
                [IndexSchema.FormatKey] = IndexSchema.FormatName,
                [IndexSchema.VersionKey] = IndexSchema.Version.ToString(CultureInfo.InvariantCulture),
                [IndexSchema.GenerationKey] = Guid.NewGuid().ToString("N"),
                [IndexSchema.BuiltAtKey] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                [IndexSchema.SkippedKey] = JsonSerializer.Serialize(finish.Skipped.Take(MaxSkippedKept).Select(s => new[] { s.Path, s.Reason }).ToArray(), StoredJson.Default.StringArrayArray),
                [IndexSchema.WarningsKey] = JsonSerializer.Serialize(finish.Warnings.Take(MaxSkippedKept).ToList(), StoredJson.Default.ListString),
                [IndexSchema.DocumentsKey] = documents.ToString(CultureInfo.InvariantCulture),
                [IndexSchema.PassagesKey] = passages.ToString(CultureInfo.InvariantCulture),
                [IndexSchema.ResultsFingerprintKey] = resultsFingerprint,
            };
            writer.SetCommitData(userData);
            writer.Commit();
            committed = true;
            writer.Dispose();
            return new BuildSummary
            {
                UpToDate = false,
                Added = finish.Counts.Added,
                Updated = finish.Counts.Updated,
                Removed = finish.Counts.Removed,
                Unchanged = finish.Counts.Unchanged,
                Documents = documents,
                Passages = passages,
                Skipped = finish.Skipped,
                LeftoversRemoved = Removed(),
                Warnings = finish.Warnings,
                Elapsed = clock.Elapsed,
            };
        }
        catch (Exception ex)
        {
            if (!committed)
            {
                RollBackQuietly(writer);
            }

            if (Translate(ex, indexPath) is { } translated)
            {
                throw translated;
            }

            throw;
        }
        finally
        {
            if (!committed)
            {
                RollBackQuietly(writer);
            }
        }
    }

    /// <summary>At most this many skipped files are kept in the commit (the build summary has them all).</summary>
    public const int MaxSkippedKept = 1_000;

    private static IndexWriter OpenWriter(Lucene.Net.Store.Directory directory, bool create, BuildOptions options, QuietMergeScheduler merges)
    {
        var threads = Math.Clamp(options.Threads, 1, 16);
        var config = new IndexWriterConfig(PassageAnalyzer.Version, IndexAnalyzer.Writer)
        {
            OpenMode = create ? OpenMode.CREATE : OpenMode.APPEND,
            Similarity = new BM25Similarity(),
            WriteLockTimeout = (long)Math.Max(0, options.LockTimeout.TotalMilliseconds),
            MergeScheduler = merges,
            MaxThreadStates = Math.Max(threads, 1),
            RAMBufferSizeMB = 256,
            // Flushed segments are not packed into compound files: a build merges them (a full build into one segment),
            // and packing first would write every flushed byte twice and need room for both copies on the disk.
            UseCompoundFile = false,
        };
        if (options.FlushEveryDocuments is { } documents)
        {
            config.MaxBufferedDocs = documents;
        }

        return new IndexWriter(directory, config);
    }

    private static void RollBackQuietly(IndexWriter writer)
    {
        try
        {
            writer.Rollback();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Already closed, or the disk is still full: the previous commit stands either way.
        }
    }

    /// <summary>Our message for what can go wrong writing an index: a full disk, another build's lock, a damaged or foreign index.</summary>
    private static IndexException? Translate(Exception ex, string indexPath)
    {
        if (ex is IndexException)
        {
            return null;
        }

        if (ex is LockObtainFailedException)
        {
            return new IndexException($"Another build of {indexPath} is running (its write lock is held); try again when it has finished.", ex);
        }

        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e is IOException io && (io.HResult is 28 or unchecked((int)0x80070070) || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
                || io.Message.Contains("disk full", StringComparison.OrdinalIgnoreCase)))
            {
                return new IndexException($"The disk is full: the build of {indexPath} stopped and the previous index is unchanged.", ex);
            }
        }

        return IndexDirectory.Damage(ex, indexPath) is { } damaged
            ? new IndexException($"The build of {indexPath} failed ({damaged.Message.TrimEnd('.')}); the previous index is unchanged.", ex)
            : null;
    }

    /// <summary>For --rebuild: anything but a file or a folder of someone else's files may be written over.</summary>
    private static IndexCommitInfo? WritableOrThrow(string path)
    {
        if (File.Exists(path))
        {
            throw new IndexException($"{path} is a file, not an index folder (an index is a folder; versions before 2026-12 kept the index in one file). "
                + "Move it away, or choose another folder with --index, then run: pakrussia index --rebuild");
        }

        if (Directory.Exists(path) && !IndexDirectory.HoldsOnlyIndexFiles(path))
        {
            throw new IndexException($"{path} holds files that are not an index's; an index needs a folder of its own. Choose another folder with --index.");
        }

        return null;
    }

    private static BuildSummary? UpToDate(IndexCommitInfo? commit, string fingerprint, Stopwatch clock)
    {
        if (commit is null || commit.UserData.GetValueOrDefault(IndexSchema.CorpusFingerprintKey) != fingerprint || fingerprint.Length == 0)
        {
            return null;
        }

        return new BuildSummary
        {
            UpToDate = true,
            Unchanged = (int)commit.Count(IndexSchema.DocumentsKey),
            Documents = commit.Count(IndexSchema.DocumentsKey),
            Passages = commit.Count(IndexSchema.PassagesKey),
            Skipped = SkippedOf(commit),
            Warnings = WarningsOf(commit),
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>The per-file warnings (repairs such as invalid bytes replaced) of the documents a commit holds.</summary>
    public static IReadOnlyList<string> WarningsOf(IndexCommitInfo commit) =>
        ReadWarnings(commit.UserData.GetValueOrDefault(IndexSchema.WarningsKey));

    private static IReadOnlyList<string> ReadWarnings(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(json, StoredJson.Default.ListString) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The skipped files a commit recorded.</summary>
    public static IReadOnlyList<SkippedFile> SkippedOf(IndexCommitInfo commit)
    {
        var json = commit.UserData.GetValueOrDefault(IndexSchema.SkippedKey);
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            return (JsonSerializer.Deserialize(json, StoredJson.Default.StringArrayArray) ?? []).Where(p => p.Length == 2).Select(p => new SkippedFile(p[0], p[1])).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>
    /// A hash of everything the corpus folder holds that a build reads: every listed file's path, size and time (files
    /// that end up skipped too, so a binary file does not trigger a build on every command), the skipped entries, the
    /// manifest and the folder itself.
    /// </summary>
    public static string Fingerprint(string description, CorpusListing listing)
    {
        var text = new StringBuilder();
        text.Append(IndexSchema.Version).Append('\n').Append(description).Append('\n').Append(listing.SharedFingerprint).Append('\n');
        foreach (var file in listing.Files)
        {
            text.Append(file.Path).Append('\t').Append(file.Size).Append('\t').Append(file.Ticks).Append('\n');
        }

        foreach (var skipped in listing.Skipped)
        {
            text.Append("skipped\t").Append(skipped.Path).Append('\t').Append(skipped.Reason).Append('\n');
        }

        // A check for changes, not a seal: a non-cryptographic 128-bit hash. SHA-256 here loaded OpenSSL at the start of
        // every command that looks whether the corpus changed (about 13 ms of a search's cold start).
        return Convert.ToHexString(XxHash128.Hash(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    private sealed record KnownDocument(string DocId, long Size, long Ticks, string Hash, IReadOnlyList<string> Warnings);

    /// <summary>The documents of the last commit by source path, from their records.</summary>
    private static Dictionary<string, KnownDocument> KnownDocuments(IndexWriter writer)
    {
        var known = new Dictionary<string, KnownDocument>(StringComparer.Ordinal);
        using var reader = DirectoryReader.Open(writer.Directory);
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var docs = atomic.GetTermDocsEnum(new Term(IndexFields.Type, IndexFields.DocumentType));
            if (docs is null)
            {
                continue;
            }

            var live = atomic.LiveDocs;
            while (docs.NextDoc() != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS)
            {
                if (live is not null && !live.Get(docs.DocID))
                {
                    continue;
                }

                var record = atomic.Document(docs.DocID);
                if (record.Get(IndexFields.SourcePath) is { } path && record.Get(IndexFields.DocId) is { } id)
                {
                    known[path] = new KnownDocument(id, record.GetField(IndexFields.SourceSize)?.GetInt64Value() ?? -1,
                        record.GetField(IndexFields.SourceTicks)?.GetInt64Value() ?? -1, record.Get(IndexFields.DocumentHash) ?? "",
                        ReadWarnings(record.Get(IndexFields.Warnings)));
                }
            }
        }

        return known;
    }

    /// <summary>
    /// Documents and passages the writer holds now (deletions applied), and the corpus fingerprint over all of its
    /// documents (an incremental build's unchanged documents too).
    /// </summary>
    private static (long Documents, long Passages, string ResultsFingerprint) CountLive(IndexWriter writer)
    {
        using var reader = DirectoryReader.Open(writer, applyAllDeletes: true);
        return (CountTerm(reader, IndexFields.DocumentType), CountTerm(reader, IndexFields.PassageType), Indexing.ResultsFingerprint.Compute(reader));
    }

    internal static long CountTerm(IndexReader reader, string type)
    {
        long count = 0;
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var docs = atomic.GetTermDocsEnum(new Term(IndexFields.Type, type));
            if (docs is null)
            {
                continue;
            }

            var live = atomic.LiveDocs;
            while (docs.NextDoc() != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS)
            {
                if (live is null || live.Get(docs.DocID))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private sealed class Counts
    {
        public int Added;
        public int Updated;
        public int Removed;
        public int Unchanged;
    }

    /// <summary>Merges on background threads; a failed merge is recorded (and rethrown before the commit) instead of ending the process.</summary>
    private sealed class QuietMergeScheduler : ConcurrentMergeScheduler
    {
        private Exception? _failure;

        protected override void HandleMergeException(Exception exc) => Interlocked.CompareExchange(ref _failure, exc, null);

        public void ThrowIfFailed()
        {
            if (_failure is { } failure)
            {
                throw new IOException("a merge of the index failed", failure);
            }
        }
    }
}
