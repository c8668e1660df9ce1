using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary><c>list migrations</c>: reads only, never creates the file.</summary>
public sealed class ListCommandTests
{
    [Test]
    public void ListMigrations_MissingFile_ListsAllAsPendingAndCreatesNothing()
    {
        using var database = new TestDatabase();

        var result = CliRunner.Run(database, "list", "migrations");

        result.ShouldSucceed();
        result.StdoutLines.Take(5).ShouldBe(
        [
            $"Database: {database.Path} (does not exist yet)",
            "Current version: 0",
            "  Version  Applied   Applied on (UTC)     Description",
            "  1        no                             Initial schema",
            "  2        no                             Add profiles.openrouter_preset",
        ]);
        result.StdoutLines.Skip(3).SkipLast(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ShouldBe(Versions.All.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        result.StdoutLines[^1].ShouldBe("* = current version");
        database.Files().ShouldBeEmpty();
    }

    [Test]
    public void ListMigrations_AtVersionOne_MarksItCurrentWithItsTime()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.Execute("UPDATE VersionInfo SET AppliedOn = '2026-11-24T10:15:00' WHERE Version = 1");
        var before = database.Bytes();

        var result = CliRunner.Run(database, "list", "migrations");

        result.ShouldSucceed();
        result.StdoutLines[0].ShouldBe($"Database: {database.Path}");
        result.StdoutLines[1].ShouldBe("Current version: 1");
        result.StdoutLines[3].ShouldBe("* 1        yes       2026-11-24 10:15:00  Initial schema");
        result.StdoutLines[4].ShouldBe("  2        no                             Add profiles.openrouter_preset");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void ListMigrations_UnknownVersion_IsShownAsNewer()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute("INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES (99, '2027-01-01T00:00:00', 'From the future')");

        var result = CliRunner.Run(database, "list", "migrations");

        result.ShouldSucceed();
        result.StdoutLines[1].ShouldBe("Current version: 99");
        result.StdoutLines[^2].ShouldBe("* 99       unknown   2027-01-01 00:00:00  From the future (not known to this tool: the database is newer)");
    }

    [Test]
    public void List_WithoutWhat_IsAUsageError()
    {
        var result = CliRunner.Run("list");

        result.ShouldFailWith(2, "Required command was not provided.");
    }
}
