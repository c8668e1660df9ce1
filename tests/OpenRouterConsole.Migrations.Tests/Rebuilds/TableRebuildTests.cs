using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Rebuilds;

/// <summary>
/// TableRebuildMigration through the real runner, over the test-only rebuild examples on top of the
/// console's migrations 1 and 2, on the committed seed data.
/// </summary>
public sealed class TableRebuildTests
{
    [Test]
    public void RebuildSessions_Migration3_KeepsEveryMessageUsageLogAndLink()
    {
        using var database = RebuildDatabase.SeededAtVersion2();
        var children = TableContent.Checksums(database);
        var messages = database.Scalar<long>("SELECT count(*) FROM messages");
        messages.ShouldBeGreaterThan(0);

        RebuildDatabase.MigrateTo(database, 3);

        database.Scalar<long>("SELECT count(*) FROM messages").ShouldBe(messages);
        var after = TableContent.Checksums(database);
        after["messages"].ShouldBe(children["messages"]);
        after["usage_logs"].ShouldBe(children["usage_logs"]);
        after["profiles"].ShouldBe(children["profiles"]);
        database.Scalar<long>("SELECT count(*) FROM sessions WHERE title = ''").ShouldBe(
            database.Scalar<long>("SELECT count(*) FROM sessions") - database.Scalar<long>("SELECT count(*) FROM sessions WHERE title <> ''"));
        RebuildDatabase.ForeignKeyViolations(database).ShouldBe(0);
        ApprovedSnapshot.Verify(database.Schema(), 3, RebuildDatabase.SnapshotSet);
    }

    [Test]
    public void RebuildMessages_Migration4_AllowsTheDeveloperRoleAndKeepsItsIndex()
    {
        using var database = RebuildDatabase.SeededAtVersion2();
        RebuildDatabase.MigrateTo(database, 3);
        var insertDeveloper = "INSERT INTO messages (id, session_id, role, content) SELECT 'dev-1', id, 'developer', 'x' FROM sessions LIMIT 1";
        Should.Throw<Microsoft.Data.Sqlite.SqliteException>(() => database.Execute(insertDeveloper)).Message.ShouldContain("CHECK");
        var before = TableContent.Checksums(database);

        RebuildDatabase.MigrateTo(database, 4);

        TableContent.Checksums(database).ShouldBe(before);
        database.Execute(insertDeveloper);
        database.Schema().Find("messages")!.Checks.ShouldBe(["CHECK(role IN ('system','developer','user','assistant','tool'))"]);
        ApprovedSnapshot.Verify(database.Schema(), 4, RebuildDatabase.SnapshotSet);
    }

    [Test]
    public void RenameAndRetypeColumn_Migration5_FillsItKeepsLinksAndTheSequence_AndItsDownRestoresVersion4Exactly()
    {
        using var database = RebuildDatabase.SeededAtVersion2();
        RebuildDatabase.MigrateTo(database, 4);
        var sequence = database.Scalar<long>("SELECT seq FROM sqlite_sequence WHERE name = 'profiles'");
        sequence.ShouldBeGreaterThan(database.Scalar<long>("SELECT max(id) FROM profiles"));
        var atVersion4 = TableContent.Checksums(database);
        var linkedSessions = database.Scalar<long>("SELECT count(*) FROM sessions WHERE profile_id IS NOT NULL");
        var expectedMilli = database.Scalar<long>("SELECT sum(CAST(round(temperature * 1000) AS INTEGER)) FROM profiles");

        RebuildDatabase.MigrateTo(database, 5);

        database.Scalar<long>("SELECT sum(temperature_milli) FROM profiles").ShouldBe(expectedMilli);
        database.Scalar<long>("SELECT seq FROM sqlite_sequence WHERE name = 'profiles'").ShouldBe(sequence);
        database.Scalar<long>("SELECT count(*) FROM sessions WHERE profile_id IS NOT NULL").ShouldBe(linkedSessions);
        ApprovedSnapshot.Verify(database.Schema(), 5, RebuildDatabase.SnapshotSet);

        RebuildDatabase.RollbackTo(database, 4);

        ApprovedSnapshot.Verify(database.Schema(), 4, RebuildDatabase.SnapshotSet);
        TableContent.Checksums(database).ShouldBe(atVersion4);
        database.Scalar<long>("SELECT seq FROM sqlite_sequence WHERE name = 'profiles'").ShouldBe(sequence);
    }

