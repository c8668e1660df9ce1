using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests;

/// <summary>Each version's schema, compared with the approved snapshot committed beside this file.</summary>
public sealed class SchemaSnapshotTests
{
    private static IEnumerable<long> Versions() => MigrationCatalog.Console.All.Select(m => m.Version);

    [TestCaseSource(nameof(Versions))]
    public void Migrate_ToVersion_MatchesApprovedSnapshot(long version)
    {
        using var database = new TestDatabase();

        database.MigrateTo(version);

        database.RecordedVersions().ShouldBe(Versions().Where(v => v <= version));
        ApprovedSnapshot.Verify(database.Schema(), version);
    }

    [TestCaseSource(nameof(Versions))]
    public void Rollback_FromLatestToPreviousVersion_RestoresItsApprovedSnapshot(long version)
    {
        var previous = Versions().Where(v => v < version).DefaultIfEmpty(0).Max();
        using var database = new TestDatabase();
        database.MigrateTo(version);

        database.RollbackTo(previous);

        database.RecordedVersions().ShouldBe(Versions().Where(v => v <= previous));
        ApprovedSnapshot.Verify(database.Schema(), previous);
    }

    [Test]
    public void RollbackAll_FromLatest_LeavesNoApplicationTable()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        database.Migrator().Rollback(RollbackTarget.All);

        database.ApplicationTables().ShouldBeEmpty();
        database.Scalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%'").ShouldBe(0);
        database.RecordedVersions().ShouldBeEmpty();
    }

    [Test]
    public void Migrate_MessagesTable_KeepsTheRoleCheck()
    {
        using var database = new TestDatabase();

        database.MigrateToLatest();

        database.Schema().Find("messages")!.Checks.ShouldBe(["CHECK(role IN ('system','user','assistant','tool'))"]);
    }
}
