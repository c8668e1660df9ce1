using System.Text.Json;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary>What the tool prints: list --json, previews, number errors, refusals that name their override.</summary>
public sealed class ToolOutputTests
{
    private static long Latest => MigrationCatalog.Console.LatestVersion;

    private static long Previous => MigrationCatalog.Console.All[^2].Version;

    [Test]
    public void ListMigrationsJson_DescribesEveryMigrationAndTheCurrentOne()
    {
        using var database = new TestDatabase();
        database.MigrateTo(Previous);

        var result = CliRunner.Run(database, "list", "migrations", "--json");

        result.ShouldSucceed();
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        root.GetProperty("database").GetString().ShouldBe(database.Path);
        root.GetProperty("currentVersion").GetInt64().ShouldBe(Previous);
        root.GetProperty("latestVersion").GetInt64().ShouldBe(Latest);
        var migrations = root.GetProperty("migrations").EnumerateArray().ToArray();
        migrations.Select(m => m.GetProperty("version").GetInt64()).ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version));
        migrations.Where(m => m.GetProperty("applied").GetBoolean()).Select(m => m.GetProperty("version").GetInt64())
            .ShouldBe(MigrationCatalog.Console.All.Where(m => m.Version <= Previous).Select(m => m.Version));
        migrations.Single(m => m.GetProperty("current").GetBoolean()).GetProperty("version").GetInt64().ShouldBe(Previous);
        var pending = migrations.Single(m => m.GetProperty("version").GetInt64() == Latest);
        pending.GetProperty("appliedOn").ValueKind.ShouldBe(JsonValueKind.Null);
        migrations[0].GetProperty("appliedOn").GetDateTime().Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Test]
    public void ListMigrationsJson_MarksVersionsTheToolDoesNotKnow()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute($"INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES ({Latest + 1}, '2027-01-01T00:00:00', 'From the future')");

        var result = CliRunner.Run(database, "list", "migrations", "--json");

        result.ShouldSucceed();
        using var json = JsonDocument.Parse(result.Stdout);
        var future = json.RootElement.GetProperty("migrations").EnumerateArray().Last();
        future.GetProperty("version").GetInt64().ShouldBe(Latest + 1);
        future.GetProperty("known").GetBoolean().ShouldBeFalse();
        future.GetProperty("description").GetString().ShouldBe("From the future");
    }

    [Test]
    public void Preview_PrintsNoDurationsAndNoDoubledSemicolons()
    {
        using var database = new TestDatabase();

        var result = CliRunner.Run(database, "migrate", "--preview");

        result.ShouldSucceed();
        result.Stdout.ShouldNotContain(";;");
        result.Stdout.ShouldContain("INSERT INTO \"VersionInfo\"");
        result.StdoutLines.Where(l => l.StartsWith("Would apply", StringComparison.Ordinal))
            .ShouldBe(MigrationCatalog.Console.All.Select(m => $"Would apply {m.Version} ({m.Description})"));
        File.Exists(database.Path).ShouldBeFalse();
    }

    [Test]
    public void SqlFile_HasNoDoubledSemicolons_AndEveryStatementEnds()
    {
        using var database = new TestDatabase();
        var sqlFile = Path.Combine(database.Directory, "ran.sql");

        CliRunner.Run(database, "migrate", "-o", sqlFile).ShouldSucceed();

        var sql = File.ReadAllText(sqlFile);
        sql.ShouldNotContain(";;");
        sql.ShouldContain($"VALUES ({Latest}, CURRENT_TIMESTAMP, '{MigrationCatalog.Console.All[^1].Description}');");
    }

    [TestCase("abc")]
    [TestCase("1e3")]
    public void Timeout_NotANumber_SaysSoInPlainWords(string value)
    {
        using var database = new TestDatabase();

        var result = CliRunner.Run(database, "migrate", "--timeout", value);

        result.ShouldFailWith(2, $"--timeout must be a number of seconds, not '{value}'.");
        File.Exists(database.Path).ShouldBeFalse();
    }

    [Test]
    public void KeepBackups_NotANumber_SaysSoInPlainWords()
    {
        using var database = new TestDatabase();

        CliRunner.Run(database, "migrate", "--keep-backups", "many").ShouldFailWith(2, "--keep-backups must be a whole number, not 'many'.");
    }

    [Test]
    public void DriftRefusal_NamesTheFlagAndTheOption()
    {
        using var database = new TestDatabase();
        database.MigrateTo(Previous);
        database.Execute("ALTER TABLE models ADD COLUMN added_by_hand TEXT");

        var result = CliRunner.Run(database, "migrate");

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain("--allow-drift");
        result.Stderr.ShouldContain("AllowSchemaDrift");

        var allowed = CliRunner.Run(database, "migrate", "--allow-drift");
        allowed.ExitCode.ShouldBe(0, allowed.ToString());
        allowed.Stderr.ShouldContain("models.added_by_hand"); // what the flag let through is said
    }
}
