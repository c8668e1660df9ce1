using System.Diagnostics;
using Npgsql;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Postgres;

/// <summary>The tool as real processes on one PostgreSQL database: racing, and killed mid-migration.</summary>
[Category(PostgresServer.Category)]
[Category("Slow")]
[NonParallelizable]
public sealed class PostgresProcessTests
{
    [Test]
    public void EightProcesses_MigrateOneEmptyDatabase_EachVersionRecordedOnce()
    {
        using var database = new PostgresTestDatabase();

        var processes = Enumerable.Range(0, 8).Select(_ => ToolProcess.Start("migrate", "-c", database.ConnectionString)).ToArray();
        var results = processes.Select(p =>
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            p.WaitForExit(TimeSpan.FromSeconds(120)).ShouldBeTrue();
            return (p.ExitCode, Stdout: stdout.Result, Stderr: stderr.Result);
        }).ToArray();
        foreach (var process in processes)
        {
            process.Dispose();
        }

        results.ShouldAllBe(r => r.ExitCode == 0, string.Join("\n", results.Select(r => r.Stderr)));
        results.Count(r => r.Stdout.Contains("Version: 0 -> ", StringComparison.Ordinal)).ShouldBe(1, "exactly one process migrates");
        results.Count(r => r.Stdout.Contains("Nothing to do", StringComparison.Ordinal)).ShouldBe(7);
        database.Column<long>("SELECT \"Version\" FROM \"VersionInfo\" ORDER BY 1").ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version).ToArray());
        database.Scalar<long>("SELECT count(*) FROM \"MigrationChecksums\"").ShouldBe(MigrationCatalog.Console.All.Count);
        database.Migrator().Verify().IsClean.ShouldBeTrue();
    }

    [Test]
    public void KilledMidMigration_LeavesTheOldVersionAndNoLock()
    {
        using var database = new PostgresTestDatabase();
        database.MigrateTo(1);
        var before = database.Schema().ToText();

        // Holding a share lock on profiles makes migration 2's ALTER TABLE wait inside its transaction.
        using var blocker = database.Open();
        using var transaction = blocker.BeginTransaction();
        using (var share = new NpgsqlCommand("LOCK TABLE profiles IN ACCESS SHARE MODE", blocker, transaction))
        {
            share.ExecuteNonQuery();
        }

        using var tool = ToolProcess.Start("migrate", "-c", database.ConnectionString);
        WaitUntil(() => database.Scalar<long>("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'profiles'::regclass") > 0, "the tool to wait on profiles");
        database.Scalar<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted").ShouldBe(1, "the tool holds the migration lock");

        tool.Kill(entireProcessTree: true);
        tool.WaitForExit();
        transaction.Rollback();

        // The server notices the closed sockets: the transaction rolls back and the advisory lock goes.
        WaitUntil(() => database.Scalar<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") == 0, "the killed tool's lock to go");
        database.RecordedVersions().ShouldBe([1]);
        database.Schema().ToText().ShouldBe(before);
        var report = database.Migrator(o => o.LockTimeout = TimeSpan.Zero).Migrate();
        report.VersionAfter.ShouldBe(MigrationCatalog.Console.LatestVersion);
        report.LockWait.ShouldBe(TimeSpan.Zero);
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), $"waited too long for {what}");
            Thread.Sleep(50);
        }
    }
}
