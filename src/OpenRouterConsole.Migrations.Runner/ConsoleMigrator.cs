using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenRouterConsole.Migrations.Runner.Backup;
using OpenRouterConsole.Migrations.Runner.Execution;
using OpenRouterConsole.Migrations.Runner.Files;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Integrity;
using OpenRouterConsole.Migrations.Runner.Locking;
using OpenRouterConsole.Migrations.Runner.Planning;
using OpenRouterConsole.Migrations.Runner.Postgres;
using OpenRouterConsole.Migrations.Runner.Providers;
using OpenRouterConsole.Migrations.Runner.Reporting;
using OpenRouterConsole.Migrations.Runner.Safety;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// Migrates one console database up or down. The start-up runner and the command-line tool both go
/// through this class, so they check, lock, back up and report in the same way.
/// </summary>
/// <remarks>
/// Every changing operation: checks the input before touching the file; takes the migration lock;
/// reads what the database records (only now, under the lock); refuses a database newer than this
/// assembly or whose applied scripts changed. When nothing is pending it stops there, without ever
/// building FluentMigrator's runner. Otherwise it compares the live schema with the recorded version
/// (adopting unversioned databases, refusing drift), checks integrity, backs the file up if it holds
/// data, and runs all steps in one transaction.
/// Cancellation is honoured up to the commit: while waiting for the lock, between checks, before the
/// backup and between steps (the transaction is rolled back). A cancelled run leaves the database
/// as it was and throws <see cref="OperationCanceledException"/>. The sync forms block on the async
/// ones, which await only the lock's poll (no synchronisation context is captured).
/// </remarks>
public sealed class ConsoleMigrator
{
    private readonly MigrationOptions _options;
    private readonly ILogger _logger;
    private readonly MigrationCatalog _catalog;
    private readonly MigrationPlanner _planner;
    private readonly SafetyChecks _safety;
    private readonly SqliteMigrationRun _run;

    public ConsoleMigrator(MigrationOptions options, ILogger<ConsoleMigrator>? logger = null)
    {
        _options = options;
        _catalog = MigrationCatalog.For(options.MigrationAssembly);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _planner = new MigrationPlanner(_catalog, _logger);
        _safety = new SafetyChecks(_catalog, options, _logger);
        _run = new SqliteMigrationRun(_catalog, options, _logger, _planner, _safety);
    }

    /// <summary>The migrations this migrator runs (<see cref="MigrationOptions.MigrationAssembly"/>).</summary>
    public MigrationCatalog Catalog => _catalog;

    public string ConnectionString => _options.ConnectionString ?? MigrationOptions.DefaultConnectionString;

    /// <summary>What the database records; reads only, and creates nothing.</summary>
    public DatabaseStatus GetStatus()
    {
        if (IsPostgres)
        {
            return OnPostgres(postgres => postgres.GetStatus());
        }

        var database = DatabaseFile.Resolve(ConnectionString);
        database.EnsureExists("list");
        return SqliteMigrationHistory.ReadStatus(_catalog, database, SqliteOpenMode.ReadOnly);
    }

