using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Runner.Hosting;

/// <summary>
/// Migrates in <see cref="StartingAsync"/>, which the host runs before any hosted service's
/// <c>StartAsync</c>: whatever order services were registered in, nothing serves on an old schema.
/// </summary>
internal sealed class DatabaseMigrationHostedService(ConsoleMigrator migrator, ILogger<DatabaseMigrationHostedService> logger)
    : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            migrator.Migrate();
            return Task.CompletedTask;
        }
        catch (MigrationException ex)
        {
            logger.LogError("Database migration failed; the host will not start. {Reason}", ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            // Not one of ours: log it whole, since nobody has turned it into a plain sentence.
            logger.LogError(ex, "Database migration failed; the host will not start. {Reason}", ex.Message);
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
