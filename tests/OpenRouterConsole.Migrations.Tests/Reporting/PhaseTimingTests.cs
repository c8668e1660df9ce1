using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reporting;

/// <summary>The report says where a run spent its time (the benchmark prints these phases).</summary>
public sealed class PhaseTimingTests
{
    [Test]
    public void Migrate_UpToDate_ReportsTheFastPathPhasesOnly_WithoutTheLock()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        var report = database.Migrator().Migrate();

        report.Phases.Select(p => p.Phase).ShouldBe(["checks", "up-to-date check"]);
        report.Phases.ShouldAllBe(p => p.Duration >= TimeSpan.Zero);
    }

    [Test]
    public void Migrate_WithDataAndBackup_ReportsEveryPhaseInOrder()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[0].Version);
        database.Execute("INSERT INTO profiles (name) VALUES ('kept')");

        var report = database.Migrator(o => o.BackupEnabled = true).Migrate();

        report.Phases.Select(p => p.Phase).ShouldBe(["checks", "up-to-date check", "lock", "read versions", "plan", "schema check", "integrity check", "backup", "execute"]);
        report.Phases.Single(p => p.Phase == "execute").Duration
            .ShouldBeGreaterThanOrEqualTo(TimeSpan.FromTicks(report.Steps.Sum(s => s.Duration.Ticks)));
    }
}
