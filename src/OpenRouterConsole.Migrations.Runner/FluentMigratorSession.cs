using FluentMigrator.Runner;
using FluentMigrator.Runner.Logging;
using FluentMigrator.Runner.Processors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner.Integrity;
using OpenRouterConsole.Migrations.Runner.Providers;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// FluentMigrator's runner over the migration assembly, built only when there is work to do.
/// All steps of one session run in one transaction: a failure anywhere leaves the database exactly
/// as it was, and a killed process leaves it at the old version, never between.
/// </summary>
internal sealed class FluentMigratorSession : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MigrationRunner _runner;

    private readonly DatabaseProvider _provider;

    public FluentMigratorSession(string connectionString, bool previewOnly, TextWriter? sqlOutput, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        _provider = provider;
        var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => (provider == DatabaseProvider.Postgres ? runner.AddPostgres() : runner.AddSQLite())
                .WithGlobalConnectionString(connectionString)
                .ScanIn(MigrationsAssembly.Assembly).For.All())
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
        _runner = (MigrationRunner)_services.GetRequiredService<IMigrationRunner>();
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
                Apply(step);
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

    // MigrateUp(version) is not used: FluentMigrator 8.0.1 starts it with ValidateConnection(), which
    // rolls back the open transaction, so the steps after it would run without one. ApplyMigrationUp/
    // Down join the session's transaction. The checksum row goes through the same processor, so it
    // commits with the version row (and shows in a preview).
    private void Apply(MigrationStep step)
    {
        var migration = _runner.MigrationLoader.LoadMigrations()[step.Version];
        if (step.RecordOnly)
        {
            _runner.VersionLoader.UpdateVersionInfo(step.Version, step.Description);
            _runner.VersionLoader.LoadVersionInfo();
            _runner.Processor.Execute(ChecksumTable.RecordSql(step.Version, _provider));
        }
        else if (step.Direction == MigrationDirection.Up)
        {
            _runner.ApplyMigrationUp(migration, useTransaction: true);
            _runner.Processor.Execute(ChecksumTable.RecordSql(step.Version, _provider));
        }
        else
        {
            _runner.ApplyMigrationDown(migration, useTransaction: true);
            _runner.Processor.Execute(ChecksumTable.ForgetSql(step.Version, _provider));
        }
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
