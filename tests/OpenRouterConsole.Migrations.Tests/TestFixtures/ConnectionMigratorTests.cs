using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Schema;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.TestFixtures;

/// <summary>ConnectionMigrator: migrating an open connection for test fixtures, without lock or backup.</summary>
public sealed class ConnectionMigratorTests
{
    private static long Latest => MigrationCatalog.Console.LatestVersion;

    private static long Previous => MigrationCatalog.Console.All[^2].Version;

    [Test]
    public void PrivateInMemoryDatabase_GetsTheSchemaAFileGets()
    {
        using var file = new TestDatabase();
        file.MigrateToLatest();
        using var connection = OpenMemory("Data Source=:memory:");

        var report = ConnectionMigrator.Migrate(connection);

        report.VersionBefore.ShouldBe(0);
        report.VersionAfter.ShouldBe(Latest);
        report.Steps.Select(s => s.Step.Version).ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version));
        SqliteMigrationHistory.Read(connection).Select(a => a.Version).ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version));
        SchemaSnapshot.Read(connection).ToText().ShouldBe(file.Schema().ToText());
    }

    [Test]
    public void TwoFixtures_AreIndependentDatabases()
    {
        using var first = OpenMemory("Data Source=:memory:");
        using var second = OpenMemory("Data Source=:memory:");
        ConnectionMigrator.Migrate(first);
        ConnectionMigrator.Migrate(second);

        Execute(first, "INSERT INTO profiles (name) VALUES ('only in the first')");

        Count(first, "profiles").ShouldBe(1);
        Count(second, "profiles").ShouldBe(0);
    }

    [Test]
    public void SharedCacheDatabaseWithData_IsMigratedInPlace_KeepingRows()
    {
        var name = $"fixture-{Guid.NewGuid():N}";
        using var connection = OpenMemory($"Data Source={name};Mode=Memory;Cache=Shared");
        ConnectionMigrator.Migrate(connection, Previous);
        Execute(connection, "INSERT INTO profiles (name) VALUES ('kept')");

        var report = ConnectionMigrator.Migrate(connection);

        report.VersionBefore.ShouldBe(Previous);
        report.Steps.Select(s => s.Step.Version).ShouldBe([Latest]);
        SqliteMigrationHistory.Read(connection).Select(a => a.Version).ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version));
        Count(connection, "profiles").ShouldBe(1);
    }

    [Test]
    public void TargetVersion_StopsThere()
    {
        using var connection = OpenMemory("Data Source=:memory:");

        ConnectionMigrator.Migrate(connection, Previous);

        SqliteMigrationHistory.Read(connection).Select(a => a.Version).Max().ShouldBe(Previous);
    }

    [Test]
    public void AlreadyAtLatest_DoesNothing()
    {
        using var connection = OpenMemory("Data Source=:memory:");
        ConnectionMigrator.Migrate(connection);

        var report = ConnectionMigrator.Migrate(connection);

        report.NothingToDo.ShouldBeTrue();
        report.VersionAfter.ShouldBe(Latest);
    }

    [Test]
    public void OpenFileConnection_IsMigrated_WithoutLockOrBackupFiles()
    {
        using var database = new TestDatabase();
        database.MigrateTo(Previous);
        database.Execute("INSERT INTO profiles (name) VALUES ('kept')");
        File.Delete(database.Path + ".migrate.lock"); // left by MigrateTo above
        using var connection = database.Open();

        ConnectionMigrator.Migrate(connection);

        database.RecordedVersions().ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version));
        database.Scalar<long>("SELECT count(*) FROM profiles").ShouldBe(1);
        database.Files().ShouldBe(["console.db"]);
    }

    [Test]
    public void PrivateInMemoryDatabaseWithTables_IsRefused_NamingTheSharedCacheForm()
    {
        using var connection = OpenMemory("Data Source=:memory:");
        ConnectionMigrator.Migrate(connection, Previous);

        var error = Should.Throw<MigrationException>(() => ConnectionMigrator.Migrate(connection));

        error.Message.ShouldContain("Cache=Shared");
        SqliteMigrationHistory.Read(connection).Select(a => a.Version).Max().ShouldBe(Previous);
    }

    [Test]
    public void ClosedConnection_IsRefused()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");

        Should.Throw<MigrationException>(() => ConnectionMigrator.Migrate(connection)).Message.ShouldContain("Open the connection first");
    }

    [Test]
    public void UnknownTargetVersion_IsRefused()
    {
        using var connection = OpenMemory("Data Source=:memory:");

        Should.Throw<MigrationException>(() => ConnectionMigrator.Migrate(connection, Latest + 1)).Kind.ShouldBe(MigrationErrorKind.Usage);
        Count(connection, "sqlite_master").ShouldBe(0);
    }

    private static SqliteConnection OpenMemory(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Count(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
