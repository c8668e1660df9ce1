using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary>
/// Every failure: one line "error: ..." on stderr, exit 1 (failed) or 2 (usage), and the database
/// byte-for-byte as it was, with no backup taken.
/// </summary>
public sealed class ErrorTests
{
    [Test]
    public void MissingDirectory_Fails_AndCreatesNothing()
    {
        using var database = new TestDatabase();
        var missing = System.IO.Path.Combine(database.Directory, "nope");

        var result = CliRunner.Run("migrate", "-c", $"Data Source={System.IO.Path.Combine(missing, "console.db")}");

        result.ShouldFailWith(1, $"The directory '{missing}' does not exist.");
        Directory.Exists(missing).ShouldBeFalse();
    }

    [Test]
    public void NotASqliteFile_Fails()
    {
        using var database = new TestDatabase();
        File.WriteAllText(database.Path, "name,model\nchat,gpt\n");
        var before = database.Bytes();

        var result = CliRunner.Run(database, "migrate");

        result.ShouldFailWith(1, $"'{database.Path}' is not a SQLite database.");
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void ReadOnlyFile_Fails()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var before = database.Bytes();
        database.MakeReadOnly();

        var result = CliRunner.Run(database, "migrate");

        result.ShouldFailWith(1, $"The database file '{database.Path}' is read-only.");
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void LockedByAnotherHolder_TimesOut()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var before = database.Bytes();
        using var held = new FileStream(database.Path + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var result = CliRunner.Run(database, "migrate", "--timeout", "0.2");

        // The wait is announced on stderr before the time-out ends it.
        result.StderrLines.ShouldBe(
        [
            $"warning: Waiting for the migration lock on '{database.Path}', held by another process.",
            $"error: Timed out after 0.2 s waiting for the migration lock on '{database.Path}', held by another process.",
        ]);
        result.ExitCode.ShouldBe(1);
        result.Stdout.ShouldBeEmpty();
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void RollbackToUnknownVersion_IsAUsageError()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var before = database.Bytes();

        var unknown = (Versions.Latest + 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = CliRunner.Run(database, "rollback", "to", unknown);

        result.ShouldFailWith(2, $"Cannot roll back to version {unknown}: no migration has that version (known: {Versions.KnownList}).");
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void MigrateAboveTheLatest_IsAUsageError()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var before = database.Bytes();

        var aboveLatest = Versions.Latest + 1;
        var result = CliRunner.Run(database, "migrate", "up", "-t", aboveLatest.ToString(System.Globalization.CultureInfo.InvariantCulture));

        result.ShouldFailWith(2, $"Cannot migrate to version {aboveLatest}: the latest migration is {Versions.Latest}.");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void DatabaseRecordingAnUnknownVersion_IsRefused()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.Execute("INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES (99, '2027-01-01T00:00:00', 'From the future')");
        var before = database.Bytes();

        var result = CliRunner.Run(database, "migrate");

        result.ShouldFailWith(1,
            $"Refusing to migrate: '{database.Path}' records version(s) 99 that this tool does not know (it knows up to {Versions.Latest}); the database is newer than this tool. " +
            "To migrate anyway pass --allow-newer (tool) or set AllowNewerDatabase (host).");
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void MalformedConnectionString_IsAUsageError()
    {
        var result = CliRunner.Run("migrate", "-c", "Bogus Keyword=1");

        result.ShouldFailWith(2, "Malformed connection string 'Bogus Keyword=1': Connection string keyword 'bogus keyword' is not supported. For a possible alternative, see https://go.microsoft.com/fwlink/?linkid=2142181.");
    }

    [TestCase("Data Source=:memory:")]
    [TestCase("Data Source=x.db;Mode=Memory")]
    public void InMemoryDatabase_IsAUsageError(string connectionString)
    {
        var result = CliRunner.Run("migrate", "-c", connectionString);

        result.ShouldFailWith(2, "The connection string points at an in-memory database; nothing migrated there would persist. Name a database file.");
    }

    [Test]
    public void FailingMigration_NamesItAndLeavesTheDatabaseAsItWas()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.FailWhenRecording(2);
        var before = database.Bytes();

        var result = CliRunner.Run(database, "migrate");

        result.ShouldFailWith(1, "Migration 2 (Add profiles.openrouter_preset) failed up: SQLite Error 19: 'injected failure while recording version 2'.");
        database.Bytes().ShouldBe(before);
        database.RecordedVersions().ShouldBe([1]);
    }

    [Test]
    public void FailingMigration_Verbose_AddsTheStackTrace()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.FailWhenRecording(2);

        var result = CliRunner.Run(database, "migrate", "-v", "--no-backup");

        result.ExitCode.ShouldBe(1);
        result.StderrLines[0].ShouldStartWith("error: Migration 2 (Add profiles.openrouter_preset) failed up:");
        result.StderrLines.Count.ShouldBeGreaterThan(1);
        result.Stderr.ShouldContain("   at ");
    }

    // Parse errors and usage checks: nothing is opened, so an existing database stays as it was.
    [TestCase(new[] { "frobnicate" }, "Unrecognized command or argument 'frobnicate'.")]
    [TestCase(new[] { "migrate", "--frobnicate" }, "Unrecognized command or argument '--frobnicate'.")]
    [TestCase(new[] { "migrate", "-p", "postgres" }, "-p postgres needs a PostgreSQL connection string: -c \"Host=SERVER;Database=NAME;Username=USER;Password=…\".")]
    [TestCase(new[] { "--processor", "SqlServer", "rollback" }, "Unsupported processor 'SqlServer': use sqlite or postgres.")]
    [TestCase(new[] { "rollback", "by", "two" }, "Cannot parse argument 'two' for command 'by' as expected type 'System.Int32'.")]
    [TestCase(new[] { "migrate", "--timeout", "soon" }, "--timeout must be a number of seconds, not 'soon'.")]
    [TestCase(new[] { "migrate", "--timeout", "-1" }, "--timeout must be a number of seconds, 0 or more, not -1.")]
    [TestCase(new[] { "migrate", "--keep-backups", "0" }, "--keep-backups must be 1 or more, not 0 (use --no-backup to take none).")]
    [TestCase(new[] { "migrate", "up", "-t" }, "Required argument missing for option: '-t'.")]
    [TestCase(new[] { "rollback", "to" }, "Required argument missing for command: 'to'.")]
    [TestCase(new string[0], "Required command was not provided.")]
    public void BadCommandLine_IsAUsageError(string[] args, string message)
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var before = database.Bytes();

        // -c first, so that a missing value at the end of the line stays missing.
        var result = CliRunner.Run(["-c", database.ConnectionString, .. args]);

        result.ShouldFailWith(2, message);
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void MissingOptionValue_IsAUsageError()
    {
        var result = CliRunner.Run("migrate", "-c");

        result.ShouldFailWith(2, "Required argument missing for option: '-c'.");
    }
}
