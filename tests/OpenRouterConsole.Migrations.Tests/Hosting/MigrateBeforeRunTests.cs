using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Hosting;

/// <summary><c>await app.Services.MigrateConsoleDatabaseAsync()</c> between Build() and Run(), for apps that seed data.</summary>
public sealed class MigrateBeforeRunTests
{
    [Test]
    public async Task MigrateBeforeRun_SeedingCodeSeesTheLatestSchema_AndTheStartUpPassIsSkipped()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[^2].Version);
        var logs = new ListLoggerProvider();
        using var host = TestHosts.Build(
            builder =>
            {
                // The skipped pass is logged at Debug.
                builder.Logging.SetMinimumLevel(LogLevel.Debug);
                builder.Services.AddOpenRouterConsoleMigrations(o =>
                {
                    o.ConnectionString = database.ConnectionString;
                    o.BackupEnabled = false;
                });
            },
            logs);

        var report = await host.Services.MigrateConsoleDatabaseAsync();
        // Seeding that needs the latest migration's column (M002: profiles.openrouter_preset).
        database.Execute("INSERT INTO profiles (name, openrouter_preset) VALUES ('seeded', 'fast')");
        await host.StartAsync();
        await host.StopAsync();

        report.VersionAfter.ShouldBe(MigrationCatalog.Console.LatestVersion);
        report.Steps.Select(s => s.Step.Version).ShouldBe([MigrationCatalog.Console.LatestVersion]);
        database.Scalar<string>("SELECT openrouter_preset FROM profiles WHERE name = 'seeded'").ShouldBe("fast");
        logs.Entries.Count(e => e.Message.Contains("Applied migration")).ShouldBe(1);
        // The hosted service skips its pass: no second lock, no second query.
        logs.Entries.Count(e => e.EventId.Name == "StartupMigrationAlreadyDone").ShouldBe(1);
        logs.Entries.ShouldNotContain(e => e.EventId.Name == "NothingToDo");
    }

    [Test]
    public async Task MigrateBeforeRun_Failure_ThrowsMigrationException_AndLeavesTheFileAsItWas()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[^2].Version);
        database.FailWhenRecording(MigrationCatalog.Console.LatestVersion);
        var bytesBefore = database.Bytes();
        using var host = TestHosts.Build(builder =>
            builder.Services.AddOpenRouterConsoleMigrations(o =>
            {
                o.ConnectionString = database.ConnectionString;
                o.BackupEnabled = false;
            }));

        var error = await Should.ThrowAsync<MigrationException>(() => host.Services.MigrateConsoleDatabaseAsync());

        error.Message.ShouldContain("injected failure");
        database.Bytes().ShouldBe(bytesBefore);
    }
}