    /// <summary>Applies pending migrations up to <paramref name="targetVersion"/> (default: the latest).</summary>
    /// <param name="sqlOutput">Where to write the SQL that runs; with <paramref name="preview"/>, the SQL that would run.</param>
    public MigrationReport Migrate(long? targetVersion = null, bool preview = false, TextWriter? sqlOutput = null, CancellationToken cancellationToken = default) =>
        MigrateCoreAsync(targetVersion, preview, sqlOutput, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Applies pending migrations up to <paramref name="targetVersion"/> (default: the latest).</summary>
    public Task<MigrationReport> MigrateAsync(long? targetVersion = null, CancellationToken cancellationToken = default) =>
        MigrateCoreAsync(targetVersion, preview: false, sqlOutput: null, cancellationToken);

    private Task<MigrationReport> MigrateCoreAsync(long? targetVersion, bool preview, TextWriter? sqlOutput, CancellationToken cancellationToken)
    {
        if (targetVersion is { } requested)
        {
            _planner.ValidateUpTarget(requested);
        }

        return RunAsync(preview, sqlOutput, status =>
        {
            _safety.RefuseUnknownVersions(status, allowed: _options.AllowNewerDatabase, "migrate");
            SqliteMigrationHistory.RefuseGaps(status);
            _safety.CheckScriptChecksums(status);
            return _planner.Up(status, targetVersion);
        }, "migrate", cancellationToken);
    }

    /// <summary>Reverts applied migrations; always backs up first unless backups are off.</summary>
    public MigrationReport Rollback(RollbackTarget target, bool preview = false, TextWriter? sqlOutput = null, CancellationToken cancellationToken = default) =>
        RollbackCoreAsync(target, preview, sqlOutput, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Reverts applied migrations; always backs up first unless backups are off.</summary>
    public Task<MigrationReport> RollbackAsync(RollbackTarget target, CancellationToken cancellationToken = default) =>
        RollbackCoreAsync(target, preview: false, sqlOutput: null, cancellationToken);

    private Task<MigrationReport> RollbackCoreAsync(RollbackTarget target, bool preview, TextWriter? sqlOutput, CancellationToken cancellationToken)
    {
        target.Validate(_catalog);
        return RunAsync(preview, sqlOutput, status =>
        {
            _safety.RefuseUnknownVersions(status, allowed: false, "roll back");
            SqliteMigrationHistory.RefuseGaps(status);
            _safety.CheckScriptChecksums(status);
            _safety.RefuseUnversionedSchema(status, ConnectionString);
            return _planner.Down(status, target);
        }, "roll back", cancellationToken);
    }

    /// <summary>
    /// Puts a backup in place of the database, after checking the backup and backing up the current
    /// file, in one step as seen by any other writer (see <see cref="DatabaseRestore"/>).
    /// </summary>
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

        var database = DatabaseFile.Resolve(ConnectionString);
        database.EnsureWritable("restore");
        database.EnsureExists("restore");
        var backup = DatabaseFile.Resolve(new SqliteConnectionStringBuilder { DataSource = backupPath }.ConnectionString);
        if (!backup.HasContent)
        {
            throw MigrationException.Usage($"The backup '{backup.Path}' does not exist or is empty.");
        }

        if (backup.Path == database.Path || FileIdentity.SameFile(backup.Path, database.Path))
        {
            throw MigrationException.Usage($"'{backup.Path}' is the database itself; name a backup file to restore.");
        }

        using var migrationLock = await AcquireLockAsync(database, cancellationToken).ConfigureAwait(false);
        // The last point to stop: the restore itself is one write transaction.
        cancellationToken.ThrowIfCancellationRequested();
        return new DatabaseRestore(_options, _logger).Run(database, backup) with { LockWait = migrationLock.Waited };
    }

    private async Task<MigrationReport> RunAsync(
        bool preview, TextWriter? sqlOutput, Func<DatabaseStatus, IReadOnlyList<MigrationStep>> plan, string action, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (IsPostgres)
        {
            return OnPostgres(postgres => postgres.Run(preview, sqlOutput, plan, cancellationToken));
        }

        var clock = new PhaseClock();
        var database = DatabaseFile.Resolve(ConnectionString);
        if (action != "migrate")
        {
            // A typo in the path must not look like a database with nothing to do.
            database.EnsureExists(action);
        }

        if (preview)
        {
            database.EnsureReadable();
            clock.Mark("checks");
            return _run.Run(database, preview, sqlOutput, plan, clock, cancellationToken);
        }

        database.EnsureWritable(action);
        clock.Mark("checks");
        using var migrationLock = await AcquireLockAsync(database, cancellationToken).ConfigureAwait(false);
        clock.Mark("lock");
        return _run.Run(database, preview, sqlOutput, plan, clock, cancellationToken) with { LockWait = migrationLock.Waited };
    }

    /// <summary>Compares the live schema with the one its recorded version should have; reads only.</summary>
    public Task<VerifyReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        // Reads only and never waits for the lock: nothing to await.
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Verify());
    }

    /// <summary>Compares the live schema with the one its recorded version should have; reads only.</summary>
    public VerifyReport Verify()
    {
        if (IsPostgres)
        {
            return OnPostgres(postgres =>
            {
                _safety.RefuseUnknownVersions(postgres.GetStatus(), allowed: false, "verify");
                return postgres.Verify();
            });
        }

        var database = DatabaseFile.Resolve(ConnectionString);
        database.EnsureReadable();
        // Most likely a typo in the path: a check that passed here would hide it.
        database.EnsureExists("verify");

        var status = SqliteMigrationHistory.ReadStatus(_catalog, database, SqliteOpenMode.ReadOnly);
        _safety.RefuseUnknownVersions(status, allowed: false, "verify");
        SqliteMigrationHistory.RefuseGaps(status);
        var live = database.ReadSchema();
        if (status.Applied.Count == 0)
        {
            var (version, closest, differences) = SchemaGuard.IdentifyUnversioned(_catalog, live);
            return new VerifyReport(database.Path, 0, version ?? closest, Versioned: false, differences, []);
        }

        return new VerifyReport(
            database.Path,
            status.CurrentVersion,
            status.CurrentVersion,
            Versioned: true,
            SchemaGuard.CompareWithRecorded(_catalog, live, status.Applied),
            status.ChecksumMismatches);
    }

    // PostgreSQL goes through the provider seam (lock, reads, backup in PostgresDatabase); SQLite, for
    // now, through the code above. The plan (what to apply, what to refuse) is the same for both.
    // The cheap text test first: the start-up fast path on SQLite pays no connection-string parse.
    private bool IsPostgres =>
        (ConnectionString.Contains("host", StringComparison.OrdinalIgnoreCase) || ConnectionString.Contains("server", StringComparison.OrdinalIgnoreCase))
        && DatabaseProviders.Detect(ConnectionString) == DatabaseProvider.Postgres;

    private T OnPostgres<T>(Func<ProviderMigration, T> action)
    {
        using var database = PostgresDatabase.Resolve(ConnectionString);
        return action(new ProviderMigration(database, _options, _logger));
    }

    private Task<MigrationLock> AcquireLockAsync(DatabaseFile database, CancellationToken cancellationToken)
    {
        // The lock and SQLite's own journal are named after one path; another name of the same
        // file takes other locks. SQLite does not support hard-linked databases; say so.
        var links = FileIdentity.HardLinkCount(database.Path);
        if (links > 1)
        {
            LockLog.HardLinkedDatabase(_logger, database.Path, links);
        }

        return MigrationLock.AcquireAsync(database.Path, _options.LockTimeout, holder => LockLog.WaitingForLock(_logger, database.Path, holder), cancellationToken);
    }

}
