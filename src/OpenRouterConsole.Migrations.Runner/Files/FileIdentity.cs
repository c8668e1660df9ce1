using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OpenRouterConsole.Migrations.Runner.Files;

/// <summary>
/// What a file is, as opposed to how its path is spelled: its device and inode number, so that two
/// names of one file (a hard link, a bind mount, a path through a symlink) compare equal.
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    // Large enough for struct stat on every Unix .NET runs on (144 bytes on Linux x64).
    private const int StatBufferSize = 256;

    /// <summary>The identity of the file at <paramref name="path"/> (links followed), or null if there is none.</summary>
    public static FileIdentity? Of(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return null;
        }

        if (!OperatingSystem.IsLinux())
        {
            // No portable inode elsewhere: the fully resolved path is the best identity available.
            return new FileIdentity(0, (ulong)PhysicalPath.Resolve(path).GetHashCode(StringComparison.Ordinal));
        }

        var buffer = new byte[StatBufferSize];
        if (stat(path, buffer) != 0)
        {
            return null;
        }

        // Linux x64 and arm64 both begin struct stat with st_dev and st_ino, 8 bytes each.
        return new FileIdentity(
            BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(0, 8)),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(8, 8)));
    }

    /// <summary>How many names (hard links) the file has; 1 where that cannot be told.</summary>
    public static long HardLinkCount(string path)
    {
        var buffer = new byte[StatBufferSize];
        if (!OperatingSystem.IsLinux() || stat(path, buffer) != 0)
        {
            return 1;
        }

        // st_nlink follows st_ino on x64 (8 bytes); arm64 puts st_mode first and st_nlink in 4 bytes.
        return RuntimeInformation.ProcessArchitecture == Architecture.X64
            ? (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(16, 8))
            : BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20, 4));
    }

    /// <summary>True when both paths name one existing file.</summary>
    public static bool SameFile(string a, string b) => Of(a) is { } first && Of(b) is { } second && first == second;

    [DllImport("libc", SetLastError = true)]
    private static extern int stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);
}
