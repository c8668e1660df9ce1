using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Postgres;

/// <summary>
/// The migration assembly through FluentMigrator's plain runner with its PostgreSQL processor, as
/// <c>dotnet-fm -p postgres</c> runs it; then our runner takes over the database it left.
/// </summary>
[Category(PostgresServer.Category)]
public sealed class PostgresUpstreamRunnerTests
{
    [Test]
    public void UpstreamRunner_MigrateUpThenRollback_ProducesTheApprovedSchemasAndKeepsData()
    {
        using var database = new PostgresTestDatabase();
        using (var upstream = UpstreamProcessor.Create("postgres", database.ConnectionString))
        {
            upstream.Runner.MigrateUp();
        }

        ApprovedSnapshot.Verify(database.Schema(), MigrationCatalog.Console.LatestVersion, provider: "postgres");
        database.Seed();
        var content = database.Content();
        var nextId = database.NextProfileId();

        using (var upstream = UpstreamProcessor.Create("postgres", database.ConnectionString))
        {
            upstream.Runner.Rollback(1);
        }

        var previous = MigrationCatalog.Console.All[^2].Version;
        ApprovedSnapshot.Verify(database.Schema(), previous, provider: "postgres");
        database.Content().ShouldBe(content);
        database.NextProfileId().ShouldBe(nextId);
        database.RecordedVersions().ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version).Where(v => v <= previous).ToArray());
    }

    [Test]
    public void DatabaseLeftByUpstream_IsVerifiedAndMigratedByOurRunner()
    {
        using var database = new PostgresTestDatabase();
        using (var upstream = UpstreamProcessor.Create("postgres", database.ConnectionString))
        {
            upstream.Runner.MigrateUp(MigrationCatalog.Console.All[0].Version);
        }

        database.Migrator().Verify().IsClean.ShouldBeTrue();
        var report = database.MigrateToLatest();

        report.VersionBefore.ShouldBe(MigrationCatalog.Console.All[0].Version);
        report.VersionAfter.ShouldBe(MigrationCatalog.Console.LatestVersion);
        database.MigrateToLatest().NothingToDo.ShouldBeTrue();
        ApprovedSnapshot.Verify(database.Schema(), MigrationCatalog.Console.LatestVersion, provider: "postgres");
    }
}
