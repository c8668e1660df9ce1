using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Migrations;

/// <summary>Each version's schema, compared with the approved snapshot committed beside this file.</summary>
public sealed class SchemaSnapshotTests
{

    [TestCaseSource(typeof(CatalogVersions), nameof(CatalogVersions.All))]
    public void Migrate_ToVersion_MatchesApprovedSnapshot(long version)
    {
        using var database = new TestDatabase();

        database.MigrateTo(version);

        database.RecordedVersions().ShouldBe(CatalogVersions.UpTo(version));
        ApprovedSnapshot.Verify(database.Schema(), version);
    }

    [TestCaseSource(typeof(CatalogVersions), nameof(CatalogVersions.All))]
    public void Rollback_FromLatestToPreviousVersion_RestoresItsApprovedSnapshot(long version)
    {
        var previous = CatalogVersions.Before(version);
        using var database = new TestDatabase();
        database.MigrateTo(version);

        database.RollbackTo(previous);

        database.RecordedVersions().ShouldBe(CatalogVersions.UpTo(previous));
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
