using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Runner.Hosting;

/// <summary>
/// Migrates in <see cref="StartingAsync"/>, which the host runs before any hosted service's
/// <c>StartAsync</c>: whatever order services were registered in, nothing serves on an old schema.
/// Skipped, with no database work, when <c>RunWithConsoleMigrationsAsync</c> has just migrated the
/// same database (see <see cref="MigratedDatabases"/>).
/// </summary>
internal sealed class DatabaseMigrationHostedService(ConsoleMigrator migrator, MigratedDatabases migrated, ILogger<DatabaseMigrationHostedService> logger)
    : IHostedLifecycleService
{
    /// <remarks>
    /// The host cancels <paramref name="cancellationToken"/> when it is asked to stop while starting
    /// (Ctrl+C, SIGTERM): a wait for another process's lock then ends at once, and the database
    /// stays as it was.
    /// </remarks>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (migrated.Contains(migrator.ConnectionString))
        {
            HostingLog.StartupMigrationAlreadyDone(logger);
            return;
        }

        try
        {
            await migrator.MigrateAsync(cancellationToken: cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            HostingLog.StartupMigrationCancelled(logger);
            throw;
        }
        catch (MigrationException ex)
        {
            HostingLog.StartupMigrationFailed(logger, ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            // Not one of ours: log it whole, since nobody has turned it into a plain sentence.
            HostingLog.StartupMigrationFailed(logger, ex.Message, ex);
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
