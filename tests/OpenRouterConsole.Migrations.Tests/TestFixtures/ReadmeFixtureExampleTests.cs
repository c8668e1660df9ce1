using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Tests.TestFixtures;

/// <summary>The README's NUnit fixture example, as written there: a fresh, migrated in-memory database per test.</summary>
public sealed class ReadmeFixtureExampleTests
{
    private SqliteConnection _connection = null!;

    [SetUp]
    public void OpenMigratedDatabase()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        ConnectionMigrator.Migrate(_connection); // latest schema; no lock, no backup
    }

    [TearDown]
    public void CloseDatabase() => _connection.Dispose();

    [Test]
    public void ProfilesHaveTheLatestColumns()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO profiles (name, openrouter_preset) VALUES ('test', 'fast') RETURNING id";

        command.ExecuteScalar().ShouldBe(1L);
    }
}
