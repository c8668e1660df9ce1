using System.Text.Json;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

public sealed class VerifyCommandTests
{
    [Test]
    public void Verify_MatchingDatabase_SaysOkAndExitsZero()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        var result = CliRunner.Run(database, "verify");

        result.ShouldSucceed();
        result.StdoutLines.ShouldContain($"OK: the schema is exactly version {Versions.Latest}'s.");
    }

    [Test]
    public void Verify_UnversionedLegacyDatabase_SaysMigrateWillRecordIt()
    {
        using var database = new TestDatabase();
        database.ExecuteFixture(Fixtures.LegacySchema);

        var result = CliRunner.Run(database, "verify");

        result.ShouldSucceed();
        result.StdoutLines.ShouldContain("OK: the schema is exactly version 2's; 'migrate' will record it.");
    }

    [Test]
    public void Verify_DriftedDatabase_ListsEachDifferenceAndExitsOne()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute("ALTER TABLE sessions ADD COLUMN pinned INTEGER; DROP INDEX idx_usage_logs_model_created;");
        var before = database.Bytes();

        var result = CliRunner.Run(database, "verify");

        result.ExitCode.ShouldBe(1);
        result.StdoutLines.ShouldContain($"DRIFT: 2 difference(s) from version {Versions.Latest}:");
        result.StdoutLines.ShouldContain("  - column sessions.pinned (pinned INTEGER) is not part of the schema");
        result.StdoutLines.ShouldContain("  - index idx_usage_logs_model_created on (model_id, created_at) on usage_logs is missing");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void Verify_Json_PrintsTheSameReportForScripts()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute("ALTER TABLE sessions ADD COLUMN pinned INTEGER");

        var result = CliRunner.Run(database, "verify", "--json");

        result.ExitCode.ShouldBe(1);
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("clean").GetBoolean().ShouldBeFalse();
        json.RootElement.GetProperty("recordedVersion").GetInt64().ShouldBe(Versions.Latest);
        var difference = json.RootElement.GetProperty("differences").EnumerateArray().ShouldHaveSingleItem();
        difference.GetProperty("kind").GetString().ShouldBe("extra-column");
        difference.GetProperty("table").GetString().ShouldBe("sessions");
    }

    [Test]
    public void Verify_ChangedScript_IsReportedAsDrift()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute($"UPDATE MigrationChecksums SET Sha256 = '{new string('a', 64)}' WHERE Version = 1");

        var result = CliRunner.Run(database, "verify");

        result.ExitCode.ShouldBe(1);
        result.Stdout.ShouldContain("script changed since applied: migration 1: Sqlite.001_initial_schema.sql was aaaaaaaaaaaa");
    }
}
