using Npgsql;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Postgres;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Postgres;

/// <summary>The runner on PostgreSQL: data kept across rollbacks, refusals, one transaction, the lock.</summary>
[Category(PostgresServer.Category)]
public sealed class PostgresMigrationTests
{
    [Test]
    public void Rollback_OfMigration2_KeepsEveryRowLinkAndTheIdentitysNextValue()
    {
        using var database = new PostgresTestDatabase();
        database.MigrateToLatest();
        database.Seed();
        var content = database.Content();
        var nextId = database.NextProfileId();
        var linkedSessions = database.Scalar<long>("SELECT count(*) FROM sessions WHERE profile_id IS NOT NULL");
        nextId.ShouldBe(9, "the seed moves the identity past a deleted profile 8");
        linkedSessions.ShouldBeGreaterThan(0);

        database.RollbackTo(1);

        database.RecordedVersions().ShouldBe([1]);
        database.Content().ShouldBe(content);
        database.NextProfileId().ShouldBe(nextId);
        database.Scalar<long>("SELECT count(*) FROM sessions WHERE profile_id IS NOT NULL").ShouldBe(linkedSessions);
        database.Scalar<long>("INSERT INTO profiles (name) VALUES ('new') RETURNING id").ShouldBe(nextId);

        database.MigrateToLatest();
        database.Scalar<long>("SELECT count(*) FROM profiles WHERE openrouter_preset IS NULL").ShouldBe(database.Scalar<long>("SELECT count(*) FROM profiles"));
    }

    [Test]
    public void Migrate_EmptyDatabase_ThenUpToDate_DoesNothingTheSecondTime()
    {
        using var database = new PostgresTestDatabase();

        var first = database.MigrateToLatest();
        var second = database.MigrateToLatest();

        first.VersionBefore.ShouldBe(0);
        first.VersionAfter.ShouldBe(MigrationCatalog.Console.LatestVersion);
        first.Steps.Count.ShouldBe(MigrationCatalog.Console.All.Count);
        second.NothingToDo.ShouldBeTrue();
        second.VersionAfter.ShouldBe(MigrationCatalog.Console.LatestVersion);
        database.Scalar<long>("SELECT count(*) FROM \"MigrationChecksums\"").ShouldBe(MigrationCatalog.Console.All.Count);
        database.Migrator().GetStatus().ChecksumMismatches.ShouldBeEmpty();
    }

    [Test]
    public void Migrate_TablesWithoutVersionRecords_IsRefusedAndChangesNothing()
    {
        using var database = new PostgresTestDatabase();
        database.Execute("CREATE TABLE profiles (id BIGINT PRIMARY KEY)");

        var error = Should.Throw<MigrationException>(() => database.MigrateToLatest());

        error.Message.ShouldContain("has no version records but already has tables (profiles)");
        database.RecordedVersions().ShouldBeEmpty();
        database.Schema().Tables.Select(t => t.Name).ShouldBe(["profiles"]);
    }

    [Test]
    public void Migrate_NewerDatabase_IsRefused()
    {
        using var database = new PostgresTestDatabase();
        database.MigrateToLatest();
        var unknown = MigrationCatalog.Console.LatestVersion + 1;
        database.Execute($"INSERT INTO \"VersionInfo\" (\"Version\", \"AppliedOn\", \"Description\") VALUES ({unknown}, now(), 'from the future')");

        var error = Should.Throw<MigrationException>(() => database.MigrateToLatest());

        error.Message.ShouldContain($"records version(s) {unknown} that this tool does not know");
        Should.Throw<MigrationException>(() => database.Migrator().Verify()).Message.ShouldContain("newer than this tool");
    }

