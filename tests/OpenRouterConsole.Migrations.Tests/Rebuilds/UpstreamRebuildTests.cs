using FluentMigrator.Runner;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpenRouterConsole.Migrations.RebuildExamples;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Rebuilds;

/// <summary>
/// The rebuild examples under FluentMigrator's own runner as dotnet-fm uses it (its defaults: one
/// transaction per migration, the connection string as given, so foreign keys on unless it says otherwise).
/// </summary>
public sealed class UpstreamRebuildTests
{
    [Test]
    public void UpstreamRunner_ForeignKeysOn_RefusesToRebuildAParentNamingTheRemedy_AndKeepsEveryRow()
    {
        using var database = RebuildDatabase.SeededAtVersion2();
        var before = TableContent.Checksums(database);

        using (var services = UpstreamServices(database.ConnectionString))
        {
            var error = Should.Throw<Exception>(() => services.GetRequiredService<IMigrationRunner>().MigrateUp(3));
            var message = error.ToString();
            message.ShouldContain("Cannot rebuild table 'sessions' with foreign keys on: messages, usage_logs point at it");
            message.ShouldContain("'Foreign Keys=False'");
        }

        TableContent.Checksums(database).ShouldBe(before);
        database.RecordedVersions().ShouldBe([1, 2]);
    }

    [Test]
    public void UpstreamRunner_ForeignKeysFalseInTheConnectionString_RebuildsUpAndDownKeepingEveryRow()
    {
        using var database = RebuildDatabase.SeededAtVersion2();
        var before = TableContent.Checksums(database);
        var connectionString = new SqliteConnectionStringBuilder(database.ConnectionString) { ForeignKeys = false }.ConnectionString;

        using (var services = UpstreamServices(connectionString))
        {
            var runner = services.GetRequiredService<IMigrationRunner>();
            runner.MigrateUp(RebuildExamplesAssembly.LastGoodVersion);
            ApprovedSnapshot.Verify(database.Schema(), RebuildExamplesAssembly.LastGoodVersion, RebuildDatabase.SnapshotSet);
            runner.MigrateDown(2);
        }

        ApprovedSnapshot.Verify(database.Schema(), 2);
        TableContent.Checksums(database).ShouldBe(before);
        RebuildDatabase.ForeignKeyViolations(database).ShouldBe(0);
    }

    private static ServiceProvider UpstreamServices(string connectionString) =>
        new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => runner
                .AddSQLite()
                .WithGlobalConnectionString(connectionString)
                .ScanIn(RebuildExamplesAssembly.Assembly).For.All())
            .BuildServiceProvider(validateScopes: false);
}
