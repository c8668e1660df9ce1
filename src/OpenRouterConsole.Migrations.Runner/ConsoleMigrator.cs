using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenRouterConsole.Migrations.Runner.Integrity;
using OpenRouterConsole.Migrations.Runner.Postgres;
using OpenRouterConsole.Migrations.Runner.Providers;
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
/// </remarks>
public sealed class ConsoleMigrator
{
    private readonly MigrationOptions _options;
    private readonly ILogger _logger;

    public ConsoleMigrator(MigrationOptions options, ILogger<ConsoleMigrator>? logger = null)
    {
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public string ConnectionString => _options.ConnectionString ?? MigrationOptions.DefaultConnectionString;

    /// <summary>What the database records; reads only, and creates nothing.</summary>
    public DatabaseStatus GetStatus()
    {
        if (IsPostgres)
        {
            return OnPostgres(postgres => postgres.GetStatus());
        }

        var database = DatabaseFile.Resolve(ConnectionString);
        database.EnsureReadable();
        return ReadStatus(database, SqliteOpenMode.ReadOnly);
    }

    /// <summary>Applies pending migrations up to <paramref name="targetVersion"/> (default: the latest).</summary>
    /// <param name="sqlOutput">Where to write the SQL that runs; with <paramref name="preview"/>, the SQL that would run.</param>
    public MigrationReport Migrate(long? targetVersion = null, bool preview = false, TextWriter? sqlOutput = null)
    {
        if (targetVersion is { } requested)
        {
            ValidateUpTarget(requested);
        }

        return Run(preview, sqlOutput, status =>
        {
            RefuseUnknownVersions(status, allowed: _options.AllowNewerDatabase, "migrate");
            CheckScriptChecksums(status);
            var target = targetVersion ?? MigrationCatalog.LatestVersion;
            return status.Pending
                .Where(m => m.Version <= target)
                .Select(m => new MigrationStep(m.Version, m.Description, MigrationDirection.Up, m.Version))
                .ToArray();
        });
    }

    /// <summary>Reverts applied migrations; always backs up first unless backups are off.</summary>
    public MigrationReport Rollback(RollbackTarget target, bool preview = false, TextWriter? sqlOutput = null)
    {
        target.Validate();
        return Run(preview, sqlOutput, status =>
        {
            RefuseUnknownVersions(status, allowed: false, "roll back");
            CheckScriptChecksums(status);
            var appliedAscending = status.Applied.Select(a => a.Version).ToArray();
            var targetVersion = target.Resolve(appliedAscending);
            var toRevert = appliedAscending.Where(v => v > targetVersion).OrderByDescending(v => v).ToArray();

            // Each step leaves the database at the next lower applied version, the last one at the target.
            return toRevert
                .Select((version, i) => new MigrationStep(
                    version,
                    MigrationCatalog.All.First(m => m.Version == version).Description,
                    MigrationDirection.Down,
                    i + 1 < toRevert.Length ? toRevert[i + 1] : targetVersion))
                .ToArray();
        });
    }

    /// <summary>Puts a backup in place of the database, after backing up the current file.</summary>
    public MigrationReport Restore(string backupPath)
    {
        if (IsPostgres)
        {
            throw MigrationException.Usage(
                $"Restoring a PostgreSQL database is pg_restore's job: pg_restore --clean --if-exists --single-transaction -d DATABASE '{backupPath}' (see the README's PostgreSQL section).");
        }

        var database = DatabaseFile.Resolve(ConnectionString);
        database.EnsureWritable();
        var backup = DatabaseFile.Resolve(new SqliteConnectionStringBuilder { DataSource = backupPath }.ConnectionString);
        if (!backup.HasContent)
        {
            throw MigrationException.Usage($"The backup '{backup.Path}' does not exist or is empty.");
        }

        if (backup.Path == database.Path)
        {
            throw MigrationException.Usage($"'{backup.Path}' is the database itself; name a backup file to restore.");
        }

        using var migrationLock = AcquireLock(database);

        // The backup stays open from here on, and is protected from the pruning that the safety copy
        // does: restoring the oldest of the kept backups must not delete it first.
        using var source = backup.Open(SqliteOpenMode.ReadOnly);
        long restoredVersion;
        try
        {
            restoredVersion = new DatabaseStatus(backup.Path, true, VersionTable.Read(source)).CurrentVersion;
        }
        catch (SqliteException ex)
        {
            throw backup.Explain(ex, "read");
        }

        string? safetyCopy = null;
        long versionBefore = 0;
        try
        {
            versionBefore = ReadStatus(database, SqliteOpenMode.ReadOnly).CurrentVersion;
        }
        catch (MigrationException ex) when (ex.InnerException is SqliteException inner && DatabaseFile.IsDamaged(inner))
        {
            // A damaged database is exactly what restore is for: set it aside (a rename, no open)
            // so that the way back is kept, and restore into a new file.
            safetyCopy = SetAside(database);
            _logger.LogWarning("{Database} cannot be read ({Reason}); moved it to {Aside}", database.Path, ex.Message, safetyCopy);
        }

        using (var target = OpenForWrite(database))
        {
            if (_options.BackupEnabled && database.HasContent && safetyCopy is null)
            {
                safetyCopy = BackUp(target, database, versionBefore, protectedPath: backup.Path);
            }

            try
            {
                source.BackupDatabase(target);
            }
            catch (SqliteException ex)
            {
                throw backup.Explain(ex, "restore from");
            }
        }

        _logger.LogInformation("Restored {Database} from {Backup}: version {Before} -> {After}", database.Path, backup.Path, versionBefore, restoredVersion);
        return new MigrationReport(database.Path, versionBefore, restoredVersion, [], safetyCopy, Preview: false);
    }

    private string BackUp(SqliteConnection connection, DatabaseFile database, long version, string? protectedPath = null)
    {
        var backupPath = DatabaseBackup.Create(connection, database.Path, version, _options.BackupsToKeep, protectedPath);
        _logger.LogInformation("Backed up {Database} to {Backup}", database.Path, backupPath);
        return backupPath;
    }

    private static string SetAside(DatabaseFile database)
    {
        var aside = $"{database.Path}.damaged-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}";
        foreach (var suffix in DatabaseFile.SideFileSuffixes.Prepend(string.Empty))
        {
            if (File.Exists(database.Path + suffix))
            {
                File.Move(database.Path + suffix, aside + suffix);
            }
        }

        return aside;
    }

    private MigrationReport Run(bool preview, TextWriter? sqlOutput, Func<DatabaseStatus, IReadOnlyList<MigrationStep>> plan)
    {
        if (IsPostgres)
        {
            return OnPostgres(postgres => postgres.Run(preview, sqlOutput, plan));
        }

        var database = DatabaseFile.Resolve(ConnectionString);
        if (preview)
        {
            database.EnsureReadable();
            return RunLocked(database, preview, sqlOutput, plan);
        }

        database.EnsureWritable();
        using var migrationLock = AcquireLock(database);
        return RunLocked(database, preview, sqlOutput, plan) with { LockWait = migrationLock.Waited };
    }

    private MigrationReport RunLocked(DatabaseFile database, bool preview, TextWriter? sqlOutput, Func<DatabaseStatus, IReadOnlyList<MigrationStep>> plan)
    {
        var status = ReadStatus(database, preview ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite);
        var steps = plan(status);
        var before = status.CurrentVersion;
        if (steps.Count == 0)
        {
            // Guarded: even for a NullLogger, LogInformation parses its template (~1 ms the first time).
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("{Database} is at version {Version}; nothing to do", database.Path, before);
            }

            return new MigrationReport(database.Path, before, before, [], null, preview);
        }

        // Only now, with work to do, is the live schema read and compared: the fast path stays one query.
        steps = GuardSchema(database, status, steps);

        _logger.LogInformation(
            "{Database} is at version {Version}; {Count} migration(s) to {Direction}",
            database.Path, before, steps.Count, steps[0].Direction == MigrationDirection.Up ? "apply" : "revert");

        string? backupPath = null;
        if (!preview && database.HasContent && (_options.IntegrityCheck || _options.BackupEnabled))
        {
            using var connection = OpenForWrite(database);
            if (_options.IntegrityCheck)
            {
                CheckIntegrity(connection, database);
            }

            if (_options.BackupEnabled)
            {
                backupPath = BackUp(connection, database, before);
            }
        }

        var done = new List<AppliedStep>();
        using (var session = new FluentMigratorSession(SessionConnectionString(database, preview), preview, sqlOutput))
        {
            session.Run(steps, (step, elapsed) =>
            {
                done.Add(new AppliedStep(step, elapsed));
                _logger.LogInformation(
                    "{Action} migration {Version} ({Description}) in {Milliseconds:0} ms",
                    step.RecordOnly ? "Recorded (schema already present)" : step.Direction == MigrationDirection.Up ? "Applied" : "Reverted",
                    step.Version, step.Description, elapsed.TotalMilliseconds);
            });
        }

        var after = steps[^1].TargetVersion;
        _logger.LogInformation("{Database} is now at version {Version}", database.Path, after);
        return new MigrationReport(database.Path, before, after, done, backupPath, preview);
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
        if (!database.Exists)
        {
            // Most likely a typo in the path: a check that passed here would hide it.
            throw MigrationException.Failed($"'{database.Path}' does not exist; nothing to verify.");
        }

        var status = ReadStatus(database, SqliteOpenMode.ReadOnly);
        RefuseUnknownVersions(status, allowed: false, "verify");
        var live = ReadSchema(database);
        if (status.Applied.Count == 0)
        {
            var (version, closest, differences) = SchemaGuard.IdentifyUnversioned(live);
            return new VerifyReport(database.Path, 0, version ?? closest, Versioned: false, differences, []);
        }

        return new VerifyReport(
            database.Path,
            status.CurrentVersion,
            status.CurrentVersion,
            Versioned: true,
            SchemaGuard.CompareWithRecorded(live, status.Applied),
            status.ChecksumMismatches);
    }

