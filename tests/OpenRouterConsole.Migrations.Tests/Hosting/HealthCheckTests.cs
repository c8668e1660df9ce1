using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Hosting;

/// <summary>
/// services.AddHealthChecks().AddOpenRouterConsoleDatabase() run through the host's HealthCheckService
/// against real files. The host is built, never started, so nothing migrates the file first.
/// </summary>
public sealed class HealthCheckTests
{
    private static long Latest => MigrationCatalog.Console.LatestVersion;

    [Test]
    public async Task LatestVersion_IsHealthy()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        var entry = await Check(database);

        entry.Status.ShouldBe(HealthStatus.Healthy);
        entry.Data["currentVersion"].ShouldBe(Latest);
        entry.Data["latestVersion"].ShouldBe(Latest);
    }

    [Test]
    public async Task PendingMigration_IsUnhealthy_NamingThePendingVersion()
    {
        var previous = MigrationCatalog.Console.All[^2].Version;
        using var database = new TestDatabase();
        database.MigrateTo(previous);
        var bytesBefore = database.Bytes();

        var entry = await Check(database);

        entry.Status.ShouldBe(HealthStatus.Unhealthy);
        entry.Data["currentVersion"].ShouldBe(previous);
        entry.Data["pendingVersions"].ShouldBe(new[] { Latest });
        entry.Description!.ShouldContain($"migration(s) {Latest} pending");
        database.Bytes().ShouldBe(bytesBefore);
    }

    [Test]
    public async Task MissingFile_IsUnhealthy_AndIsNotCreated()
    {
        using var database = new TestDatabase();

        var entry = await Check(database);

        entry.Status.ShouldBe(HealthStatus.Unhealthy);
        entry.Description!.ShouldContain("does not exist");
        File.Exists(database.Path).ShouldBeFalse();
    }

    [Test]
    public async Task DatabaseNewerThanTheCode_IsUnhealthy_NamingTheUnknownVersion()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute($"INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES ({Latest + 1}, datetime('now'), 'From the future')");

        var entry = await Check(database);

        entry.Status.ShouldBe(HealthStatus.Unhealthy);
        entry.Data["unknownVersions"].ShouldBe(new[] { Latest + 1 });
        entry.Description!.ShouldContain("newer than the code");
    }

    [Test]
    public async Task DriftedSchema_IsUnhealthy_ListingTheDifference()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute("ALTER TABLE models ADD COLUMN added_by_hand TEXT");

        var entry = await Check(database);

        entry.Status.ShouldBe(HealthStatus.Unhealthy);
        entry.Data["currentVersion"].ShouldBe(Latest);
        ((string[])entry.Data["drift"]).ShouldContain(d => d.Contains("added_by_hand"));
        entry.Description!.ShouldContain("schema differs");
    }

    [Test]
    public async Task NotADatabase_IsUnhealthy_WithTheReason()
    {
        using var database = new TestDatabase();
        File.WriteAllText(database.Path, "this is not a database, but it is long enough to have a header of sorts......................................");

        var entry = await Check(database);

        entry.Status.ShouldBe(HealthStatus.Unhealthy);
        entry.Description!.ShouldContain("is not a SQLite database");
        entry.Exception.ShouldBeOfType<MigrationException>();
    }

    [Test]
    public async Task FailureStatus_IsTheRegistrationsChoice()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[^2].Version);

        var entry = await Check(database, HealthStatus.Degraded);

        entry.Status.ShouldBe(HealthStatus.Degraded);
    }

    private static async Task<HealthReportEntry> Check(TestDatabase database, HealthStatus? failureStatus = null)
    {
        using var host = TestHosts.Build(builder =>
        {
            builder.Services.AddOpenRouterConsoleMigrations(o => o.ConnectionString = database.ConnectionString);
            builder.Services.AddHealthChecks().AddOpenRouterConsoleDatabase(failureStatus: failureStatus);
        });

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries.ShouldHaveSingleItem().Value;
    }
}
