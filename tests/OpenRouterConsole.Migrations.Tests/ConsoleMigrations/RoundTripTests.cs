using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests;

/// <summary>Up, down and up again for every migration ends where the first up did.</summary>
public sealed class RoundTripTests
{
    private static IEnumerable<long> Versions() => MigrationCatalog.Console.All.Select(m => m.Version);

    [TestCaseSource(nameof(Versions))]
    public void UpDownUp_EachMigration_EndsWithTheSameSchema(long version)
    {
        var previous = Versions().Where(v => v < version).DefaultIfEmpty(0).Max();
        using var database = new TestDatabase();
        database.MigrateTo(version);
        var afterFirstUp = database.Schema().ToText();

        database.RollbackTo(previous);
        database.MigrateTo(version);

        database.Schema().ToText().ShouldBe(afterFirstUp);
        database.RecordedVersions().ShouldBe(Versions().Where(v => v <= version));
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
