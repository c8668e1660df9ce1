using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Postgres;

/// <summary>The test server itself: each test gets a database of its own, and loses it afterwards.</summary>
[Category(PostgresServer.Category)]
public sealed class PostgresServerTests
{
    [Test]
    public void TestDatabase_IsEmptyAndOwnAndDroppedAfterwards()
    {
        string name;
        using (var database = new PostgresTestDatabase())
        {
            name = database.Name;
            database.Scalar<string>("SELECT current_database()").ShouldBe(name);
            database.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").ShouldBe(0);
        }

        using var admin = PostgresServer.OpenAdministrative();
        using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        command.Parameters.AddWithValue("name", name);
        ((long)command.ExecuteScalar()!).ShouldBe(0);
    }
}
