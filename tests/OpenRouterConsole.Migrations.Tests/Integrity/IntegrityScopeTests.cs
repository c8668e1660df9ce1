using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Integrity;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Integrity;

/// <summary>The integrity check before a run reads the tables the run can change, and those only.</summary>
public sealed class IntegrityScopeTests
{
    [Test]
    public void RollbackOfMigration2_ChecksProfilesAndTheBookkeepingTables_NotTheOthers()
    {
        using var database = new TestDatabase();
        database.MigrateTo(2);
        using var connection = database.Open();

        var tables = IntegrityScope.TablesTouchedBy(connection, MigrationCatalog.Console, [Step(2, MigrationDirection.Down)]);

        tables.ShouldNotBeNull();
        tables.ShouldBe(["sqlite_schema", "sqlite_sequence", "profiles", MigrationHistory.VersionTableName, MigrationHistory.ChecksumTableName], ignoreOrder: true);
    }

    [Test]
    public void RollbackOfMigration1_DropsTables_SoEveryTableThatPointsAtThemIsChecked()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        using var connection = database.Open();

        var tables = IntegrityScope.TablesTouchedBy(connection, MigrationCatalog.Console, [Step(1, MigrationDirection.Down)]);

        tables.ShouldNotBeNull();
        tables.ShouldBe(["sqlite_schema", "sqlite_sequence", "models", "profiles", "sessions", "messages", "usage_logs", MigrationHistory.VersionTableName, MigrationHistory.ChecksumTableName], ignoreOrder: true);
    }

    [Test]
    public void TableRebuild_CopiesAndDropsInCode_SoTheWholeFileIsChecked()
    {
        using var database = new TestDatabase();
        Rebuilds.RebuildDatabase.MigrateTo(database, 2);
        using var connection = database.Open();
        var rebuildOfSessions = MigrationCatalog.For(OpenRouterConsole.Migrations.RebuildExamples.RebuildExamplesAssembly.Assembly);

        IntegrityScope.TablesTouchedBy(connection, rebuildOfSessions, [new MigrationStep(3, rebuildOfSessions.Describe(3), MigrationDirection.Up, 3)]).ShouldBeNull();
    }

    [Test]
    public void TriggerOnATouchedTable_ChecksTheWholeFile()
    {
        using var database = new TestDatabase();
        database.MigrateTo(2);
        database.Execute("CREATE TABLE audit (note TEXT); CREATE TRIGGER profiles_audit AFTER UPDATE ON profiles BEGIN INSERT INTO audit VALUES ('x'); END;");
        using var connection = database.Open();

        IntegrityScope.TablesTouchedBy(connection, MigrationCatalog.Console, [Step(2, MigrationDirection.Down)]).ShouldBeNull();
    }

    [Test]
    public void Rollback_CorruptionInATableItDoesNotTouch_IsLeftExactlyAsItWas()
    {
        using var database = new TestDatabase();
        database.MigrateTo(2);
        LargeSeed.Fill(database, profiles: 2000, sessions: 2000, messages: 2000, usageLogs: 2000, withPresets: true);
        var messagesPage = PageOf(database, "messages");
        var before = database.CorruptRootPageOf("messages");

        database.Migrator(options => options.IntegrityCheck = true).Rollback(RollbackTarget.By(1)).VersionAfter.ShouldBe(1);

        database.Bytes().AsSpan(messagesPage.Offset, messagesPage.Length).ToArray()
            .ShouldBe(before.AsSpan(messagesPage.Offset, messagesPage.Length).ToArray());
    }

    [Test]
    public void Rollback_CorruptionInTheTableItChanges_IsRefusedAndTheFileIsUnchanged()
    {
        using var database = new TestDatabase();
        database.MigrateTo(2);
        LargeSeed.Fill(database, profiles: 2000, sessions: 2000, messages: 2000, usageLogs: 2000, withPresets: true);
        var before = database.CorruptRootPageOf("profiles");

        var error = Should.Throw<MigrationException>(() => database.Migrator(options => options.IntegrityCheck = true).Rollback(RollbackTarget.By(1)));

        error.Message.ShouldContain("is corrupted (quick_check: ");
        database.Bytes().ShouldBe(before);
    }

    private static MigrationStep Step(long version, MigrationDirection direction) =>
        new(version, MigrationCatalog.Console.All.Single(m => m.Version == version).Description, direction,
            direction == MigrationDirection.Up ? version : version - 1);

    private static (int Offset, int Length) PageOf(TestDatabase database, string table)
    {
        var pageSize = database.Scalar<int>("PRAGMA page_size");
        var rootPage = database.Scalar<int>($"SELECT rootpage FROM sqlite_master WHERE name = '{table}'");
        return ((rootPage - 1) * pageSize, pageSize);
    }
}
