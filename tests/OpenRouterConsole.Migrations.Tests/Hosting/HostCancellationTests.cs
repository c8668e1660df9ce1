using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Hosting;

/// <summary>
/// A host asked to stop while its start-up migration waits for another process's lock stops at
/// once (not after LockTimeout) and leaves the database as it was.
/// </summary>
public sealed class HostCancellationTests
{
    [Test]
    public async Task StopApplication_WhileWaitingForTheLock_StartEndsAtOnce_DatabaseUnchanged()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[0].Version);
        var bytesBefore = database.Bytes();
        var logs = new ListLoggerProvider();
        using var host = BuildHost(database, logs);

        using (new FileStream(database.Path + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var start = host.StartAsync();
            logs.WaitFor("WaitingForLock", TimeSpan.FromSeconds(30)).ShouldBeTrue("the migration should be waiting for the lock");
            var stopping = Stopwatch.StartNew();
            // What the console lifetime does on Ctrl+C or SIGTERM.
            host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

            await Should.ThrowAsync<OperationCanceledException>(() => start);
            stopping.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        }

        database.Bytes().ShouldBe(bytesBefore);
        logs.Entries.ShouldContain(e => e.EventId.Name == "StartupMigrationCancelled");
    }

    [Test]
    public async Task StartTokenCancelled_WhileWaitingForTheLock_StartEndsAtOnce()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[0].Version);
        var bytesBefore = database.Bytes();
        var logs = new ListLoggerProvider();
        using var host = BuildHost(database, logs);
        using var cancel = new CancellationTokenSource();

        using (new FileStream(database.Path + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var start = host.StartAsync(cancel.Token);
            logs.WaitFor("WaitingForLock", TimeSpan.FromSeconds(30)).ShouldBeTrue();
            cancel.Cancel();

            await Should.ThrowAsync<OperationCanceledException>(() => start);
        }

        database.Bytes().ShouldBe(bytesBefore);
    }

    // A long LockTimeout: a stop that waited it out would fail the test's time limit.
    private static IHost BuildHost(TestDatabase database, ListLoggerProvider logs) =>
        TestHosts.Build(
            builder => builder.Services.AddOpenRouterConsoleMigrations(o =>
            {
                o.ConnectionString = database.ConnectionString;
                o.LockTimeout = TimeSpan.FromSeconds(60);
            }),
            logs);
}