    private IReadOnlyList<MigrationStep> GuardSchema(DatabaseFile database, DatabaseStatus status, IReadOnlyList<MigrationStep> steps)
    {
        var live = ReadSchema(database);
        if (status.Applied.Count > 0)
        {
            var drift = SchemaGuard.CompareWithRecorded(live, status.Applied);
            if (drift.Count > 0 && !_options.AllowSchemaDrift)
            {
                throw MigrationException.Failed(
                    $"'{database.Path}' records version {status.CurrentVersion} but its schema differs: {SchemaGuard.Summarise(drift)}. " +
                    "Run 'verify' for the full report; allow schema drift to migrate anyway.");
            }

            foreach (var difference in drift)
            {
                _logger.LogWarning("Schema drift in {Database}: {Difference}", database.Path, difference.Message);
            }

            return steps;
        }

        // No version records: a database made before versioning (or by hand) is adopted when its
        // schema is exactly some version's; anything else is refused, naming what differs.
        var (adopted, closest, differences) = SchemaGuard.IdentifyUnversioned(live);
        if (adopted is null)
        {
            throw MigrationException.Failed(
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

        _logger.LogInformation("{Database} has no version records but has the schema of version {Version}; recording it", database.Path, adopted);
        var recorded = MigrationCatalog.All
            .Where(m => m.Version <= adopted)
            .Select(m => new MigrationStep(m.Version, m.Description, MigrationDirection.Up, m.Version, RecordOnly: true));
        return recorded.Concat(steps.Where(s => s.Version > adopted)).ToArray();
    }

    private static void CheckIntegrity(SqliteConnection connection, DatabaseFile database)
    {
        string result;
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(1)";
            result = (Convert.ToString(command.ExecuteScalar()) ?? string.Empty).ReplaceLineEndings(" ").Replace("*** in database main *** ", string.Empty, StringComparison.Ordinal);
        }
        catch (SqliteException ex)
        {
            result = ex.Message;
        }

        if (result != "ok")
        {
            throw MigrationException.Failed($"'{database.Path}' is corrupted (quick_check: {result}). Restore it from a backup; nothing was changed.");
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
                      "Shipped migrations must not be edited: add a new migration instead.";
        if (_options.ChecksumMismatch == ChecksumPolicy.Fail)
        {
            throw MigrationException.Failed(message);
        }

        _logger.LogWarning("{Message}", message);
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

    private static DatabaseStatus ReadStatus(DatabaseFile database, SqliteOpenMode mode) =>
        new(database.Path, database.Exists, ReadApplied(database, mode));

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

    private MigrationLock AcquireLock(DatabaseFile database) =>
        MigrationLock.Acquire(database.Path, _options.LockTimeout, message => _logger.LogInformation("{Message}", message));

    private static void ValidateUpTarget(long version)
    {
        if (version > MigrationCatalog.LatestVersion)
        {
            throw MigrationException.Usage(
                $"Cannot migrate to version {version}: the latest migration is {MigrationCatalog.LatestVersion}.");
        }

        if (version != 0 && !MigrationCatalog.Contains(version))
        {
            throw MigrationException.Usage(
                $"Cannot migrate to version {version}: no migration has that version (known: {RollbackTarget.KnownVersionList()}).");
        }
    }

    private static void RefuseUnknownVersions(DatabaseStatus status, bool allowed, string action)
    {
        var unknown = status.UnknownVersions;
        if (unknown.Count == 0 || allowed)
        {
            return;
        }

        throw MigrationException.Failed(
            $"Refusing to {action}: '{status.DatabasePath}' records version(s) {string.Join(", ", unknown)} that this tool does not know " +
            $"(it knows up to {MigrationCatalog.LatestVersion}); the database is newer than this tool.");
    }
}
