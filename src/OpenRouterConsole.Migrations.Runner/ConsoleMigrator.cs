using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner.Backup;
using OpenRouterConsole.Migrations.Runner.Execution;
using OpenRouterConsole.Migrations.Runner.Files;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Locking;
using OpenRouterConsole.Migrations.Runner.Planning;
using OpenRouterConsole.Migrations.Runner.Providers;
using OpenRouterConsole.Migrations.Runner.Reporting;
using OpenRouterConsole.Migrations.Runner.Safety;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// Migrates, rolls back, previews, verifies and restores one console database. The start-up runner
/// and the command-line tool both go through this class, so they check, lock, back up and report in
/// the same way.
/// </summary>
/// <remarks>
/// A change runs plan → lock → safety → backup → execute → history → report; with nothing pending it
/// stops after one read under the lock. Cancellation is honoured up to the commit and leaves the
/// database as it was (<see cref="OperationCanceledException"/>). The sync forms block on the async
/// ones, which await only the lock's poll (no synchronisation context is captured).
/// </remarks>
public sealed class ConsoleMigrator
{
    private readonly MigrationOptions _options;
    private readonly ILogger _logger;
    private readonly SafetyChecks _safety;
    private readonly CheckedPlans _plans;
    private readonly SqliteMigrationRun _run;

    /// <summary>Creates a migrator for the database <paramref name="options"/> name; nothing is opened yet.</summary>
    /// <param name="options">The database, backups, lock time-out and safety overrides.</param>
    /// <param name="logger">Receives every step, backup, wait and refusal (stable event ids); none by default.</param>
    public ConsoleMigrator(MigrationOptions options, ILogger<ConsoleMigrator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Catalog = MigrationCatalog.For(options.MigrationAssembly);
        _logger = logger ?? (ILogger)SilentLogger.Instance;
        var planner = new MigrationPlanner(Catalog, _logger);
        _safety = new SafetyChecks(Catalog, options, _logger);
        _plans = new CheckedPlans(Catalog, options, planner, _safety);
        _run = new SqliteMigrationRun(Catalog, options, _logger, planner, _safety);
    }

    /// <summary>The migrations this migrator knows and runs (<see cref="MigrationOptions.MigrationAssembly"/>).</summary>
    public MigrationCatalog Catalog { get; }

    /// <summary>The connection string in use: the options', else <see cref="MigrationOptions.DefaultConnectionString"/>.</summary>
    public string ConnectionString => _options.ConnectionString ?? MigrationOptions.DefaultConnectionString;

    private bool IsPostgres => DatabaseProviders.IsPostgres(ConnectionString);

    /// <summary>What the database records, applied and pending migrations; reads only, and creates nothing.</summary>
    public DatabaseStatus GetStatus()
    {
        if (IsPostgres)
        {
            return ProviderMigration.OnPostgres(ConnectionString, _options, _logger, postgres => postgres.GetStatus());
        }

        var database = DatabaseFile.Resolve(ConnectionString);
        database.EnsureExists("list");
        return SqliteMigrationHistory.ReadStatus(Catalog, database, SqliteOpenMode.ReadOnly);
    }