    [TestCaseSource(typeof(RebuildDatabase), nameof(RebuildDatabase.GoodRebuilds))]
    public void UpDownUp_EachRebuild_EndsWithTheSameSchemaAndRows(long version)
    {
        using var database = RebuildDatabase.SeededAtVersion2();
        RebuildDatabase.MigrateTo(database, version);
        var afterFirstUp = TableContent.Checksums(database);
        ApprovedSnapshot.Verify(database.Schema(), version, RebuildDatabase.SnapshotSet);

        RebuildDatabase.RollbackTo(database, version - 1);
        ApprovedSnapshot.Verify(database.Schema(), version - 1, version - 1 <= 2 ? null : RebuildDatabase.SnapshotSet);
        RebuildDatabase.MigrateTo(database, version);

        ApprovedSnapshot.Verify(database.Schema(), version, RebuildDatabase.SnapshotSet);
        TableContent.Checksums(database).ShouldBe(afterFirstUp);
        RebuildDatabase.ForeignKeyViolations(database).ShouldBe(0);
    }

    [Test]
    public void OrphaningRebuild_Migration6_FailsNamingTableAndRowCount_AndLeavesTheFileByteIdentical()
    {
        using var database = RebuildDatabase.SeededAtVersion2();
        RebuildDatabase.MigrateTo(database, 5);
        var bytes = database.Bytes();
        var messages = database.Scalar<long>("SELECT count(*) FROM messages");

        var error = Should.Throw<MigrationException>(() => RebuildDatabase.Migrator(database).Migrate(6));

        error.Message.ShouldContain($"would leave {messages} row(s) of 'messages' pointing at no row of 'sessions'");
        error.Message.ShouldContain("nothing was changed");
        database.Bytes().ShouldBe(bytes);
    }

    [Test]
    public void OrphaningRebuild_InTheSameRunAsGoodOnes_RollsBackTheWholeRun()
    {
        using var database = RebuildDatabase.SeededAtVersion2();
        var bytes = database.Bytes();

        Should.Throw<MigrationException>(() => RebuildDatabase.Migrator(database).Migrate(6));

        database.Bytes().ShouldBe(bytes);
        database.RecordedVersions().ShouldBe([1, 2]);
    }

    [Test]
    public void RebuildMessages_WithAViewAndATrigger_RecreatesTheTriggerAndTheViewStillWorks()
    {
        using var database = RebuildDatabase.SeededAtVersion2();
        RebuildDatabase.MigrateTo(database, 3);
        database.Execute("""
            CREATE VIEW message_counts AS SELECT session_id, count(*) AS n FROM messages GROUP BY session_id;
            CREATE TABLE message_audit (message_id TEXT);
            CREATE TRIGGER messages_audit AFTER INSERT ON messages BEGIN INSERT INTO message_audit VALUES (NEW.id); END;
            """);
        var counts = database.Scalar<long>("SELECT sum(n) FROM message_counts");

        RebuildDatabase.Migrator(database, o => o.AllowSchemaDrift = true).Migrate(4);

        database.Scalar<long>("SELECT sum(n) FROM message_counts").ShouldBe(counts);
        database.Execute("INSERT INTO messages (id, session_id, role, content) SELECT 'dev-2', id, 'developer', 'x' FROM sessions LIMIT 1");
        database.Scalar<long>("SELECT count(*) FROM message_audit WHERE message_id = 'dev-2'").ShouldBe(1);
        database.Scalar<long>("SELECT count(*) FROM sqlite_master WHERE name = 'messages__rebuild'").ShouldBe(0);
    }

    [Test]
    public void Catalog_OfTheRebuildExamples_MarksTheRebuildsOnly()
    {
        var catalog = RebuildDatabase.Migrator(new TestDatabase()).Catalog;

        catalog.All.Where(m => m.RebuildsTables).Select(m => m.Version).ShouldBe([3, 4, 5, 6]);
        MigrationCatalog.Console.All.ShouldAllBe(m => !m.RebuildsTables);
    }
}
