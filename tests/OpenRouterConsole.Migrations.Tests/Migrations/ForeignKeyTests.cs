using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Migrations;

/// <summary>The ON DELETE actions and the role CHECK that migration 1 declares, exercised on real rows.</summary>
public sealed class ForeignKeyTests
{
    private TestDatabase _database = null!;

    [SetUp]
    public void SeedLatest()
    {
        _database = new TestDatabase();
        _database.MigrateToLatest();
        _database.ExecuteFixture(Fixtures.SeedData);
    }

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    [Test]
    public void DeleteProfile_NullsSessionAndUsageLogLinks()
    {
        _database.Scalar<long>("SELECT count(*) FROM usage_logs WHERE profile_id = 2").ShouldBeGreaterThan(0);

        _database.Execute("DELETE FROM profiles WHERE id = 2");

        _database.Scalar<long>("SELECT count(*) FROM sessions WHERE id = 's-01' AND profile_id IS NULL").ShouldBe(1);
        _database.Scalar<long>("SELECT count(*) FROM usage_logs WHERE profile_id = 2").ShouldBe(0);
        _database.Scalar<long>("SELECT count(*) FROM usage_logs WHERE session_id = 's-01' AND profile_id IS NULL").ShouldBe(3);
    }

    [Test]
    public void DeleteSession_RemovesItsMessagesAndUsageLogs()
    {
        var otherMessages = _database.Scalar<long>("SELECT count(*) FROM messages WHERE session_id <> 's-01'");

        _database.Execute("DELETE FROM sessions WHERE id = 's-01'");

        _database.Scalar<long>("SELECT count(*) FROM messages WHERE session_id = 's-01'").ShouldBe(0);
        _database.Scalar<long>("SELECT count(*) FROM usage_logs WHERE session_id = 's-01'").ShouldBe(0);
        _database.Scalar<long>("SELECT count(*) FROM messages").ShouldBe(otherMessages);
    }

    [Test]
    public void DeleteModel_NullsUsageLogModel()
    {
        var logsOfModel = _database.Scalar<long>("SELECT count(*) FROM usage_logs WHERE model_id = 'm-claude'");
        logsOfModel.ShouldBeGreaterThan(0);
        var logsWithoutModel = _database.Scalar<long>("SELECT count(*) FROM usage_logs WHERE model_id IS NULL");

        _database.Execute("DELETE FROM models WHERE id = 'm-claude'");

        _database.Scalar<long>("SELECT count(*) FROM usage_logs WHERE model_id IS NULL").ShouldBe(logsWithoutModel + logsOfModel);
    }

    [Test]
    public void InsertMessage_WithUnknownRole_IsRejected()
    {
        var error = Should.Throw<SqliteException>(() =>
            _database.Execute("INSERT INTO messages (id, session_id, role, content) VALUES ('bad', 's-01', 'narrator', 'x')"));

        error.Message.ShouldContain("CHECK constraint failed");
    }

    [TestCase("system")]
    [TestCase("user")]
    [TestCase("assistant")]
    [TestCase("tool")]
    public void InsertMessage_WithKnownRole_IsAccepted(string role)
    {
        _database.Execute($"INSERT INTO messages (id, session_id, role, content) VALUES ('new-{role}', 's-02', '{role}', 'x')");

        _database.Scalar<string>($"SELECT role FROM messages WHERE id = 'new-{role}'").ShouldBe(role);
    }

    [Test]
    public void InsertSession_WithUnknownProfile_IsRejected()
    {
        var error = Should.Throw<SqliteException>(() =>
            _database.Execute("INSERT INTO sessions (id, session_type, profile_id) VALUES ('s-x', 'chat', 999)"));

        error.Message.ShouldContain("FOREIGN KEY constraint failed");
    }
}