    [Test]
    public void Rollback_ChangedScriptChecksum_IsRefused()
    {
        using var database = new PostgresTestDatabase();
        database.MigrateToLatest();
        database.Execute($"UPDATE \"MigrationChecksums\" SET \"Sha256\" = '{new string('0', 64)}' WHERE \"Version\" = 1");

        var error = Should.Throw<MigrationException>(() => database.RollbackTo(1));

        error.Message.ShouldContain("applied migration scripts changed after they shipped");
        error.Message.ShouldContain("Postgres.001_initial_schema.sql");
        database.RecordedVersions().ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version).ToArray());
    }

    [Test]
    public void Drift_IsReportedByVerify_AndRefusedByRollback()
    {
        using var database = new PostgresTestDatabase();
        database.MigrateToLatest();
        database.Execute("ALTER TABLE sessions ADD COLUMN pinned BOOLEAN; CREATE INDEX idx_extra ON models(name); ALTER TABLE messages DROP CONSTRAINT messages_role_check");

        var report = database.Migrator().Verify();
        var error = Should.Throw<MigrationException>(() => database.RollbackTo(1));

        report.IsClean.ShouldBeFalse();
        string.Join("\n", report.Differences.Select(d => d.Message)).ShouldSatisfyAllConditions(
            text => text.ShouldContain("pinned"),
            text => text.ShouldContain("idx_extra"),
            text => text.ShouldContain("CHECK"));
        error.Message.ShouldContain("but its schema differs");
        error.Message.ShouldContain("pass --allow-drift (tool) or set AllowSchemaDrift (host)");
        database.RecordedVersions().ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version).ToArray());
        database.Migrator(o => o.AllowSchemaDrift = true).Rollback(RollbackTarget.To(1)).VersionAfter.ShouldBe(1);
    }

    [Test]
    public void PreviewMigrate_ReturnsPostgresSqlAndChangesNothing()
    {
        using var database = new PostgresTestDatabase();
        database.MigrateTo(1);

        var preview = database.Migrator().PreviewMigrate();

        preview.VersionBefore.ShouldBe(1);
        preview.Steps.Select(s => s.Version).ShouldBe(MigrationCatalog.Console.All.Skip(1).Select(m => m.Version));
        preview.Sql.ShouldContain("openrouter_preset");
        preview.Sql.ShouldNotContain(";;");
        database.RecordedVersions().ShouldBe([1]);
    }

    [Test]
    public void PreviewRollback_ReturnsTheDownSqlAndChangesNothing()
    {
        using var database = new PostgresTestDatabase();
        database.MigrateToLatest();

        var preview = database.Migrator().PreviewRollback(RollbackTarget.All);

        preview.VersionAfter.ShouldBe(0);
        preview.Steps.ShouldAllBe(step => step.Direction == MigrationDirection.Down);
        preview.Sql.ShouldContain("DROP TABLE");
        database.RecordedVersions().ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version).ToArray());
    }

    [Test]
    public void Migrate_SecondStepFails_LeavesTheDatabaseUnchanged()
    {
        using var database = new PostgresTestDatabase();
        // Recording migration 2's checksum fails, after migration 1 and 2's scripts ran in the same transaction.
        database.Execute("""
            CREATE TABLE "MigrationChecksums" ("Version" BIGINT PRIMARY KEY CHECK ("Version" <> 2), "Script" TEXT NOT NULL, "Sha256" TEXT NOT NULL, "RecordedOn" TEXT NOT NULL)
            """);

        var error = Should.Throw<MigrationException>(() => database.MigrateToLatest());

        error.Message.ShouldStartWith("Migration 2 (Add profiles.openrouter_preset) failed up:");
        database.RecordedVersions().ShouldBeEmpty();
        database.Schema().Tables.ShouldBeEmpty();
        database.Scalar<long>("SELECT count(*) FROM \"MigrationChecksums\"").ShouldBe(0);
    }

    [Test]
    public void RollbackAll_SecondStepFails_KeepsTheLatestSchemaAndData()
    {
        using var database = new PostgresTestDatabase();
        database.MigrateToLatest();
        database.Seed();
        var content = database.Content();
        database.Execute("""
            CREATE FUNCTION refuse_forgetting() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
            CREATE TRIGGER refuse_forgetting_1 BEFORE DELETE ON "MigrationChecksums" FOR EACH ROW WHEN (OLD."Version" = 1) EXECUTE FUNCTION refuse_forgetting();
            """);

        var error = Should.Throw<MigrationException>(() => database.Migrator().Rollback(RollbackTarget.All));

        error.Message.ShouldStartWith("Migration 1 (Initial schema) failed down:");
        database.RecordedVersions().ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version).ToArray());
        database.Content().ShouldBe(content);
        database.Scalar<long>("SELECT count(*) FROM profiles WHERE openrouter_preset IS NOT NULL").ShouldBe(3);
    }

    [Test]
    public void Lock_HeldByAnotherSession_TimesOutNamingTheHolder()
    {
        using var database = new PostgresTestDatabase();
        using var holder = HoldMigrationLock(database);

        var error = Should.Throw<MigrationException>(() => database.Migrator(o => o.LockTimeout = TimeSpan.FromMilliseconds(300)).Migrate());

        error.Message.ShouldContain("Timed out after 0.3 s waiting for the migration lock");
        error.Message.ShouldContain($"held by server process {holder.ProcessID} (lock-holder-under-test)");
        database.RecordedVersions().ShouldBeEmpty();

        holder.Close();
        database.MigrateToLatest().VersionAfter.ShouldBe(MigrationCatalog.Console.LatestVersion);
    }

    [Test]
    public async Task Lock_HeldByAnotherSession_LogsTheWaitingForLockEvent_AndCancellingEndsTheWaitAtOnce()
    {
        using var database = new PostgresTestDatabase();
        using var holder = HoldMigrationLock(database);

        var logs = new ListLoggerProvider();
        var migrator = new ConsoleMigrator(
            new MigrationOptions { ConnectionString = database.ConnectionString, BackupEnabled = false, LockTimeout = TimeSpan.FromSeconds(60) },
            logs.CreateLogger<ConsoleMigrator>());
        using var cancel = new CancellationTokenSource();

        // Task.Run: the PostgreSQL path waits on the calling thread.
        var run = Task.Run(() => migrator.MigrateAsync(cancellationToken: cancel.Token));
        logs.WaitFor("WaitingForLock", TimeSpan.FromSeconds(30)).ShouldBeTrue("the runner should report the wait as the SQLite one does");
        var cancelledAt = System.Diagnostics.Stopwatch.StartNew();
        cancel.Cancel();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        cancelledAt.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the wait ends at once, not after LockTimeout");
        var waiting = logs.Entries.Single(e => e.EventId.Name == "WaitingForLock");
        waiting.EventId.Id.ShouldBe(1100);
        waiting.Level.ShouldBe(Microsoft.Extensions.Logging.LogLevel.Warning);
        waiting.Message.ShouldContain($"held by server process {holder.ProcessID} (lock-holder-under-test)");
        database.RecordedVersions().ShouldBeEmpty();
    }

    [Test]
    public void Lock_IsReleasedAfterARun_AndAdvisoryLocksAreLeftNone()
    {
        using var database = new PostgresTestDatabase();

        database.MigrateToLatest();

        database.Scalar<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").ShouldBe(0);
    }

    [Test]
    public void Rollback_WithBackup_WritesAPgDumpThatPgRestoreReads()
    {
        using var database = new PostgresTestDatabase();
        database.MigrateToLatest();
        database.Seed();
        var folder = Directory.CreateTempSubdirectory("orc-pg-backup-").FullName;
        try
        {
            var report = database.Migrator(o => { o.BackupEnabled = true; o.BackupDirectory = folder; }).Rollback(RollbackTarget.To(1));

            report.BackupPath.ShouldNotBeNull();
            File.Exists(report.BackupPath).ShouldBeTrue();
            Path.GetFileName(report.BackupPath).ShouldStartWith($"{database.Name}.v{MigrationCatalog.Console.LatestVersion}.");
            File.ReadAllBytes(report.BackupPath).Take(5).ShouldBe("PGDMP"u8.ToArray(), "pg_dump's custom format");
            Directory.GetFiles(folder).ShouldBe([report.BackupPath]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Another session, named so the waiter's message can be checked, holding the runner's advisory lock.
    private static NpgsqlConnection HoldMigrationLock(PostgresTestDatabase database)
    {
        var holderSettings = new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "lock-holder-under-test" };
        var holder = new NpgsqlConnection(holderSettings.ConnectionString);
        holder.Open();
        using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgresAdvisoryLock.Key})", holder);
        take.ExecuteNonQuery();
        return holder;
    }
}
