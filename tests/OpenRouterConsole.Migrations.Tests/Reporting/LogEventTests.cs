using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reporting;

/// <summary>
/// Operators filter on event ids and names, so they are part of the contract: these pin them.
/// </summary>
public sealed class LogEventTests
{
    [Test]
    public void Migrate_WithData_EmitsBackupTakenMigrationAppliedAndDatabaseMigrated()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[0].Version);
        database.Execute("INSERT INTO profiles (name) VALUES ('kept')");
        var logs = new ListLoggerProvider();

        new ConsoleMigrator(new MigrationOptions { ConnectionString = database.ConnectionString }, logs.CreateLogger<ConsoleMigrator>()).Migrate();

        var events = logs.Entries.Select(e => (e.EventId.Id, e.EventId.Name)).ToArray();
        events.ShouldContain((1001, "MigrationsPending"));
        events.ShouldContain((1200, "BackupTaken"));
        events.ShouldContain((1002, "MigrationApplied"));
        events.ShouldContain((1005, "DatabaseMigrated"));
        logs.Entries.Last(e => e.EventId.Id == 1002).Message
            .ShouldStartWith($"Applied migration {MigrationCatalog.Console.LatestVersion} ");
    }

    [Test]
    public void Migrate_UpToDate_EmitsNothingToDo()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var logs = new ListLoggerProvider();

        database.Migrator().Migrate();
        new ConsoleMigrator(new MigrationOptions { ConnectionString = database.ConnectionString }, logs.CreateLogger<ConsoleMigrator>()).Migrate();

        logs.Entries.ShouldHaveSingleItem().EventId.ShouldBe(new EventId(1000, "NothingToDo"));
    }

    [Test]
    public void Migrate_DriftedSchema_EmitsRefusedAsAnErrorWithTheReason()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[0].Version);
        database.Execute("CREATE TABLE stray (id INTEGER)");
        var logs = new ListLoggerProvider();
        var migrator = new ConsoleMigrator(
            new MigrationOptions { ConnectionString = database.ConnectionString, BackupEnabled = false },
            logs.CreateLogger<ConsoleMigrator>());

        var error = Should.Throw<MigrationException>(() => migrator.Migrate());

        var refused = logs.Entries.Single(e => e.EventId.Name == "Refused");
        refused.EventId.Id.ShouldBe(1300);
        refused.Level.ShouldBe(LogLevel.Error);
        refused.Message.ShouldBe($"Refused: {error.Message}");
    }

    [Test]
    public void Rollback_EmitsMigrationReverted()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var logs = new ListLoggerProvider();

        new ConsoleMigrator(new MigrationOptions { ConnectionString = database.ConnectionString, BackupEnabled = false }, logs.CreateLogger<ConsoleMigrator>())
            .Rollback(RollbackTarget.To(MigrationCatalog.Console.All[^2].Version));

        logs.Entries.ShouldContain(e => e.EventId.Id == 1003 && e.EventId.Name == "MigrationReverted");
    }
}
