using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using OpenRouterConsole.Migrations.Runner.Files;

namespace OpenRouterConsole.Migrations.Runner.Locking;

/// <summary>
/// An exclusive lock on a file beside the database, held while one process migrates it.
/// The operating system releases it when the holder exits or is killed, so a crash never leaves a
/// stale lock. Who holds it is written to a second file, for the message a waiter prints on time-out.
/// </summary>
internal sealed class MigrationLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    private readonly SafeFileHandle _handle;
    private readonly string _ownerPath;

    private MigrationLock(SafeFileHandle handle, string ownerPath, TimeSpan waited)
    {
        _handle = handle;
        _ownerPath = ownerPath;
        Waited = waited;
    }

    /// <summary>How long it took to get the lock: zero unless another process held it.</summary>
    public TimeSpan Waited { get; }

    public static string LockPathFor(string databasePath) => databasePath + ".migrate.lock";

    public static string OwnerPathFor(string databasePath) => LockPathFor(databasePath) + ".owner";

    /// <summary>Takes the lock, waiting up to <paramref name="timeout"/> for another holder to finish.</summary>
    /// <param name="databasePath">The database's resolved path; the lock file is named after it.</param>
    /// <param name="timeout">How long to wait for another holder.</param>
    /// <param name="onWait">Called once when the lock is held elsewhere, with who holds it.</param>
    /// <param name="cancellationToken">Ends the wait at once.</param>
    /// <remarks>
    /// <paramref name="databasePath"/> must be the resolved path (<see cref="DatabaseFile.Path"/>): every
    /// name of one database then leads to one lock. Only another holder makes it wait; any other
    /// failure to open the lock file is reported at once, with its cause. The wait ends at once,
    /// with <see cref="OperationCanceledException"/>, when <paramref name="cancellationToken"/> fires.
    /// </remarks>
    public static MigrationLock Acquire(string databasePath, TimeSpan timeout, Action<string>? onWait = null, CancellationToken cancellationToken = default) =>
        AcquireAsync(databasePath, timeout, onWait, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Takes the lock on <paramref name="database"/> for a migrate, rollback or restore, logging a
    /// wait for another holder and a database with other hard-linked names (which this lock, like
    /// SQLite's own, cannot cover).
    /// </summary>
    public static Task<MigrationLock> AcquireAsync(DatabaseFile database, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        // The lock and SQLite's own journal are named after one path; another name of the same
        // file takes other locks. SQLite does not support hard-linked databases; say so.
        var links = FileIdentity.HardLinkCount(database.Path);
        if (links > 1)
        {
            LockLog.HardLinkedDatabase(logger, database.Path, links);
        }

        return AcquireAsync(database.Path, timeout, holder => LockLog.WaitingForLock(logger, database.Path, holder), cancellationToken);
    }

    /// <inheritdoc cref="Acquire"/>
    public static Task<MigrationLock> AcquireAsync(string databasePath, TimeSpan timeout, Action<string>? onWait = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var lockPath = LockPathFor(databasePath);
        RefuseLink(lockPath);
        // Free at once (the usual case): taken without the wait loop, whose async state machine a
        // JIT-built host would otherwise compile at its first start.
        if (TryOpenExclusive(lockPath) is { } handle)
        {
            return Task.FromResult(Hold(handle, OwnerPathFor(databasePath), TimeSpan.Zero));
        }

        return WaitAsync(databasePath, lockPath, timeout, onWait, cancellationToken);
    }

    private static async Task<MigrationLock> WaitAsync(string databasePath, string lockPath, TimeSpan timeout, Action<string>? onWait, CancellationToken cancellationToken)
    {
        var ownerPath = OwnerPathFor(databasePath);
        var clock = Stopwatch.StartNew();
        var announced = false;
        while (true)
        {
            var handle = TryOpenExclusive(lockPath);
            if (handle is not null)
            {
                return Hold(handle, ownerPath, announced ? clock.Elapsed : TimeSpan.Zero);
            }

            if (clock.Elapsed >= timeout)
            {
                throw MigrationException.Failed(
                    $"Timed out after {timeout.TotalSeconds:0.#} s waiting for the migration lock on '{databasePath}', held by {DescribeOwner(ownerPath)}.");
            }

            if (!announced)
            {
                onWait?.Invoke(DescribeOwner(ownerPath));
                announced = true;
            }

            // No thread is held while waiting; the only await in a run, so the sync forms may block on it.
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    // The lock is ours once the file is open exclusively; the note says who holds it.
    private static MigrationLock Hold(SafeFileHandle handle, string ownerPath, TimeSpan waited)
    {
        var held = new MigrationLock(handle, ownerPath, waited);
        held.WriteOwner();
        return held;
    }

    public void Dispose()
    {
        try
        {
            TryDelete(_ownerPath);
        }
        finally
        {
            _handle.Dispose();
        }
    }

    // On Unix, .NET takes an advisory flock(LOCK_EX) for FileShare.None; on Windows the share mode
    // itself excludes other openers. Either way the lock dies with the process.
    // A bare handle: nothing is read or written through it, so no FileStream (and its buffering) is built.
    private static SafeFileHandle? TryOpenExclusive(string lockPath)
    {
        try
        {
            return File.OpenHandle(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (IsHeldByAnother(ex))
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw MigrationException.Failed($"Cannot open the migration lock file '{lockPath}': {ex.Message.TrimEnd('.')}.", ex);
        }
    }

    // .NET reports a lock held elsewhere as flock's EWOULDBLOCK (its errno as HResult: 11 on
    // Linux, 35 on macOS) or Windows' sharing violation; a read-only mount, a missing folder or a
    // name too long are other errors, not worth a wait.
    private static bool IsHeldByAnother(IOException error)
    {
        const int sharingViolation = unchecked((int)0x80070020);
        const int lockViolation = unchecked((int)0x80070021);
        var wouldBlock = OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 35 : 11;
        return error.GetType() == typeof(IOException) && (error.HResult == wouldBlock || error.HResult is sharingViolation or lockViolation);
    }

    // A link planted at the lock's path would make the lock (and its note) land on another file.
    private static void RefuseLink(string path)
    {
        if (IsLink(path))
        {
            throw MigrationException.Failed($"The migration lock file '{path}' is a symbolic link; refusing to follow it. Remove it.");
        }
    }

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void WriteOwner()
    {
        // The entry assembly or executable; for "dotnet app.dll" that is app.dll, not dotnet.
        var program = System.IO.Path.GetFileName(Environment.GetCommandLineArgs()[0]);
        // "since" is the note's own write time, formatted by the waiter that reads it: formatting a
        // date costs the holder ~0.5 ms at every start, and the note is almost never read.
        var owner = $"process {Environment.ProcessId} ({program}) on {Environment.MachineName}";
        // Never written through whatever stands at its path: written to a new file of our own
        // (CreateNew fails on any existing name, a link included) and renamed over it, which
        // replaces a link rather than the file it points at.
        var scratch = $"{_ownerPath}.{Environment.ProcessId}.tmp";
        try
        {
            File.Delete(scratch);
            using (var note = new FileStream(scratch, FileMode.CreateNew, FileAccess.Write))
            {
                note.Write(System.Text.Encoding.UTF8.GetBytes(owner));
            }

            File.Move(scratch, _ownerPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The owner note is only for messages; the lock itself is what counts.
            TryDelete(scratch);
        }
    }

    private static string DescribeOwner(string ownerPath)
    {
        try
        {
            if (!File.Exists(ownerPath) || IsLink(ownerPath))
            {
                return "another process";
            }

            var owner = File.ReadAllText(ownerPath).Trim();
            var since = File.GetLastWriteTimeUtc(ownerPath).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return owner.Contains(" since ", StringComparison.Ordinal) ? owner : $"{owner} since {since}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "another process";
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
