using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Migrations;

/// <summary>
/// The migration assembly run the way upstream dotnet-fm runs it: FluentMigrator's own runner with its
/// defaults (one transaction per migration), nothing of ours in between.
/// </summary>
public sealed class UpstreamRunnerTests
{
    [Test]
    public void UpstreamRunner_MigrateUpTo2ThenRollbackMigration2_ProducesTheApprovedSchemasAndKeepsLinks()
    {
        using var database = new TestDatabase();
        using (var services = UpstreamServices(database))
        {
            services.GetRequiredService<IMigrationRunner>().MigrateUp(2);
        }

        ApprovedSnapshot.Verify(database.Schema(), 2);
        database.ExecuteFixture(Fixtures.SeedData);
        var linkedSessions = database.Scalar<long>("SELECT count(*) FROM sessions WHERE profile_id IS NOT NULL");

        using (var services = UpstreamServices(database))
        {
            services.GetRequiredService<IMigrationRunner>().Rollback(1);
        }

        ApprovedSnapshot.Verify(database.Schema(), 1);
        database.Scalar<long>("SELECT count(*) FROM sessions WHERE profile_id IS NOT NULL").ShouldBe(linkedSessions);
        database.RecordedVersions().ShouldBe([1]);
    }

    private static ServiceProvider UpstreamServices(TestDatabase database) =>
        new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => runner
                .AddSQLite()
                .WithGlobalConnectionString(database.ConnectionString)
                .ScanIn(MigrationsAssembly.Assembly).For.All())
            .BuildServiceProvider(validateScopes: false);
}
