using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Hosting;

// In this namespace so that a host's Program.cs needs no extra using.
namespace Microsoft.Extensions.Hosting;

/// <summary>Migrating the console database from a built host: before <c>Run()</c>, or as part of it with a one-line failure.</summary>
public static class HostMigrationExtensions
{
    /// <summary>
    /// Migrates the console database now, with the options of <c>AddOpenRouterConsoleMigrations</c>:
    /// for code between <c>Build()</c> and <c>Run()</c> that needs the new schema, such as seeding.
    /// The start-up migration then skips its pass (no lock, no query). Throws <see cref="MigrationException"/> on failure
    /// (the database is left as it was) and <see cref="OptionsValidationException"/> on a bad setting.
    /// </summary>
    public static async Task<MigrationReport> MigrateConsoleDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var migrator = services.GetService<ConsoleMigrator>()
            ?? throw new InvalidOperationException("MigrateConsoleDatabaseAsync needs services.AddOpenRouterConsoleMigrations().");
        var report = await migrator.MigrateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        // The hosted service's pass at start would find nothing to do: it skips instead.
        services.GetService<MigratedDatabases>()?.Add(migrator.ConnectionString);
        return report;
    }

    /// <summary>
    /// Migrates, runs <paramref name="beforeStart"/> (seeding, say: it sees the latest schema), then runs
    /// the host until it stops. When the migration fails or a migration setting is invalid, the host
    /// never starts: the reason goes to stderr as one line (<c>error: …</c>) and to the log, and the
    /// returned exit code is 1 (2 for a bad setting or connection string). Return it from <c>Main</c>:
    /// <c>return await app.RunWithConsoleMigrationsAsync();</c>.
    /// </summary>
    public static async Task<int> RunWithConsoleMigrationsAsync(
        this IHost host,
        Func<IServiceProvider, CancellationToken, Task>? beforeStart = null,
        CancellationToken cancellationToken = default)
    {
        // The host's own Ctrl+C/SIGTERM handling starts only with RunAsync: until then, a signal
        // cancels the migration (a wait for another process's lock ends at once, nothing changes).
        using (var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        using (StopOn(PosixSignal.SIGINT, stopping))
        using (StopOn(PosixSignal.SIGTERM, stopping))
        {
            try
            {
                await host.Services.MigrateConsoleDatabaseAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is MigrationException or OptionsValidationException)
            {
                var exitCode = Report(host, ex);
                await DisposeAsync(host); // flushes the log
                return exitCode;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                Console.Error.WriteLine("error: Cancelled before the migration changed anything; the host did not start.");
                await DisposeAsync(host);
                return CancelledExitCode;
            }
        }

        if (beforeStart is not null)
        {
            await beforeStart(host.Services, cancellationToken);
        }

        try
        {
            await host.RunAsync(cancellationToken);
            return 0;
        }
        catch (MigrationException ex)
        {
            // Another process changed the database between our migration and the host's own check.
            return Report(host, ex);
        }
    }

    /// <summary>The exit code of a start cancelled by Ctrl+C or SIGTERM while migrating (128 + SIGINT, as shells report it).</summary>
    public const int CancelledExitCode = 130;

    private static PosixSignalRegistration StopOn(PosixSignal signal, CancellationTokenSource stopping) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            // Not the default (end the process now): the run stops at its next safe point instead.
            context.Cancel = true;
            stopping.Cancel();
        });

    private static int Report(IHost host, Exception error)
    {
        var reason = error.Message.ReplaceLineEndings(" ").Trim();
        Console.Error.WriteLine($"error: {reason}");
        if (host.Services.GetService<ILoggerFactory>()?.CreateLogger<DatabaseMigrationHostedService>() is { } logger)
        {
            HostingLog.StartupMigrationFailed(logger, reason);
        }

        return error is OptionsValidationException or MigrationException { Kind: MigrationErrorKind.Usage } ? 2 : 1;
    }

    private static async Task DisposeAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
