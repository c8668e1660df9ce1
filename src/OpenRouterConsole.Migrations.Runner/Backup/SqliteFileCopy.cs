using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.Files;

namespace OpenRouterConsole.Migrations.Runner.Backup;

/// <summary>
/// Copies a database file's bytes in the kernel (<c>copy_file_range</c>, else <c>sendfile</c>), reading
/// through the descriptor SQLite itself has open for the source connection, then syncs the copy: as
/// fast as a synced <c>File.Copy</c>, where SQLite's backup API copies page by page through its cache
/// (about twice as long for 409 MB). Linux only; false when anything does not check out, and the
/// caller uses the backup API.
/// </summary>
/// <remarks>
/// Consistent because the caller holds a read transaction on the source in rollback-journal mode: its
/// SHARED lock keeps every other connection from taking the EXCLUSIVE lock that writing the database
/// file needs (a writer may hold RESERVED and fill its journal and cache, but the file keeps the last
/// committed state until we let go). WAL databases keep committed pages in the -wal file, so they are
/// never copied this way.
/// Through SQLite's own descriptor because opening and closing another descriptor of the file would
/// drop every POSIX lock this process holds on it (SQLite's included); SQLite does not close its
/// descriptor while any connection of the process holds a lock on the file, so it stays open for the copy.
/// </remarks>
internal static class SqliteFileCopy
{
    private const int SqliteOk = 0;
    private const int SqliteFcntlFilePointer = 7;
    private const int StatBufferSize = 256;
    private const int EINTR = 4;

    /// <summary>Copies the file under <paramref name="source"/> (in a read transaction) into the existing empty <paramref name="destinationPath"/>.</summary>
    public static bool TryCopy(SqliteConnection source, string sourcePath, string destinationPath)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return false;
        }

        try
        {
            return CopyThroughSqliteDescriptor(source, sourcePath, destinationPath);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // An older C library (fstat or copy_file_range not exported) or another SQLite build: the
            // calls fail as they bind, before anything is written, and the backup API takes over.
            File.WriteAllBytes(destinationPath, []);
            return false;
        }
    }

    private static bool CopyThroughSqliteDescriptor(SqliteConnection source, string sourcePath, string destinationPath)
    {
        var descriptor = SqliteDescriptor(source);
        if (descriptor < 0 || DescribeOpenFile(descriptor) is not var (identity, length) || identity != FileIdentity.Of(sourcePath))
        {
            return false;
        }

        using var destination = new FileStream(destinationPath, FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 0);
        var output = (int)destination.SafeFileHandle.DangerousGetHandle();
        if (!CopyInKernel(descriptor, output, length))
        {
            // Empty again for the backup API, which would refuse a file that is not a database.
            destination.SetLength(0);
            return false;
        }

        destination.Flush(flushToDisk: true);
        return true;
    }

    // The unix VFS's sqlite3_file begins { pMethods, pVfs, pInode, int h }: h is the descriptor. Read
    // only when pVfs is the default VFS and that VFS is "unix"; the caller then checks that the
    // descriptor is open on the very file (device and inode), so a layout SQLite changed falls back.
    private static int SqliteDescriptor(SqliteConnection source)
    {
        var vfs = sqlite3_vfs_find(IntPtr.Zero);
        // struct sqlite3_vfs { int iVersion; int szOsFile; int mxPathname; sqlite3_vfs *pNext; const char *zName; ... }
        if (vfs == IntPtr.Zero || Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(vfs, 2 * IntPtr.Size + 8)) != "unix")
        {
            return -1;
        }

        if (sqlite3_file_control(source.Handle!.DangerousGetHandle(), "main", SqliteFcntlFilePointer, out var file) != SqliteOk
            || file == IntPtr.Zero
            || Marshal.ReadIntPtr(file, IntPtr.Size) != vfs)
        {
            return -1;
        }

        return Marshal.ReadInt32(file, 3 * IntPtr.Size);
    }

    private static (FileIdentity Identity, long Length)? DescribeOpenFile(int descriptor)
    {
        var buffer = new byte[StatBufferSize];
        if (fstat(descriptor, buffer) != 0)
        {
            return null;
        }

        // struct stat on Linux x64 and arm64: st_dev at 0, st_ino at 8, st_size at 48.
        return (new FileIdentity(BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(0, 8)), BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(8, 8))),
                BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(48, 8)));
    }

    // Explicit offsets: the source descriptor's own file position, which SQLite does not use (pread), stays put.
    private static bool CopyInKernel(int input, int output, long length)
    {
        long inputOffset = 0;
        var useSendfile = false;
        while (inputOffset < length)
        {
            var chunk = (nuint)Math.Min(length - inputOffset, 1L << 30);
            var copied = useSendfile
                ? sendfile(output, input, ref inputOffset, chunk)
                : copy_file_range(input, ref inputOffset, output, IntPtr.Zero, chunk, 0);
            if (copied > 0)
            {
                continue;
            }

            var error = Marshal.GetLastPInvokeError();
            if (copied < 0 && error == EINTR)
            {
                continue;
            }

            // Another file system, or a kernel without copy_file_range: sendfile copies file to file too.
            if (!useSendfile && inputOffset == 0)
            {
                useSendfile = true;
                continue;
            }

            return false;
        }

        return true;
    }

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_file_control(IntPtr db, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int op, out IntPtr argument);

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr sqlite3_vfs_find(IntPtr name);

    [DllImport("libc", SetLastError = true)]
    private static extern int fstat(int descriptor, [Out] byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern nint copy_file_range(int input, ref long inputOffset, int output, IntPtr outputOffset, nuint length, uint flags);

    [DllImport("libc", SetLastError = true)]
    private static extern nint sendfile(int output, int input, ref long inputOffset, nuint count);
}
