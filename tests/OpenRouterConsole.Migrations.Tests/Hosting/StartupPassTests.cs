using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Hosting;

/// <summary>
/// RunWithConsoleMigrationsAsync migrates before the host starts; the hosted service's own pass then
/// does no database work. A host that relies on the hosted service alone still gets its migration.
/// </summary>
public sealed class StartupPassTests
{
    [Test]
    public async Task RunWithConsoleMigrations_HostedServicePass_TakesNoLockAndReadsNothing()
    {
        using var database = new TestDatabase();
        var logs = new ListLoggerProvider();
        using var host = BuildHost(database, logs);
        FileStream? heldByAnother = null;

        var exitCode = await host.RunWithConsoleMigrationsAsync(beforeStart: (services, _) =>
        {
            // From now on another handle holds the migration lock: a second pass would wait for it and time out.
            heldByAnother = new FileStream(database.Path + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
            return Task.CompletedTask;
        });
        heldByAnother?.Dispose();

        exitCode.ShouldBe(0, string.Join("\n", logs.Entries.Select(e => e.Message)));
        database.RecordedVersions().ShouldBe(Versions.All);
        logs.Entries.Count(e => e.EventId.Name == "DatabaseMigrated").ShouldBe(1);
        logs.Entries.ShouldNotContain(e => e.EventId.Name == "NothingToDo" || e.EventId.Name == "WaitingForLock");
        logs.Entries.Count(e => e.EventId.Name == "StartupMigrationAlreadyDone").ShouldBe(1);
    }

    [Test]
    public async Task HostedServiceAlone_AfterAnotherHostMigratedTheDatabase_StillChecksIt()
    {
        using var database = new TestDatabase();
        using (var first = BuildHost(database, new ListLoggerProvider()))
        {
            await first.Services.MigrateConsoleDatabaseAsync();
        }

        var logs = new ListLoggerProvider();
        using var second = BuildHost(database, logs);
        await second.StartAsync();
        await second.StopAsync();

        logs.Entries.Count(e => e.EventId.Name == "NothingToDo").ShouldBe(1);
        logs.Entries.ShouldNotContain(e => e.EventId.Name == "StartupMigrationAlreadyDone");
    }

    private static IHost BuildHost(TestDatabase database, ListLoggerProvider logs) =>
        TestHosts.Build(
            builder =>
            {
                // The skip is logged at Debug: a start that does nothing says so only when asked.
                builder.Logging.SetMinimumLevel(LogLevel.Debug);
                builder.Services.AddOpenRouterConsoleMigrations(o =>
                {
                    o.ConnectionString = database.ConnectionString;
                    o.BackupEnabled = false;
                    o.LockTimeout = TimeSpan.FromMilliseconds(200);
                });
            },
            logs);
}
