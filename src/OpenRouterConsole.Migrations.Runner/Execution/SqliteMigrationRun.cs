using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner.Backup;
using OpenRouterConsole.Migrations.Runner.Execution.ScriptOnly;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Locking;
using OpenRouterConsole.Migrations.Runner.Planning;
using OpenRouterConsole.Migrations.Runner.Reporting;
using OpenRouterConsole.Migrations.Runner.Safety;

namespace OpenRouterConsole.Migrations.Runner.Execution;

/// <summary>
/// One migrate or rollback of a SQLite database: check the file, take the migration lock, read the
/// history, plan, run the safety checks, back up, execute every step in one transaction, report. A
/// migrate of an up-to-date database stops after one read, without the lock. Cancellation is honoured
/// until the commit.
/// </summary>
internal sealed class SqliteMigrationRun(MigrationCatalog catalog, MigrationOptions options, ILogger logger, MigrationPlanner planner, SafetyChecks safety)
{
    /// <summary>
    /// Checks the file; returns at once when <paramref name="upToDate"/> says one read without the lock
    /// finds nothing to do; else takes the migration lock (none for a preview), then <see cref="Run"/>.
    /// </summary>
    // Not async itself: its caller awaits it, and so turns what it throws into the task's fault. With
    // the lock free at once nothing here waits, and no second state machine is compiled at a JIT-built
    // host's first start.
    public Task<MigrationReport> RunOnFileAsync(
        string connectionString,
        bool preview,
        TextWriter? sql,
        Func<DatabaseStatus, IReadOnlyList<MigrationStep>> plan,
        Func<DatabaseStatus, bool>? upToDate,
        string action,
        CancellationToken cancellationToken)
    {
        var clock = new PhaseClock();
        var database = DatabaseFile.Resolve(connectionString);
        if (action != "migrate")
        {
            // A typo in the path must not look like a database with nothing to do.
            database.EnsureExists(action);
        }

        if (preview)
        {
            database.EnsureReadable();
            clock.Mark("checks");
            return Task.FromResult(Run(database, preview, sql, plan, clock, cancellationToken));
        }

        database.EnsureWritable(action);
        clock.Mark("checks");
        if (upToDate is not null && NothingToDoWithoutLock(database, upToDate, clock) is { } nothingToDo)
        {
            return Task.FromResult(nothingToDo);
        }

        var taking = MigrationLock.AcquireAsync(database, options.LockTimeout, logger, cancellationToken);
        return taking.IsCompletedSuccessfully
            ? Task.FromResult(RunLocked(taking.Result, database, sql, plan, clock, cancellationToken))
            : WaitForLockThenRunAsync(taking, database, sql, plan, clock, cancellationToken);
    }

    // The lock serialises changes; a read needs none, since SQLite gives it a consistent snapshot
    // (every run commits all its steps and their history rows in one transaction). So the usual start,
    // a database already at its target with a clean history, is decided by one read and takes no lock.
    // Anything else (work to do, a refusal, an override that warns, an unversioned or new file, a
    // file another run holds locked in SQLite for more than a second) is read and decided again under
    // the lock, as before, where a wait is logged and bounded by LockTimeout.
    private MigrationReport? NothingToDoWithoutLock(DatabaseFile database, Func<DatabaseStatus, bool> upToDate, PhaseClock clock)
    {
        if (!database.HasContent)
        {
            return null;
        }

        DatabaseStatus? status;
        try
        {
            status = SqliteMigrationHistory.ReadRunStatus(catalog, database, SqliteOpenMode.ReadWrite, busySeconds: 1);
        }
        catch (MigrationException ex) when (ex.InnerException is SqliteException busy && DatabaseFile.IsBusy(busy))
        {
            status = null;
        }

        var nothingToDo = status is not null && upToDate(status);
        clock.Mark("up-to-date check");
        if (status is null || !nothingToDo)
        {
            return null;
        }

        ExecutionLog.NothingToDo(logger, database.Path, status.CurrentVersion);
        return new MigrationReport(database.Path, status.CurrentVersion, status.CurrentVersion, [], null) { Phases = clock.Phases };
    }

    private async Task<MigrationReport> WaitForLockThenRunAsync(
        Task<MigrationLock> taking, DatabaseFile database, TextWriter? sql, Func<DatabaseStatus, IReadOnlyList<MigrationStep>> plan, PhaseClock clock, CancellationToken cancellationToken) =>
        RunLocked(await taking.ConfigureAwait(false), database, sql, plan, clock, cancellationToken);

