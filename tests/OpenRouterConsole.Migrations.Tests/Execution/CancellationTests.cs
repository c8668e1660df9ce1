using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Execution;

/// <summary>The async operations stop when asked and leave the database exactly as it was.</summary>
public sealed class CancellationTests
{
    private static readonly TimeSpan LongLockTimeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task MigrateAsync_CancelledWhileAnotherHandleHoldsTheLock_StopsAtOnceAndChangesNothing()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[0].Version);
        var bytesBefore = database.Bytes();
        var logs = new ListLoggerProvider();
        var migrator = new ConsoleMigrator(
            new MigrationOptions { ConnectionString = database.ConnectionString, LockTimeout = LongLockTimeout },
            logs.CreateLogger<ConsoleMigrator>());
        using var cancel = new CancellationTokenSource();

        Task<MigrationReport> run;
        using (new FileStream(database.Path + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            run = migrator.MigrateAsync(cancellationToken: cancel.Token);
            logs.WaitFor("WaitingForLock", TimeSpan.FromSeconds(30)).ShouldBeTrue("the runner should report that it waits");
            var cancelledAt = System.Diagnostics.Stopwatch.StartNew();
            cancel.Cancel();

            await Should.ThrowAsync<OperationCanceledException>(() => run);
            cancelledAt.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the wait ends at once, not after LockTimeout");
        }

        database.Bytes().ShouldBe(bytesBefore);
        Directory.GetFiles(database.Directory, "*.bak*").ShouldBeEmpty();
        // The lock was never taken by the cancelled run, so the next run gets it at once.
        (await database.Migrator(o => o.LockTimeout = TimeSpan.Zero).MigrateAsync()).VersionAfter.ShouldBe(MigrationCatalog.Console.LatestVersion);
    }

    [Test]
    public async Task MigrateAsync_CancelledAfterTheFirstStepApplied_RollsBackTheWholeRun()
    {
        using var database = new TestDatabase();
        var first = MigrationCatalog.Console.All[0];
        MigrationCatalog.Console.All.Count.ShouldBeGreaterThan(1, "the case needs a second step to stop before");
        using var cancel = new CancellationTokenSource();
        // Cancel from inside the run, right after the first migration reports it was applied.
        var logger = new CallbackLogger(message =>
        {
            if (message.StartsWith($"Applied migration {first.Version} ", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        });
        var migrator = new ConsoleMigrator(new MigrationOptions { ConnectionString = database.ConnectionString }, logger);

        await Should.ThrowAsync<OperationCanceledException>(() => migrator.MigrateAsync(cancellationToken: cancel.Token));

        database.RecordedVersions().ShouldBeEmpty();
        database.ApplicationTables().ShouldBeEmpty();
    }

    [Test]
    public async Task RollbackAsync_CancelledBeforeItStarts_ChangesNothing()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var bytesBefore = database.Bytes();

        await Should.ThrowAsync<OperationCanceledException>(
            () => database.Migrator(o => o.BackupEnabled = true).RollbackAsync(RollbackTarget.To(0), new CancellationToken(canceled: true)));

        database.Bytes().ShouldBe(bytesBefore);
        Directory.GetFiles(database.Directory, "*.bak*").ShouldBeEmpty();
    }

    [Test]
    public async Task RestoreAsync_CancelledWhileWaitingForTheLock_LeavesTheDatabaseAndMakesNoSafetyCopy()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[0].Version);
        var backup = database.Migrator(o => o.BackupEnabled = true).Migrate().BackupPath.ShouldNotBeNull();
        var bytesBefore = database.Bytes();
        var logs = new ListLoggerProvider();
        var migrator = new ConsoleMigrator(
            new MigrationOptions { ConnectionString = database.ConnectionString, LockTimeout = LongLockTimeout },
            logs.CreateLogger<ConsoleMigrator>());
        using var cancel = new CancellationTokenSource();

        using (new FileStream(database.Path + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var run = migrator.RestoreAsync(backup, cancel.Token);
            logs.WaitFor("WaitingForLock", TimeSpan.FromSeconds(30)).ShouldBeTrue();
            cancel.Cancel();
            await Should.ThrowAsync<OperationCanceledException>(() => run);
        }

        database.Bytes().ShouldBe(bytesBefore);
        Directory.GetFiles(database.Directory, "*.bak*").ShouldBe([backup]);
    }

    [Test]
    public async Task VerifyAsync_GivesTheSameReportAsVerify()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        var report = await database.Migrator().VerifyAsync();

        report.IsClean.ShouldBeTrue();
        report.RecordedVersion.ShouldBe(MigrationCatalog.Console.LatestVersion);
    }
}
