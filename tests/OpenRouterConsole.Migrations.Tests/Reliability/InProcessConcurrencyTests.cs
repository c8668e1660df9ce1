using OpenRouterConsole.Migrations.Runner.Locking;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reliability;

/// <summary>Several runners in one process (e.g. two hosts in one test server) on one file.</summary>
public sealed class InProcessConcurrencyTests
{
    [Test]
    public async Task Migrate_EightRunnersAtOnce_OneMigratesTheOthersFindNothingPending()
    {
        using var database = new TestDatabase();
        using var start = new ManualResetEventSlim();

        var runs = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() =>
            {
                start.Wait();
                return database.Migrator().Migrate();
            }))
            .ToArray();
        start.Set();
        var reports = await Task.WhenAll(runs);

        reports.Count(r => !r.NothingToDo).ShouldBe(1);
        database.Scalar<long>("SELECT count(*) FROM VersionInfo").ShouldBe(Versions.All.Length);
        database.RecordedVersions().ShouldBe(Versions.All);
        ApprovedSnapshot.Verify(database.Schema(), Versions.Latest);
    }

    [Test]
    public void Migrate_LockHeldPastTheTimeout_FailsNamingTheHolderAndChangesNothing()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var bytesBefore = database.Bytes();
        using var held = MigrationLock.Acquire(database.Path, TimeSpan.Zero);

        var error = Should.Throw<MigrationException>(() => database.Migrator(o => o.LockTimeout = TimeSpan.FromMilliseconds(200)).Migrate());

        error.Message.ShouldContain("Timed out after 0.2 s waiting for the migration lock");
        error.Message.ShouldContain($"process {Environment.ProcessId}");
        database.Bytes().ShouldBe(bytesBefore);
    }

    // The lock keeps changes apart; an up-to-date check only reads, so it does not wait for a holder.
    [Test]
    public void Migrate_UpToDateWhileAnotherProcessHoldsTheLock_ReturnsAtOnce()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        using var held = MigrationLock.Acquire(database.Path, TimeSpan.Zero);

        var report = database.Migrator(o => o.LockTimeout = TimeSpan.FromMilliseconds(200)).Migrate();

        report.NothingToDo.ShouldBeTrue();
        report.LockWait.ShouldBe(TimeSpan.Zero);
    }

    // A run that has written every step and its history but not committed yet: the check before the
    // lock must not take the uncommitted rows for "up to date", and so waits for the lock.
    [Test]
    public void Migrate_WhileAnotherRunHasNotCommitted_WaitsForTheLockInsteadOfSeeingItsRows()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        using var held = MigrationLock.Acquire(database.Path, TimeSpan.Zero);
        using var other = database.Open();
        using (var write = other.CreateCommand())
        {
            write.CommandText = "BEGIN IMMEDIATE;";
            write.ExecuteNonQuery();
            foreach (var version in Versions.All.Where(v => v > 1))
            {
                write.CommandText = $"INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES ({version}, '2026-12-02T00:00:00', 'in flight')";
                write.ExecuteNonQuery();
            }
        }

        var error = Should.Throw<MigrationException>(() => database.Migrator(o => o.LockTimeout = TimeSpan.FromMilliseconds(200)).Migrate());

        error.Message.ShouldContain("waiting for the migration lock");
    }

    // Another run's commit (or a rebuild whose changes outgrew SQLite's cache) holds the file's
    // EXCLUSIVE lock: the check before the migration lock gives up after a second, and the run waits
    // for the migration lock, where the wait is logged and bounded, instead of failing as "busy".
    [Test]
    public void Migrate_WhileAnotherRunHoldsTheFileExclusively_WaitsForTheMigrationLock()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        using var held = MigrationLock.Acquire(database.Path, TimeSpan.Zero);
        using var other = database.Open();
        using (var exclusive = other.CreateCommand())
        {
            exclusive.CommandText = "BEGIN EXCLUSIVE;";
            exclusive.ExecuteNonQuery();
        }

        var error = Should.Throw<MigrationException>(() => database.Migrator(o => o.LockTimeout = TimeSpan.FromMilliseconds(200)).Migrate());

        error.Message.ShouldContain("waiting for the migration lock");
    }
}
