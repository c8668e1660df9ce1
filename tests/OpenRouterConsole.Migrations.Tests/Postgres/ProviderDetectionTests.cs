using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Providers;

namespace OpenRouterConsole.Migrations.Tests.Postgres;

/// <summary>The provider follows the connection string; no server needed.</summary>
public sealed class ProviderDetectionTests
{
    [TestCase("Data Source=console.db", DatabaseProvider.Sqlite)]
    [TestCase("Data Source=/srv/host-server/console.db;Pooling=False", DatabaseProvider.Sqlite)]
    [TestCase("Host=127.0.0.1;Port=5432;Database=console;Username=u", DatabaseProvider.Postgres)]
    [TestCase("server=db.example;database=console", DatabaseProvider.Postgres)]
    public void Detect_FollowsTheConnectionString(string connectionString, DatabaseProvider expected) =>
        DatabaseProviders.Detect(connectionString).ShouldBe(expected);

    [Test]
    public void PostgresConnectionString_WithoutDatabase_IsOneClearUsageError()
    {
        var error = Should.Throw<MigrationException>(() => new ConsoleMigrator(new MigrationOptions { ConnectionString = "Host=127.0.0.1" }).Migrate());

        error.Kind.ShouldBe(MigrationErrorKind.Usage);
        error.Message.ShouldBe("The PostgreSQL connection string names no database (Database=...).");
    }

    [Test]
    public void ConnectionString_NamingNeither_SaysWhatEachProviderNeeds()
    {
        var error = Should.Throw<MigrationException>(() => new ConsoleMigrator(new MigrationOptions { ConnectionString = "Pooling=False" }).Migrate());

        error.Kind.ShouldBe(MigrationErrorKind.Usage);
        error.Message.ShouldContain("Data Source=FILE for SQLite, Host=SERVER;Database=NAME for PostgreSQL");
    }
}
