using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Hosting;

/// <summary>A real Generic Host that calls AddOpenRouterConsoleMigrations, started against temp files.</summary>
public sealed class HostStartupTests
{
    [Test]
    public async Task HostStart_FreshDatabase_IsMigratedBeforeOtherServicesStart()
    {
        using var database = new TestDatabase();
        var probe = new SchemaVersionProbe(database);
        using var host = TestHosts.Build(builder =>
        {
            // Registered first on purpose: the migration must still run before it starts.
            builder.Services.AddSingleton<IHostedService>(probe);
            builder.Services.AddOpenRouterConsoleMigrations(o => o.ConnectionString = database.ConnectionString);
        });

        await host.StartAsync();
        await host.StopAsync();

        probe.VersionsSeenAtStart.ShouldBe(Versions.All);
        database.RecordedVersions().ShouldBe(Versions.All);
    }

    [Test]
    public async Task HostStart_ConnectionStringFromConfiguration_MigratesThatFile()
    {
        using var database = new TestDatabase();
        using var host = TestHosts.Build(builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Console"] = database.ConnectionString });
            builder.Services.AddOpenRouterConsoleMigrations(o => o.BackupEnabled = false);
        });

        await host.StartAsync();
        await host.StopAsync();

        database.RecordedVersions().ShouldBe(Versions.All);
    }

    [Test]
    public async Task HostStart_DatabaseWithData_LogsVersionsStepsAndBackup()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.Execute("INSERT INTO profiles (name) VALUES ('kept')");
        var logs = new ListLoggerProvider();
        using var host = TestHosts.Build(
            builder => builder.Services.AddOpenRouterConsoleMigrations(o => o.ConnectionString = database.ConnectionString),
            logs);

        await host.StartAsync();
        await host.StopAsync();

        var messages = logs.Entries.Where(e => e.Category.StartsWith("OpenRouterConsole", StringComparison.Ordinal)).Select(e => e.Message).ToArray();
        messages.ShouldContain(m => m.Contains("is at version 1"));
        messages.ShouldContain(m => m.Contains("Applied migration 2") && m.Contains(" ms"));
        messages.ShouldContain(m => m.Contains($"is now at version {Versions.Latest}"));
        var backup = Directory.GetFiles(database.Directory, "console.db.v1.*.bak").ShouldHaveSingleItem();
        messages.ShouldContain(m => m.Contains(backup));
    }

    [Test]
    public async Task HostStart_FailingMigration_DoesNotStartAndLeavesTheFileUnchanged()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.FailWhenRecording(2);
        var bytesBefore = database.Bytes();
        var logs = new ListLoggerProvider();
        var probe = new SchemaVersionProbe(database);
        using var host = TestHosts.Build(
            builder =>
            {
                builder.Services.AddOpenRouterConsoleMigrations(o =>
                {
                    o.ConnectionString = database.ConnectionString;
                    o.BackupEnabled = false;
                });
                builder.Services.AddSingleton<IHostedService>(probe);
            },
            logs);

        var error = await Should.ThrowAsync<MigrationException>(() => host.StartAsync());

        error.Message.ShouldContain("Migration 2");
        error.Message.ShouldContain("injected failure");
        probe.VersionsSeenAtStart.ShouldBeNull();
        database.Bytes().ShouldBe(bytesBefore);
        logs.Entries.Where(e => e.Level == LogLevel.Error && e.Category.StartsWith("OpenRouterConsole", StringComparison.Ordinal))
            .ShouldHaveSingleItem().Message.ShouldContain("the host will not start");
    }
}
