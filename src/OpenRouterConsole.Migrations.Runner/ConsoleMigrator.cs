using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenRouterConsole.Migrations.Runner.Backup;
using OpenRouterConsole.Migrations.Runner.Execution;
using OpenRouterConsole.Migrations.Runner.Files;
using OpenRouterConsole.Migrations.Runner.Integrity;
using OpenRouterConsole.Migrations.Runner.Locking;
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

    public ConsoleMigrator(MigrationOptions options, ILogger<ConsoleMigrator>? logger = null)
    {
        _options = options;
        _catalog = MigrationCatalog.For(options.MigrationAssembly);
        _logger = logger ?? (ILogger)NullLogger.Instance;
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
        return ReadStatus(database, SqliteOpenMode.ReadOnly);
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
            ValidateUpTarget(requested);
        }

        return RunAsync(preview, sqlOutput, status =>
        {
            RefuseUnknownVersions(status, allowed: _options.AllowNewerDatabase, "migrate");
            VersionTable.RefuseGaps(status);
            CheckScriptChecksums(status);
            var target = targetVersion ?? _catalog.LatestVersion;
            return status.Pending
                .Where(m => m.Version <= target)
                .Select(m => new MigrationStep(m.Version, m.Description, MigrationDirection.Up, m.Version))
                .ToArray();
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
            RefuseUnknownVersions(status, allowed: false, "roll back");
            VersionTable.RefuseGaps(status);
            CheckScriptChecksums(status);
            RefuseUnversionedSchema(status);
            var appliedAscending = status.Applied.Select(a => a.Version).ToArray();
            var targetVersion = target.Resolve(appliedAscending, _catalog);
            var toRevert = appliedAscending.Where(v => v > targetVersion).OrderByDescending(v => v).ToArray();

            // Each step leaves the database at the next lower applied version, the last one at the target.
            return toRevert
                .Select((version, i) => new MigrationStep(
                    version,
                    _catalog.Describe(version),
                    MigrationDirection.Down,
                    i + 1 < toRevert.Length ? toRevert[i + 1] : targetVersion))
                .ToArray();
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

    private string BackUp(SqliteConnection connection, DatabaseFile database, long version)
    {
        var backupPath = DatabaseBackup.Create(connection, database.Path, version, _options.BackupsToKeep);
        BackupLog.BackupTaken(_logger, database.Path, backupPath);
        return backupPath;
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
            return RunLocked(database, preview, sqlOutput, plan, clock, cancellationToken);
        }

        database.EnsureWritable(action);
        clock.Mark("checks");
        using var migrationLock = await AcquireLockAsync(database, cancellationToken).ConfigureAwait(false);
        clock.Mark("lock");
        return RunLocked(database, preview, sqlOutput, plan, clock, cancellationToken) with { LockWait = migrationLock.Waited };
    }

    private MigrationReport RunLocked(
        DatabaseFile database, bool preview, TextWriter? sqlOutput, Func<DatabaseStatus, IReadOnlyList<MigrationStep>> plan, PhaseClock clock, CancellationToken cancellationToken)
    {
        var status = ReadStatus(database, preview ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite);
        clock.Mark("read versions");
        var steps = plan(status);
        clock.Mark("plan");
        var before = status.CurrentVersion;
        if (steps.Count == 0)
        {
            ExecutionLog.NothingToDo(_logger, database.Path, before);
            return new MigrationReport(database.Path, before, before, [], null, preview) { Phases = clock.Phases };
        }

        // Only now, with work to do, is the live schema read and compared: the fast path stays one query.
        steps = GuardSchema(database, status, steps);
        clock.Mark("schema check");
        StopIfCancelled(database, before, cancellationToken);

        ExecutionLog.MigrationsPending(_logger, database.Path, before, steps.Count, steps[0].Direction == MigrationDirection.Up ? "apply" : "revert");

        string? backupPath = null;
        if (!preview && database.HasContent && (_options.IntegrityCheck || _options.BackupEnabled))
        {
            using var connection = OpenForWrite(database);
            if (_options.IntegrityCheck)
            {
                CheckIntegrity(connection, database, steps);
                clock.Mark("integrity check");
                StopIfCancelled(database, before, cancellationToken);
            }

            if (_options.BackupEnabled)
            {
                // Written under a temporary name and renamed when complete: a process killed meanwhile leaves no backup that looks finished.
                backupPath = BackUp(connection, database, before);
                clock.Mark("backup");
                StopIfCancelled(database, before, cancellationToken);
            }
        }

        var done = new List<AppliedStep>();
        try
        {
            using var session = new FluentMigratorSession(_catalog, SessionConnectionString(database, preview), preview, sqlOutput, FluentMigratorSession.NeedsForeignKeysOff(_catalog, steps));
            session.Run(steps, (step, elapsed) =>
            {
                done.Add(new AppliedStep(step, elapsed));
                LogStep(step, elapsed);
            }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Thrown inside the transaction, before its commit: it was rolled back.
            ExecutionLog.RunCancelled(_logger, database.Path, before);
            throw;
        }

        clock.Mark("execute");
        var after = steps[^1].TargetVersion;
        ExecutionLog.DatabaseMigrated(_logger, database.Path, after);
        return new MigrationReport(database.Path, before, after, done, backupPath, preview) { Phases = clock.Phases };
    }

    private void StopIfCancelled(DatabaseFile database, long version, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            ExecutionLog.RunCancelled(_logger, database.Path, version);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void LogStep(MigrationStep step, TimeSpan elapsed)
    {
        if (step.RecordOnly)
        {
            ExecutionLog.MigrationRecorded(_logger, step.Version, step.Description, elapsed.TotalMilliseconds);
        }
        else if (step.Direction == MigrationDirection.Up)
        {
            ExecutionLog.MigrationApplied(_logger, step.Version, step.Description, elapsed.TotalMilliseconds);
        }
        else
        {
            ExecutionLog.MigrationReverted(_logger, step.Version, step.Description, elapsed.TotalMilliseconds);
        }
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
                RefuseUnknownVersions(postgres.GetStatus(), allowed: false, "verify");
                return postgres.Verify();
            });
        }

        var database = DatabaseFile.Resolve(ConnectionString);
        database.EnsureReadable();
        // Most likely a typo in the path: a check that passed here would hide it.
        database.EnsureExists("verify");

        var status = ReadStatus(database, SqliteOpenMode.ReadOnly);
        RefuseUnknownVersions(status, allowed: false, "verify");
        VersionTable.RefuseGaps(status);
        var live = ReadSchema(database);
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

    private IReadOnlyList<MigrationStep> GuardSchema(DatabaseFile database, DatabaseStatus status, IReadOnlyList<MigrationStep> steps)
    {
        if (status.UnknownVersions.Count > 0)
        {
            // Allowed newer database: its schema includes migrations this assembly cannot describe.
            SafetyLog.NewerDatabaseAllowed(_logger, database.Path, string.Join(", ", status.UnknownVersions));
            return steps;
        }

        var live = ReadSchema(database);
        if (status.Applied.Count > 0)
        {
            var drift = SchemaGuard.CompareWithRecorded(_catalog, live, status.Applied);
            if (drift.Count > 0 && !_options.AllowSchemaDrift)
            {
                throw Refuse(
                    $"'{database.Path}' records version {status.CurrentVersion} but its schema differs: {SchemaGuard.Summarise(drift)}. " +
                    "Run 'verify' for the full report; to migrate anyway pass --allow-drift (tool) or set AllowSchemaDrift (host).");
            }

            foreach (var difference in drift)
            {
                SafetyLog.SchemaDriftAllowed(_logger, database.Path, difference.Message);
            }

            return steps;
        }

        // No version records: a database made before versioning (or by hand) is adopted when its
        // schema is exactly some version's; anything else is refused, naming what differs.
        var (adopted, closest, differences) = SchemaGuard.IdentifyUnversioned(_catalog, live);
        if (adopted is null)
        {
            throw Refuse(
                $"'{database.Path}' has no version records and its schema matches no known version " +
                $"(closest is version {closest}: {SchemaGuard.Summarise(differences)}). Nothing was changed.");
        }

        if (adopted == 0)
        {
            return steps;
        }

        var target = steps[^1].TargetVersion;
        if (adopted > target)
        {
            throw MigrationException.Failed(
                $"'{database.Path}' already has the schema of version {adopted} (no version records); migrate to {adopted} or later to record it.");
        }

        SafetyLog.UnversionedDatabaseAdopted(_logger, database.Path, adopted.Value);
        var recorded = _catalog.All
            .Where(m => m.Version <= adopted)
            .Select(m => new MigrationStep(m.Version, m.Description, MigrationDirection.Up, m.Version, RecordOnly: true));
        return recorded.Concat(steps.Where(s => s.Version > adopted)).ToArray();
    }

    // PRAGMA quick_check over the tables the run touches (IntegrityScope says why that is safe), or
    // over the whole file when that cannot be told.
    private void CheckIntegrity(SqliteConnection connection, DatabaseFile database, IReadOnlyList<MigrationStep> steps)
    {
        string result;
        try
        {
            result = IntegrityCheck.Run(connection, IntegrityScope.TablesTouchedBy(connection, _catalog, steps));
        }
        catch (SqliteException ex)
        {
            // Not a corruption verdict (e.g. locked by the console): say what it is.
            throw database.Explain(ex, "check the integrity of");
        }

        if (result != "ok")
        {
            throw Refuse($"'{database.Path}' is corrupted (quick_check: {result}). Restore it from a backup; nothing was changed.");
        }
    }

    private void CheckScriptChecksums(DatabaseStatus status)
    {
        var mismatches = status.ChecksumMismatches;
        if (mismatches.Count == 0)
        {
            return;
        }

        var message = $"'{status.DatabasePath}': applied migration scripts changed after they shipped ({string.Join("; ", mismatches)}). " +
                      "Shipped migrations must not be edited: add a new migration instead. " +
                      "(A migration not shipped yet, applied to a development database: restore the backup taken before it, then migrate again.) " +
                      "To proceed anyway pass --allow-changed-scripts (tool) or set ChecksumMismatch = Warn (host).";
        if (_options.ChecksumMismatch == ChecksumPolicy.Fail)
        {
            throw Refuse(message);
        }

        SafetyLog.ChangedScriptsAllowed(_logger, message);
    }

    private static SchemaSnapshot ReadSchema(DatabaseFile database)
    {
        if (!database.HasContent)
        {
            return SchemaSnapshot.Empty;
        }

        try
        {
            using var connection = database.Open(SqliteOpenMode.ReadOnly);
            return SchemaSnapshot.Read(connection);
        }
        catch (SqliteException ex)
        {
            throw database.Explain(ex, "read the schema of");
        }
    }

    // A preview must not create the file: a missing one is previewed against an empty in-memory database.
    private static string SessionConnectionString(DatabaseFile database, bool preview)
    {
        if (!preview)
        {
            return database.ConnectionString();
        }

        return database.Exists
            ? database.ConnectionString(SqliteOpenMode.ReadOnly)
            : new SqliteConnectionStringBuilder { DataSource = "preview", Mode = SqliteOpenMode.Memory }.ConnectionString;
    }

    private DatabaseStatus ReadStatus(DatabaseFile database, SqliteOpenMode mode) =>
        new(database.Path, database.Exists, ReadApplied(database, mode)) { Catalog = _catalog };

    private static IReadOnlyList<AppliedMigration> ReadApplied(DatabaseFile database, SqliteOpenMode mode)
    {
        // Opening a missing or 0-byte file would create or touch it; it records nothing anyway.
        if (!database.HasContent)
        {
            return [];
        }

        try
        {
            using var connection = database.Open(mode);
            return VersionTable.Read(connection);
        }
        catch (SqliteException ex)
        {
            throw database.Explain(ex, "read");
        }
    }

    private static SqliteConnection OpenForWrite(DatabaseFile database)
    {
        try
        {
            return database.Open(SqliteOpenMode.ReadWriteCreate);
        }
        catch (SqliteException ex)
        {
            throw database.Explain(ex, "open");
        }
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

    // Without version records there is nothing to revert, but a file with the schema of some
    // version is that version for verify and migrate: say so rather than "nothing to do".
    private void RefuseUnversionedSchema(DatabaseStatus status)
    {
        if (status.Applied.Count > 0 || !status.Exists)
        {
            return;
        }

        var database = DatabaseFile.Resolve(ConnectionString);
        var (version, closest, _) = SchemaGuard.IdentifyUnversioned(_catalog, ReadSchema(database));
        if (version is > 0)
        {
            throw MigrationException.Failed(
                $"'{status.DatabasePath}' has the schema of version {version} but no version records; run 'migrate' to record them, then roll back.");
        }

        if (version is null)
        {
            throw MigrationException.Failed(
                $"'{status.DatabasePath}' has no version records and its schema matches no known version (closest is version {closest}). Nothing was changed.");
        }
    }

    private void ValidateUpTarget(long version)
    {
        if (version > _catalog.LatestVersion)
        {
            throw MigrationException.Usage(
                $"Cannot migrate to version {version}: the latest migration is {_catalog.LatestVersion}.");
        }

        if (version != 0 && !_catalog.Contains(version))
        {
            throw MigrationException.Usage(
                $"Cannot migrate to version {version}: no migration has that version (known: {_catalog.KnownVersionList()}).");
        }
    }

    private void RefuseUnknownVersions(DatabaseStatus status, bool allowed, string action)
    {
        var unknown = status.UnknownVersions;
        if (unknown.Count == 0 || allowed)
        {
            return;
        }

        throw Refuse(
            $"Refusing to {action}: '{status.DatabasePath}' records version(s) {string.Join(", ", unknown)} that this tool does not know " +
            $"(it knows up to {_catalog.LatestVersion}); the database is newer than this tool." +
            (action == "migrate" ? " To migrate anyway pass --allow-newer (tool) or set AllowNewerDatabase (host)." : string.Empty));
    }

    // A safety check stopped the run: logged as its own event (operators filter on it), then thrown.
    private MigrationException Refuse(string reason)
    {
        SafetyLog.Refused(_logger, reason);
        return MigrationException.Failed(reason);
    }
}
