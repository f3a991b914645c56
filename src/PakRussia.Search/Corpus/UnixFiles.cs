using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace PakRussia.Search.Corpus;

/// <summary>
/// The few file-system facts the corpus reader needs and .NET does not give: a path's real location (every link in
/// it resolved), whether a file is a regular file, and opening a file without blocking on a named pipe. Through libc
/// on Linux and macOS; every call answers null ("cannot tell") instead of throwing when the platform lacks it.
/// </summary>
internal static class UnixFiles
{
    private const int S_IFMT = 0xF000;
    public const int S_IFIFO = 0x1000;
    public const int S_IFCHR = 0x2000;
    public const int S_IFDIR = 0x4000;
    public const int S_IFBLK = 0x6000;
    public const int S_IFREG = 0x8000;
    public const int S_IFLNK = 0xA000;
    public const int S_IFSOCK = 0xC000;

    // Linux (x86_64 and arm64 share these values).
    private const int O_RDONLY = 0;
    private const int O_NOCTTY = 0x100;
    private const int O_NONBLOCK = 0x800;
    private const int O_CLOEXEC = 0x80000;

    private const int ENOENT = 2;
    private const int EPERM = 1;
    private const int ENXIO = 6;
    private const int EACCES = 13;
    private const int ENOTDIR = 20;
    private const int ELOOP = 40;

    /// <summary>True where <see cref="Open"/> and the handle checks are made through libc (Linux on x86_64 or arm64).</summary>
    public static bool OpensThroughLibc { get; } = OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>The path with every symbolic link in it resolved, or null when it does not exist or cannot be resolved.</summary>
    public static string? RealPath(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return ManagedRealPath(path);
        }

        try
        {
            var resolved = realpath(Utf8Path(path), IntPtr.Zero);
            if (resolved == IntPtr.Zero)
            {
                return null;
            }

            try
            {
                return Marshal.PtrToStringUTF8(resolved);
            }
            finally
            {
                free(resolved);
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return ManagedRealPath(path);
        }
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or lies under it, comparing whole path components.</summary>
    public static bool IsInside(string path, string root)
    {
        var trimmedRoot = Path.TrimEndingDirectorySeparator(root);
        var trimmedPath = Path.TrimEndingDirectorySeparator(path);
        if (string.Equals(trimmedPath, trimmedRoot, StringComparison.Ordinal))
        {
            return true;
        }

        // "/" (or "C:\") trimmed still ends with a separator: every absolute path is under it.
        var prefix = Path.EndsInDirectorySeparator(trimmedRoot) ? trimmedRoot : trimmedRoot + Path.DirectorySeparatorChar;
        return trimmedPath.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>The file type bits (S_IFREG, S_IFIFO, …) of what <paramref name="path"/> names (links followed), or null when unknown.</summary>
    public static int? TypeOf(string path)
    {
        if (!OpensThroughLibc)
        {
            return null;
        }

        var buffer = new byte[256];
        try
        {
            return stat(Utf8Path(path), buffer) == 0 ? ModeOf(buffer) & S_IFMT : null;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The file type bits of an open handle, or null when unknown.</summary>
    public static int? TypeOf(SafeFileHandle handle)
    {
        if (!OpensThroughLibc)
        {
            return null;
        }

        var buffer = new byte[256];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return fstat((int)handle.DangerousGetHandle(), buffer) == 0 ? ModeOf(buffer) & S_IFMT : null;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>The real path of the file an open handle reads (Linux: its /proc/self/fd link), or null when unknown.</summary>
    public static string? OpenedPath(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var target = new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget;
            return target is not null && target.EndsWith(" (deleted)", StringComparison.Ordinal) ? target[..^" (deleted)".Length] : target;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Opens a file for reading without blocking (a named pipe with no writer opens at once instead of waiting for one)
    /// and without becoming the process's terminal. Returns the handle, or null with a reason in our own words.
    /// </summary>
    public static SafeFileHandle? Open(string path, out string? failure)
    {
        var fd = open(Utf8Path(path), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
        if (fd >= 0)
        {
            failure = null;
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        var errno = Marshal.GetLastPInvokeError();
        failure = errno switch
        {
            ENOENT or ENOTDIR => "file disappeared before it could be read",
            EACCES or EPERM => "cannot read: permission denied",
            ELOOP => "symbolic link loop or unresolvable link",
            // A socket (or a device with nothing behind it) cannot be opened as a file.
            ENXIO => TypeOf(path) is { } type && type != S_IFREG ? NotRegular(type) : "not a regular file",
            _ => $"cannot read: {Marshal.GetPInvokeErrorMessage(errno)}",
        };
        return null;
    }

    /// <summary>The skip reason for a file of this type: "not a regular file (a named pipe)".</summary>
    public static string NotRegular(int type) => type switch
    {
        S_IFIFO => "not a regular file (a named pipe)",
        S_IFCHR => "not a regular file (a character device)",
        S_IFBLK => "not a regular file (a block device)",
        S_IFSOCK => "not a regular file (a socket)",
        S_IFDIR => "not a regular file (a folder)",
        S_IFLNK => "not a regular file (a symbolic link)",
        _ => "not a regular file",
    };

    /// <summary>st_mode of a glibc/musl <c>struct stat</c>: offset 24 on x86_64 (144 bytes), 16 on arm64 (128 bytes).</summary>
    private static int ModeOf(byte[] buffer) =>
        BitConverter.ToInt32(buffer, RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 16 : 24);

    private static byte[] Utf8Path(string path) => [.. Encoding.UTF8.GetBytes(path), 0];

    /// <summary>Without libc: the full path with a final link (and a linked root) resolved as far as .NET can.</summary>
    private static string? ManagedRealPath(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            FileSystemInfo info = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full);
            if (!info.Exists)
            {
                return null;
            }

            var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true);
            return target is { Exists: true } ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(target.FullName)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int stat(byte[] path, [Out] byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int fstat(int fd, [Out] byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr realpath(byte[] path, IntPtr resolved);

    [DllImport("libc")]
    private static extern void free(IntPtr pointer);
}
