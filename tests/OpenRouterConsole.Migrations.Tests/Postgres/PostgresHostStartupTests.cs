using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Postgres;

/// <summary>The host extension, unchanged, with a PostgreSQL connection string from configuration.</summary>
[Category(PostgresServer.Category)]
public sealed class PostgresHostStartupTests
{
    [Test]
    public async Task HostStart_PostgresConnectionStringFromConfiguration_MigratesThatDatabase()
    {
        using var database = new PostgresTestDatabase();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Console"] = database.ConnectionString });
        builder.Services.AddOpenRouterConsoleMigrations();
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        database.RecordedVersions().ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version).ToArray());
    }

    [Test]
    public async Task HostStart_DriftedPostgresDatabase_DoesNotStart()
    {
        using var database = new PostgresTestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[0].Version);
        database.Execute("ALTER TABLE models ADD COLUMN surprise TEXT");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddOpenRouterConsoleMigrations(o => o.ConnectionString = database.ConnectionString);
        using var host = builder.Build();

        var error = await Should.ThrowAsync<MigrationException>(() => host.StartAsync());

        error.Message.ShouldContain("surprise");
        database.RecordedVersions().ShouldBe([MigrationCatalog.Console.All[0].Version]);
    }
}