    private MigrationReport RunLocked(
        MigrationLock migrationLock, DatabaseFile database, TextWriter? sql, Func<DatabaseStatus, IReadOnlyList<MigrationStep>> plan, PhaseClock clock, CancellationToken cancellationToken)
    {
        using (migrationLock)
        {
            clock.Mark("lock");
            return Run(database, preview: false, sql, plan, clock, cancellationToken) with { LockWait = migrationLock.Waited };
        }
    }

    public MigrationReport Run(
        DatabaseFile database, bool preview, TextWriter? sqlOutput, Func<DatabaseStatus, IReadOnlyList<MigrationStep>> plan, PhaseClock clock, CancellationToken cancellationToken)
    {
        var status = SqliteMigrationHistory.ReadRunStatus(catalog, database, preview ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite);
        clock.Mark("read versions");
        var steps = plan(status);
        clock.Mark("plan");
        var before = status.CurrentVersion;
        if (steps.Count == 0)
        {
            ExecutionLog.NothingToDo(logger, database.Path, before);
            return new MigrationReport(database.Path, before, before, [], null) { Phases = clock.Phases };
        }

        // Only now, with work to do, is the live schema read and compared: the fast path stays one query.
        steps = safety.GuardSchema(database, status, steps, planner);
        clock.Mark("schema check");
        StopIfCancelled(database, before, cancellationToken);

        ExecutionLog.MigrationsPending(logger, database.Path, before, steps.Count, steps[0].Direction == MigrationDirection.Up ? "apply" : "revert");

        string? backupPath = null;
        if (!preview && database.HasContent && (options.IntegrityCheck || options.BackupEnabled))
        {
            using var connection = OpenForWrite(database);
            if (options.IntegrityCheck)
            {
                safety.CheckIntegrity(connection, database, steps);
                clock.Mark("integrity check");
                StopIfCancelled(database, before, cancellationToken);
            }

            if (options.BackupEnabled)
            {
                // Written under a temporary name and renamed when complete: a process killed meanwhile leaves no backup that looks finished.
                backupPath = BackUp(connection, database, before);
                clock.Mark("backup");
                StopIfCancelled(database, before, cancellationToken);
            }
        }

        var done = new List<AppliedStep>();
        void OnStepDone(MigrationStep step, TimeSpan elapsed)
        {
            done.Add(new AppliedStep(step, elapsed));
            LogStep(step, elapsed);
        }

        try
        {
            // Steps that only run SQL scripts skip FluentMigrator's runner; previews and SQL output stay with it.
            var ranScriptOnly = !preview && sqlOutput is null
                && ScriptOnlySession.TryRun(catalog, database.ConnectionString(), steps, OnStepDone, cancellationToken);
            if (!ranScriptOnly)
            {
                done.Clear();
                using var session = new FluentMigratorSession(catalog, SessionConnectionString(database, preview), preview, sqlOutput, FluentMigratorSession.NeedsForeignKeysOff(catalog, steps));
                session.Run(steps, OnStepDone, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Thrown inside the transaction, before its commit: it was rolled back.
            ExecutionLog.RunCancelled(logger, database.Path, before);
            throw;
        }

        clock.Mark("execute");
        var after = steps[^1].TargetVersion;
        ExecutionLog.DatabaseMigrated(logger, database.Path, after);
        return new MigrationReport(database.Path, before, after, done, backupPath) { Phases = clock.Phases };
    }

    private void StopIfCancelled(DatabaseFile database, long version, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            ExecutionLog.RunCancelled(logger, database.Path, version);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void LogStep(MigrationStep step, TimeSpan elapsed)
    {
        if (step.RecordOnly)
        {
            ExecutionLog.MigrationRecorded(logger, step.Version, step.Description, elapsed.TotalMilliseconds);
        }
        else if (step.Direction == MigrationDirection.Up)
        {
            ExecutionLog.MigrationApplied(logger, step.Version, step.Description, elapsed.TotalMilliseconds);
        }
        else
        {
            ExecutionLog.MigrationReverted(logger, step.Version, step.Description, elapsed.TotalMilliseconds);
        }
    }

    private string BackUp(SqliteConnection connection, DatabaseFile database, long version)
    {
        var backupPath = DatabaseBackup.Create(connection, database.Path, version, options.BackupsToKeep);
        BackupLog.BackupTaken(logger, database.Path, backupPath);
        return backupPath;
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
}