    /// <summary>Applies pending migrations up to <paramref name="targetVersion"/> (default: the latest); creates a missing SQLite file.</summary>
    public MigrationReport Migrate(long? targetVersion = null, CancellationToken cancellationToken = default) =>
        MigrateAsync(targetVersion, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc cref="Migrate"/>
    public Task<MigrationReport> MigrateAsync(long? targetVersion = null, CancellationToken cancellationToken = default) =>
        RunAsync(preview: false, _plans.Up(targetVersion), _plans.AlreadyUpToDate(targetVersion), "migrate", cancellationToken);

    /// <summary>
    /// What <see cref="Migrate"/> would do, with the SQL it would run; takes no lock, changes nothing
    /// and creates no file. Refuses what <see cref="Migrate"/> would refuse.
    /// </summary>
    public MigrationPreview PreviewMigrate(long? targetVersion = null) =>
        Preview(_plans.Up(targetVersion), "migrate");

    /// <summary>Reverts applied migrations down to <paramref name="target"/>; always backs up first unless backups are off.</summary>
    public MigrationReport Rollback(RollbackTarget target, CancellationToken cancellationToken = default) =>
        RollbackAsync(target, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc cref="Rollback"/>
    public Task<MigrationReport> RollbackAsync(RollbackTarget target, CancellationToken cancellationToken = default) =>
        RunAsync(preview: false, _plans.Down(target, ConnectionString), upToDate: null, "roll back", cancellationToken);

    /// <summary>
    /// What <see cref="Rollback"/> would do, with the SQL it would run; takes no lock and changes
    /// nothing. Refuses what <see cref="Rollback"/> would refuse.
    /// </summary>
    public MigrationPreview PreviewRollback(RollbackTarget target) =>
        Preview(_plans.Down(target, ConnectionString), "roll back");

    /// <summary>
    /// Puts a backup in place of the database, after checking the backup and backing up the current
    /// file, in one step as seen by any other writer. SQLite only (PostgreSQL: <c>pg_restore</c>).
    /// </summary>
    /// <param name="backupPath">The backup file, e.g. <c>console.db.v1.20261124T101500Z.bak</c>.</param>
    /// <param name="cancellationToken">Stops the wait for the lock; the restore itself is not interrupted.</param>
    public MigrationReport Restore(string backupPath, CancellationToken cancellationToken = default) =>
        RestoreAsync(backupPath, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc cref="Restore"/>
    public async Task<MigrationReport> RestoreAsync(string backupPath, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (IsPostgres)
        {
            throw MigrationException.Usage(
                $"Restoring a PostgreSQL database is pg_restore's job: pg_restore --clean --if-exists --single-transaction -d DATABASE '{backupPath}' (see the README's PostgreSQL section).");
        }

        var files = RestoreFiles.Check(ConnectionString, backupPath);
        using var migrationLock = await MigrationLock.AcquireAsync(files.Database, _options.LockTimeout, _logger, cancellationToken).ConfigureAwait(false);
        // The last point to stop: the restore itself is one write transaction.
        cancellationToken.ThrowIfCancellationRequested();
        return new DatabaseRestore(_options, _logger).Run(files.Database, files.Backup) with { LockWait = migrationLock.Waited };
    }

    /// <summary>Compares the live schema with the one its recorded version should have; reads only.</summary>
    public VerifyReport Verify()
    {
        if (IsPostgres)
        {
            return ProviderMigration.OnPostgres(ConnectionString, _options, _logger, postgres =>
            {
                _safety.RefuseUnknownVersions(postgres.GetStatus(), allowed: false, "verify");
                return postgres.Verify();
            });
        }

        return new SchemaVerification(Catalog, _safety).Run(DatabaseFile.Resolve(ConnectionString));
    }

    /// <inheritdoc cref="Verify"/>
    public Task<VerifyReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        // Reads only and never waits for the lock: nothing to await.
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Verify());
    }

    /// <summary>
    /// True when <paramref name="path"/> is this SQLite database, one of SQLite's files beside it, its
    /// migration lock's files or one of its backups, however the path is spelled (links, <c>..</c>,
    /// hard links): a file a caller must not overwrite, e.g. with a SQL script. False for PostgreSQL.
    /// </summary>
    public bool BelongsToDatabase(string path) =>
        !IsPostgres && OwnedFiles.Contains(DatabaseFile.Resolve(ConnectionString), path);

    // A preview never waits (no lock), so blocking on the async run returns at once.
    private MigrationPreview Preview(Func<DatabaseStatus, IReadOnlyList<MigrationStep>> plan, string action)
    {
        var report = RunAsync(preview: true, plan, upToDate: null, action, CancellationToken.None).GetAwaiter().GetResult();
        return report.ToPreview(report.Sql ?? string.Empty);
    }

    // upToDate: for a migrate, what may be decided without the lock (SQLite only).
    private async Task<MigrationReport> RunAsync(
        bool preview, Func<DatabaseStatus, IReadOnlyList<MigrationStep>> plan, Func<DatabaseStatus, bool>? upToDate, string action, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // The SQL is written while FluentMigrator runs; kept only when asked for.
        var sql = preview || _options.CaptureSql ? new StringWriter() : null;
        var report = IsPostgres
            ? ProviderMigration.OnPostgres(ConnectionString, _options, _logger, postgres => postgres.Run(preview, sql, plan, cancellationToken))
            : await _run.RunOnFileAsync(ConnectionString, preview, sql, plan, upToDate, action, cancellationToken).ConfigureAwait(false);
        return sql is null ? report : report with { Sql = sql.ToString() };
    }
}
