using FluentMigrator.Runner;
using FluentMigrator.Runner.Initialization;
using FluentMigrator.Runner.Logging;
using FluentMigrator.Runner.Processors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// FluentMigrator's runner over the migration assembly, built only when there is work to do.
/// All steps of one session run in one transaction: a failure anywhere leaves the database exactly
/// as it was, and a killed process leaves it at the old version, never between.
/// </summary>
internal sealed class FluentMigratorSession : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly IMigrationRunner _runner;

    public FluentMigratorSession(string connectionString, bool previewOnly, TextWriter? sqlOutput)
    {
        var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => runner
                .AddSQLite()
                .WithGlobalConnectionString(connectionString)
                .ScanIn(MigrationsAssembly.Assembly).For.All())
            .Configure<RunnerOptions>(options => options.TransactionPerSession = true)
            .Configure<ProcessorOptions>(options => options.PreviewOnly = previewOnly)
            .AddLogging(logging =>
            {
                logging.ClearProviders();
                if (sqlOutput is not null)
                {
                    logging.AddProvider(new SqlScriptFluentMigratorLoggerProvider(
                        sqlOutput,
                        new SqlScriptFluentMigratorLoggerOptions { OutputSemicolonDelimiter = true },
                        disposeWriter: false));
                }
            });
        _services = services.BuildServiceProvider(validateScopes: false);
        _runner = _services.GetRequiredService<IMigrationRunner>();
    }

    /// <summary>Runs <paramref name="steps"/> in one transaction, calling <paramref name="onStepDone"/> after each.</summary>
    public void Run(IReadOnlyList<MigrationStep> steps, Action<MigrationStep, TimeSpan> onStepDone)
    {
        using var scope = _runner.BeginScope();
        foreach (var step in steps)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                if (step.Direction == MigrationDirection.Up)
                {
                    _runner.MigrateUp(step.Version);
                }
                else
                {
                    _runner.MigrateDown(step.TargetVersion);
                }
            }
            catch (Exception ex) when (ex is not MigrationException)
            {
                throw MigrationException.Failed(
                    $"Migration {step.Version} ({step.Description}) failed {step.Direction.ToString().ToLowerInvariant()}: {Innermost(ex).Message}",
                    ex);
            }

            onStepDone(step, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        scope.Complete();
    }

    public void Dispose() => _services.Dispose();

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
