using System.Security.Cryptography;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Rebuilds;

/// <summary>The rebuild examples on a database with a million messages: rebuilds of a parent and of messages itself, and a refused one.</summary>
[Category("Slow")]
[NonParallelizable]
public sealed class LargeRebuildTests
{
    private const int Messages = 1_000_000;

    [Test]
    public void RebuildSessionsAndMessages_MillionMessages_KeepEveryRowAndLink_UpAndDown()
    {
        using var database = new TestDatabase();
        RebuildDatabase.MigrateTo(database, 2);
        LargeSeed.Fill(database, profiles: 1_000, sessions: 100_000, messages: Messages, usageLogs: 200_000);
        var counts = TableContent.RowCounts(database);
        var messages = TableContent.Checksum(database, "messages", ["id", "session_id", "role", "content", "created_at"]);
        var usageLogs = TableContent.Checksum(database, "usage_logs", ["id", "session_id", "profile_id", "model_id"]);

        RebuildDatabase.MigrateTo(database, 4);

        TableContent.RowCounts(database).ShouldBe(counts);
        TableContent.Checksum(database, "messages", ["id", "session_id", "role", "content", "created_at"]).ShouldBe(messages);
        TableContent.Checksum(database, "usage_logs", ["id", "session_id", "profile_id", "model_id"]).ShouldBe(usageLogs);
        RebuildDatabase.ForeignKeyViolations(database).ShouldBe(0);
        ApprovedSnapshot.Verify(database.Schema(), 4, RebuildDatabase.SnapshotSet);

        RebuildDatabase.RollbackTo(database, 2);

        TableContent.RowCounts(database).ShouldBe(counts);
        TableContent.Checksum(database, "messages", ["id", "session_id", "role", "content", "created_at"]).ShouldBe(messages);
        ApprovedSnapshot.Verify(database.Schema(), 2);
    }

    [Test]
    public void OrphaningRebuild_MillionMessages_FailsAndLeavesTheFileByteIdentical()
    {
        using var database = new TestDatabase();
        RebuildDatabase.MigrateTo(database, 2);
        LargeSeed.Fill(database, profiles: 1_000, sessions: 100_000, messages: Messages, usageLogs: 1_000);
        RebuildDatabase.MigrateTo(database, 5);
        // The rebuilds up to 5 left free pages. SQLite does not journal a free page it reuses (its old
        // bytes mean nothing), so after a rollback such pages may hold other bytes while every table,
        // index and the schema are as before. Without free pages, the file is byte-identical.
        database.Execute("VACUUM");
        var before = SHA256.HashData(database.Bytes());

        var error = Should.Throw<MigrationException>(() => RebuildDatabase.Migrator(database).Migrate(6));

        error.Message.ShouldContain($"would leave {Messages} row(s) of 'messages' pointing at no row of 'sessions'");
        SHA256.HashData(database.Bytes()).ShouldBe(before);
    }
}
