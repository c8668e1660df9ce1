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
}
