using System.Diagnostics;
using Lucene.Net.Index;

namespace PakRussia.Search.Indexing;

/// <summary>What <see cref="IndexCheck.Run"/> found: every byte of the latest commit read back and verified, or not.</summary>
/// <param name="Clean">True when every segment read back whole and every checksum matched.</param>
/// <param name="Segments">The commit's segments.</param>
/// <param name="DamagedSegments">Segments that could not be opened or failed a check.</param>
/// <param name="Documents">Lucene documents in the commit (passages and document records).</param>
/// <param name="Bytes">The commit's files' total size.</param>
/// <param name="Took">How long the check took.</param>
public sealed record IndexCheckResult(bool Clean, int Segments, int DamagedSegments, long Documents, long Bytes, TimeSpan Took);

/// <summary>
/// The whole check of an index folder (<c>pakrussia index --check</c>): Lucene's <see cref="CheckIndex"/> reads every
/// segment of the latest commit back (postings, stored fields, doc values, checksums), read-only. Opening a generation
/// verifies only what is cheap for a large index; this reads everything, whatever the size.
/// </summary>
public static class IndexCheck
{
    public static IndexCheckResult Run(string path)
    {
        if (IndexDirectory.ReadCommit(path) is null)
        {
            throw new IndexException($"No index at {path}. Build it with: pakrussia index");
        }

        var clock = Stopwatch.StartNew();
        try
        {
            using var directory = IndexDirectory.OpenForWriting(path);
            var checker = new CheckIndex(directory);
            checker.CrossCheckTermVectors = false;
            var status = checker.DoCheckIndex();
            var damaged = status.CantOpenSegments || status.MissingSegments ? Math.Max(1, status.NumBadSegments) : status.NumBadSegments;
            var clean = status.Clean && damaged == 0;
            long bytes = 0;
            foreach (var file in directory.ListAll())
            {
                bytes += directory.FileLength(file);
            }

            var documents = status.SegmentInfos.Sum(s => (long)s.DocCount);
            return new IndexCheckResult(clean, status.NumSegments, damaged, documents, bytes, clock.Elapsed);
        }
        catch (Exception ex) when (IndexDirectory.Damage(ex, path) is { } problem)
        {
            throw problem;
        }
    }
}
