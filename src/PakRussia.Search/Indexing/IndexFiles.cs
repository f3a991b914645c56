using Microsoft.Data.Sqlite;

namespace PakRussia.Search.Indexing;

/// <summary>Opening index files: connection strings, validation and the build lock.</summary>
public static class IndexFiles
{
    /// <summary>Opens an existing index read-only and validates it; throws <see cref="IndexException"/> when it is missing or unusable.</summary>
    public static SqliteConnection OpenRead(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new IndexException($"No index at {path}. Build it with: pakrussia index");
        }

        if (info.Length == 0)
        {
            throw new IndexException($"{path} is empty (zero bytes), not an index. Rebuild it with: pakrussia index --rebuild");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            IndexSchema.Validate(connection, path);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA query_only = 1; PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824; PRAGMA temp_store = MEMORY;";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new IndexException($"{path} cannot be opened as an index ({ex.Message.TrimEnd('.')}). Rebuild it with: pakrussia index --rebuild", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a database for building (no pooling, so nothing keeps the file open after Dispose).</summary>
    public static SqliteConnection OpenWrite(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        // The building file is thrown away if the build dies, so it needs no journal of its own;
        // durability comes from the fsync and rename at the end.
        pragma.CommandText = "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>True when the file exists and is a valid index of this version.</summary>
    public static bool IsUsable(string path, out string? problem)
    {
        try
        {
            using var connection = OpenRead(path);
            problem = null;
            return true;
        }
        catch (IndexException ex)
        {
            problem = ex.Message;
            return false;
        }
    }

    /// <summary>Takes the build lock beside the index; released when disposed or when the process dies.</summary>
    public static FileStream AcquireBuildLock(string indexPath, TimeSpan timeout)
    {
        var lockPath = indexPath + ".lock";
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (IOException ex)
            {
                throw new IndexException($"Another build of {indexPath} is running (lock {lockPath} is held).", ex);
            }
        }
    }
}
