using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Migrations;

/// <summary>Rolling back migration 2 must keep every row and every link, whatever SQLite's foreign keys do.</summary>
public sealed class M002_AddOpenRouterPresetTests
{
    [Test]
    public void Migration2_RollbackTo1_KeepsEveryRowAndItsContent()
    {
        using var database = SeededAtVersion2();
        var countsBefore = TableContent.RowCounts(database);
        var checksumsBefore = TableContent.Checksums(database, "profiles.openrouter_preset");

        database.RollbackTo(1);

        TableContent.RowCounts(database).ShouldBe(countsBefore);
        TableContent.Checksums(database).ShouldBe(checksumsBefore);
    }

    [Test]
    public void Migration2_RollbackTo1_KeepsSessionProfileLinks()
    {
        using var database = SeededAtVersion2();
        var linkedBefore = database.Scalar<long>("SELECT count(*) FROM sessions WHERE profile_id IS NOT NULL");
        linkedBefore.ShouldBeGreaterThan(0);

        database.RollbackTo(1);

        database.Scalar<long>("SELECT count(*) FROM sessions WHERE profile_id IS NOT NULL").ShouldBe(linkedBefore);
        database.Scalar<long>("SELECT profile_id FROM sessions WHERE id = 's-05'").ShouldBe(7);
    }

    [Test]
    public void Migration2_RollbackTo1_KeepsUsageLogProfileLinks()
    {
        using var database = SeededAtVersion2();
        var linkedBefore = database.Scalar<long>("SELECT count(*) FROM usage_logs WHERE profile_id IS NOT NULL");
        linkedBefore.ShouldBeGreaterThan(0);

        database.RollbackTo(1);

        database.Scalar<long>("SELECT count(*) FROM usage_logs WHERE profile_id IS NOT NULL").ShouldBe(linkedBefore);
    }

    [Test]
    public void Migration2_RollbackTo1_KeepsTheAutoincrementSequence()
    {
        using var database = SeededAtVersion2();

        database.RollbackTo(1);

        database.Scalar<long>("SELECT seq FROM sqlite_sequence WHERE name = 'profiles'").ShouldBe(8);
        database.Execute("INSERT INTO profiles (name) VALUES ('after rollback')");
        database.Scalar<long>("SELECT max(id) FROM profiles").ShouldBe(9, "a deleted profile's id must never be reused");
    }

    [Test]
    public void Migration2_RollbackTo1_LeavesForeignKeysConsistent()
    {
        using var database = SeededAtVersion2();

        database.RollbackTo(1);

        database.Scalar<long>("SELECT count(*) FROM pragma_foreign_key_check").ShouldBe(0);
        database.Scalar<string>("PRAGMA integrity_check").ShouldBe("ok");
    }

    [Test]
    public void Migration2_RollbackTo1ThenMigrateTo2_KeepsDataAndClearsPresets()
    {
        using var database = SeededAtVersion2();
        var checksumsBefore = TableContent.Checksums(database, "profiles.openrouter_preset");

        database.RollbackTo(1);
        database.MigrateTo(2);

        TableContent.Checksums(database, "profiles.openrouter_preset").ShouldBe(checksumsBefore);
        database.Scalar<long>("SELECT count(*) FROM profiles WHERE openrouter_preset IS NOT NULL").ShouldBe(0);
    }

    private static TestDatabase SeededAtVersion2()
    {
        var database = new TestDatabase();
        database.MigrateTo(2);
        database.ExecuteFixture(Fixtures.SeedData);
        return database;
    }
}
