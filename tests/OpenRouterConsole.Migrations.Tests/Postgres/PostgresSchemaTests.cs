using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Postgres;

/// <summary>The schema each version has on PostgreSQL, held to approved files, and its foreign-key actions.</summary>
[Category(PostgresServer.Category)]
public sealed class PostgresSchemaTests
{
    private static IEnumerable<long> Versions() => MigrationCatalog.Console.All.Select(m => m.Version).Prepend(0);

    [TestCaseSource(nameof(Versions))]
    public void MigrateTo_ProducesTheApprovedSchema(long version)
    {
        using var database = new PostgresTestDatabase();

        database.MigrateTo(version);

        database.RecordedVersions().ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version).Where(v => v <= version).ToArray());
        ApprovedSnapshot.Verify(database.Schema(), version, provider: "postgres");
        database.Migrator().Verify().IsClean.ShouldBeTrue();
    }

    [TestCaseSource(nameof(Versions))]
    public void RollbackFromLatest_ProducesTheApprovedSchema(long version)
    {
        using var database = new PostgresTestDatabase();
        database.MigrateToLatest();

        database.RollbackTo(version);

        ApprovedSnapshot.Verify(database.Schema(), version, provider: "postgres");
    }

    [Test]
    public void CreatedAt_DefaultsToSqlitesTextFormatInUtc()
    {
        using var database = new PostgresTestDatabase();
        database.MigrateToLatest();

        database.Execute("INSERT INTO profiles (name) VALUES ('p')");

        var createdAt = database.Scalar<string>("SELECT created_at FROM profiles");
        createdAt.ShouldMatch(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$");
        var parsed = DateTime.ParseExact(createdAt, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        (DateTime.UtcNow - parsed).Duration().ShouldBeLessThan(TimeSpan.FromMinutes(1));
    }

    [Test]
    public void ForeignKeys_SetNullOnProfilesAndModels_CascadeOnSessions_CheckOnRole()
    {
        using var database = new PostgresTestDatabase();
        database.MigrateToLatest();
        database.Seed();
        var messagesOfS01 = database.Scalar<long>("SELECT count(*) FROM messages WHERE session_id = 's-01'");
        messagesOfS01.ShouldBeGreaterThan(0);

        database.Execute("DELETE FROM profiles WHERE id = 2");
        database.Execute("DELETE FROM models WHERE id = 'm-gpt4o'");
        database.Execute("DELETE FROM sessions WHERE id = 's-01'");

        database.Scalar<long>("SELECT count(*) FROM sessions WHERE profile_id = 2").ShouldBe(0);
        database.Scalar<long>("SELECT count(*) FROM usage_logs WHERE model_id = 'm-gpt4o'").ShouldBe(0);
        database.Scalar<long>("SELECT count(*) FROM messages WHERE session_id = 's-01'").ShouldBe(0);
        database.Scalar<long>("SELECT count(*) FROM usage_logs WHERE session_id = 's-01'").ShouldBe(0);
        Should.Throw<Npgsql.PostgresException>(() => database.Execute("INSERT INTO messages (id, session_id, role, content) VALUES ('x', 's-02', 'robot', 'hi')"))
            .SqlState.ShouldBe("23514");
    }
}
