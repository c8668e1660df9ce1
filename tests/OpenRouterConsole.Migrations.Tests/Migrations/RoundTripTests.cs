using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Migrations;

/// <summary>Up, down and up again for every migration ends where the first up did.</summary>
public sealed class RoundTripTests
{

    [TestCaseSource(typeof(CatalogVersions), nameof(CatalogVersions.All))]
    public void UpDownUp_EachMigration_EndsWithTheSameSchema(long version)
    {
        var previous = CatalogVersions.Before(version);
        using var database = new TestDatabase();
        database.MigrateTo(version);
        var afterFirstUp = database.Schema().ToText();

        database.RollbackTo(previous);
        database.MigrateTo(version);

        database.Schema().ToText().ShouldBe(afterFirstUp);
        database.RecordedVersions().ShouldBe(CatalogVersions.UpTo(version));
    }

    [Test]
    public void MigrateRollbackAllMigrate_FromEmpty_EndsAtTheLatestApprovedSchema()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        database.Migrator().Rollback(RollbackTarget.All);
        database.MigrateToLatest();

        ApprovedSnapshot.Verify(database.Schema(), MigrationCatalog.Console.LatestVersion);
    }
}
