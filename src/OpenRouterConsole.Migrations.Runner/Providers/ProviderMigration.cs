using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner.Backup;
using OpenRouterConsole.Migrations.Runner.Execution;
using OpenRouterConsole.Migrations.Runner.Locking;
using OpenRouterConsole.Migrations.Runner.Postgres;
using OpenRouterConsole.Migrations.Runner.Safety;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner.Providers;

/// <summary>
/// Migrate, rollback, status and verify over an <see cref="IMigrationDatabase"/>: lock, read what the
/// database records (under the lock), plan, refuse drift, back up before a rollback, run every step in
/// one transaction. On an up-to-date database it stops after one read.
/// </summary>
internal sealed class ProviderMigration(IMigrationDatabase database, MigrationOptions options, ILogger logger)
{
    /// <summary>Runs <paramref name="action"/> on the PostgreSQL database the connection string names, closing it afterwards.</summary>
    public static T OnPostgres<T>(string connectionString, MigrationOptions options, ILogger logger, Func<ProviderMigration, T> action)
    {
        using var database = PostgresDatabase.Resolve(connectionString);
        return action(new ProviderMigration(database, options, logger));
    }

    public DatabaseStatus GetStatus() => database.ReadStatus();

    /// <remarks>
    /// Cancellation, as on SQLite: while waiting for the lock, before the backup, and between steps
    /// inside the transaction (rolled back); the database is then as it was.
    /// </remarks>
    public MigrationReport Run(bool preview, TextWriter? sqlOutput, Func<DatabaseStatus, IReadOnlyList<MigrationStep>> plan, CancellationToken cancellationToken = default)
    {
        // A preview changes nothing, so it takes no lock (like SQLite's).
        using var held = preview ? null : database.AcquireLock(options.LockTimeout, holder => LockLog.WaitingForLock(logger, database.DisplayName, holder), cancellationToken);
        var status = database.ReadStatus();
        var steps = plan(status);
        var before = status.CurrentVersion;
        if (steps.Count == 0)
        {
            ExecutionLog.NothingToDo(logger, database.DisplayName, before);

            return new MigrationReport(database.DisplayName, before, before, [], null) { LockWait = held?.Waited ?? TimeSpan.Zero };
        }

        GuardSchema(status);
        var direction = steps[0].Direction;
        ExecutionLog.MigrationsPending(logger, database.DisplayName, before, steps.Count, direction == MigrationDirection.Up ? "apply" : "revert");
        cancellationToken.ThrowIfCancellationRequested();

        // A migrate only adds, in one transaction; a rollback drops columns and tables, so it is backed up.
        string? backupPath = null;
        if (!preview && direction == MigrationDirection.Down && options.BackupEnabled)
        {
            backupPath = database.BackUp(before, options);
            BackupLog.BackupTaken(logger, database.DisplayName, backupPath);
            cancellationToken.ThrowIfCancellationRequested();
        }

        var done = new List<AppliedStep>();
        using (var session = new FluentMigratorSession(MigrationCatalog.For(options.MigrationAssembly), database.SessionConnectionString, preview, sqlOutput, foreignKeysOff: false, database.Provider))
        {
            session.Run(steps, (step, elapsed) =>
            {
                done.Add(new AppliedStep(step, elapsed));
                if (step.Direction == MigrationDirection.Up)
                {
                    ExecutionLog.MigrationApplied(logger, step.Version, step.Description, elapsed.TotalMilliseconds);
                }
                else
                {
                    ExecutionLog.MigrationReverted(logger, step.Version, step.Description, elapsed.TotalMilliseconds);
                }
            }, cancellationToken);
        }

        var after = steps[^1].TargetVersion;
        ExecutionLog.DatabaseMigrated(logger, database.DisplayName, after);
        return new MigrationReport(database.DisplayName, before, after, done, backupPath) { LockWait = held?.Waited ?? TimeSpan.Zero };
    }

    public VerifyReport Verify()
    {
        var status = database.ReadStatus();
        var live = database.ReadSchema();
        var versions = status.Applied.Select(a => a.Version).ToArray();
        var differences = SchemaComparer.Compare(database.ExpectedSchema(versions), live);
        return new VerifyReport(database.DisplayName, status.CurrentVersion, status.CurrentVersion, status.Applied.Count > 0, differences, status.ChecksumMismatches);
    }

    // No adoption here: there are no PostgreSQL databases from before versioning. A database without
    // version records must be empty; one with them must have exactly their schema.
    private void GuardSchema(DatabaseStatus status)
    {
        var live = database.ReadSchema();
        if (status.Applied.Count == 0)
        {
            if (live.Tables.Count > 0 || live.Objects.Count > 0)
            {
                throw MigrationException.Failed(
                    $"{database.DisplayName} has no version records but already has tables ({string.Join(", ", live.Tables.Select(t => t.Name))}); " +
                    "migrate an empty database. Nothing was changed.");
            }

            return;
        }

        var drift = SchemaComparer.Compare(database.ExpectedSchema(status.Applied.Select(a => a.Version).ToArray()), live);
        if (drift.Count > 0 && !options.AllowSchemaDrift)
        {
            throw SafetyChecks.Refuse(logger,
                $"{database.DisplayName} records version {status.CurrentVersion} but its schema differs: {SchemaGuard.Summarise(drift)}. " +
                "Run 'verify' for the full report; to migrate anyway pass --allow-drift (tool) or set AllowSchemaDrift (host).");
        }

        foreach (var difference in drift)
        {
            SafetyLog.SchemaDriftAllowed(logger, database.DisplayName, difference.Message);
        }
    }
}
