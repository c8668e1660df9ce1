using FluentMigrator.Runner;
using FluentMigrator.Runner.Logging;
using FluentMigrator.Runner.Processors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Providers;

namespace OpenRouterConsole.Migrations.Runner.Execution;

/// <summary>
/// FluentMigrator's runner over the migration assembly, built only when there is work to do.
/// All steps of one session run in one transaction: a failure anywhere leaves the database exactly
/// as it was, and a killed process leaves it at the old version, never between.
/// </summary>
internal sealed class FluentMigratorSession : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MigrationRunner _runner;
    private readonly MigrationHistory _history;
    private readonly bool _foreignKeysOff;
    private readonly bool _previewOnly;

    /// <param name="catalog">The migrations to run.</param>
    /// <param name="connectionString">The database FluentMigrator connects to.</param>
    /// <param name="previewOnly">Write the SQL without running it.</param>
    /// <param name="sqlOutput">Receives the SQL that runs (or would run); null for none.</param>
    /// <param name="provider">Which FluentMigrator processor to use.</param>
    /// <param name="foreignKeysOff">
    /// Open the connection with foreign keys off (see <see cref="NeedsForeignKeysOff"/>); the run then
    /// ends with <c>PRAGMA foreign_key_check</c> over the whole database before it commits.
    /// </param>
    public FluentMigratorSession(MigrationCatalog catalog, string connectionString, bool previewOnly, TextWriter? sqlOutput, bool foreignKeysOff = false, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        _history = MigrationHistory.For(provider, catalog);
        _foreignKeysOff = foreignKeysOff;
        _previewOnly = previewOnly;
        if (foreignKeysOff)
        {
            // Microsoft.Data.Sqlite runs PRAGMA foreign_keys = 0 as it opens: before any transaction.
            connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString) { ForeignKeys = false }.ConnectionString;
        }

        var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => (provider == DatabaseProvider.Postgres ? runner.AddPostgres() : runner.AddSQLite())
                .WithGlobalConnectionString(connectionString)
                .ScanIn(catalog.Assembly).For.All())
            .Configure<ProcessorOptions>(options => options.PreviewOnly = previewOnly)
            .AddLogging(logging =>
            {
                logging.ClearProviders();
                if (sqlOutput is not null)
                {
                    logging.AddProvider(new SqlScriptFluentMigratorLoggerProvider(
                        new SqlScriptWriter(sqlOutput),
                        new SqlScriptFluentMigratorLoggerOptions { OutputSemicolonDelimiter = true },
                        disposeWriter: false));
                }
            });
        _services = services.BuildServiceProvider(validateScopes: false);
        _runner = (MigrationRunner)_services.GetRequiredService<IMigrationRunner>();
    }

    /// <summary>Runs <paramref name="steps"/> in one transaction, calling <paramref name="onStepDone"/> after each.</summary>
    /// <remarks>Cancellation is checked before each step and before the commit; a cancelled run is rolled back.</remarks>
    public void Run(IReadOnlyList<MigrationStep> steps, Action<MigrationStep, TimeSpan> onStepDone, CancellationToken cancellationToken = default)
    {
        try
        {
            RunInOneTransaction(steps, onStepDone, cancellationToken);
        }
        catch (Exception ex) when (ex is not MigrationException && ex.Innermost() is Microsoft.Data.Sqlite.SqliteException sqlite)
        {
            // The commit itself can fail: a reader kept the file locked past the busy timeout.
            throw MigrationException.CommitFailed(sqlite, ex);
        }
    }

    private void RunInOneTransaction(IReadOnlyList<MigrationStep> steps, Action<MigrationStep, TimeSpan> onStepDone, CancellationToken cancellationToken)
    {
        using var scope = _runner.BeginScope();
        foreach (var step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                Apply(step);
            }
            catch (Exception ex) when (ex is not MigrationException)
            {
                throw MigrationException.StepFailed(step, ex);
            }

            onStepDone(step, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        if (_foreignKeysOff && !_previewOnly)
        {
            CheckForeignKeys(steps);
        }

        cancellationToken.ThrowIfCancellationRequested();
        scope.Complete();
    }

    /// <summary>Whether a run of <paramref name="steps"/> rebuilds a table, and so needs foreign keys off.</summary>
    public static bool NeedsForeignKeysOff(MigrationCatalog catalog, IEnumerable<MigrationStep> steps) =>
        steps.Any(s => !s.RecordOnly && catalog.Find(s.Version)?.RebuildsTables == true);

    // With foreign keys off nothing enforced them during the run (not even ON DELETE CASCADE of a
    // later step's DELETE): one check over the whole database before the commit, or nothing commits.
    private void CheckForeignKeys(IReadOnlyList<MigrationStep> steps)
    {
        var result = _runner.Processor.Read("SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check GROUP BY \"table\", parent");
        if (result.Tables.Count > 0 && result.Tables[0].Rows.Count > 0)
        {
            var row = result.Tables[0].Rows[0];
            throw MigrationException.Failed(
                $"Migration {steps[^1].Version} ({steps[^1].Description}) would leave {row[2]} row(s) of '{row[0]}' pointing at no row of '{row[1]}'; " +
                "the run was rolled back and nothing was changed.");
        }
    }

    public void Dispose() => _services.Dispose();

    // MigrateUp(version) is not used: FluentMigrator 8.0.1 starts it with ValidateConnection(), which
    // rolls back the open transaction, so the steps after it would run without one. ApplyMigrationUp/
    // Down join the session's transaction. The history records each step through the same
    // processor, so its rows commit with FluentMigrator's version row (and show in a preview).
    private void Apply(MigrationStep step)
    {
        var migration = _runner.MigrationLoader.LoadMigrations()[step.Version];
        // An adopted step (RecordOnly) runs nothing: its schema is there already; only the history is written.
        if (!step.RecordOnly)
        {
            if (step.Direction == MigrationDirection.Up)
            {
                _runner.ApplyMigrationUp(migration, useTransaction: true);
            }
            else
            {
                _runner.ApplyMigrationDown(migration, useTransaction: true);
            }
        }

        _history.Record(_runner, step);
    }
}
