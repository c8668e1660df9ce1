using System.Diagnostics;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// An exclusive lock on a file beside the database, held while one process migrates it.
/// The operating system releases it when the holder exits or is killed, so a crash never leaves a
/// stale lock. Who holds it is written to a second file, for the message a waiter prints on time-out.
/// </summary>
internal sealed class MigrationLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    private readonly FileStream _handle;
    private readonly string _ownerPath;

    private MigrationLock(FileStream handle, string ownerPath, TimeSpan waited)
    {
        _handle = handle;
        _ownerPath = ownerPath;
        Waited = waited;
    }

    /// <summary>How long it took to get the lock: zero unless another process held it.</summary>
    public TimeSpan Waited { get; }

    public static string LockPathFor(string databasePath) => databasePath + ".migrate.lock";

    /// <summary>Takes the lock, waiting up to <paramref name="timeout"/> for another holder to finish.</summary>
    public static MigrationLock Acquire(string databasePath, TimeSpan timeout, Action<string>? onWait = null)
    {
        var lockPath = LockPathFor(databasePath);
        var ownerPath = lockPath + ".owner";
        var clock = Stopwatch.StartNew();
        var announced = false;
        while (true)
        {
            var handle = TryOpenExclusive(lockPath);
            if (handle is not null)
            {
                var acquired = new MigrationLock(handle, ownerPath, announced ? clock.Elapsed : TimeSpan.Zero);
                acquired.WriteOwner();
                return acquired;
            }

            if (clock.Elapsed >= timeout)
            {
                throw MigrationException.Failed(
                    $"Timed out after {timeout.TotalSeconds:0.#} s waiting for the migration lock on '{databasePath}', held by {DescribeOwner(ownerPath)}.");
            }

            if (!announced)
            {
                onWait?.Invoke($"Waiting for the migration lock on '{databasePath}', held by {DescribeOwner(ownerPath)}.");
                announced = true;
            }

            Thread.Sleep(PollInterval);
        }
    }

    public void Dispose()
    {
        TryDelete(_ownerPath);
        _handle.Dispose();
    }

    // On Unix, .NET takes an advisory flock(LOCK_EX) for FileShare.None; on Windows the share mode
    // itself excludes other openers. Either way the lock dies with the process.
    private static FileStream? TryOpenExclusive(string lockPath)
    {
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            throw MigrationException.Failed($"Cannot create the migration lock file '{lockPath}': {ex.Message}");
        }
    }

    private void WriteOwner()
    {
        // The entry assembly or executable; for "dotnet app.dll" that is app.dll, not dotnet.
        var program = System.IO.Path.GetFileName(Environment.GetCommandLineArgs()[0]);
        var owner = $"process {Environment.ProcessId} ({program}) on {Environment.MachineName} since {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}";
        try
        {
            File.WriteAllText(_ownerPath, owner);
        }
        catch (IOException)
        {
            // The owner note is only for messages; the lock itself is what counts.
        }
    }

    private static string DescribeOwner(string ownerPath)
    {
        try
        {
            return File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : "another process";
        }
        catch (IOException)
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
        catch (IOException)
        {
        }
    }
}
