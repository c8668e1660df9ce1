using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary><c>migrate</c>, <c>migrate up -t V</c>, <c>migrate down -t V</c>, with their output options.</summary>
public sealed class MigrateCommandTests
{
    [Test]
    public void Migrate_NewFile_AppliesEveryMigrationAndPrintsEachStep()
    {
        using var database = new TestDatabase();

        var result = CliRunner.Run(database, "migrate");

        result.ShouldSucceed();
        database.RecordedVersions().ShouldBe(Versions.All);
        result.StdoutLines[0].ShouldBe($"Database: {database.Path}");
        result.StdoutLines[1].ShouldMatch(@"^Applied 1 \(Initial schema\) in \d+ ms$");
        result.StdoutLines[2].ShouldMatch(@"^Applied 2 \(Add profiles\.openrouter_preset\) in \d+ ms$");
        result.StdoutLines[^1].ShouldBe($"Version: 0 -> {Versions.Latest}");
        result.BackupPath.ShouldBeNull("a new file holds nothing to back up");
    }

    [Test]
    public void Migrate_UpToDate_SaysNothingToDo()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var before = database.Bytes();

        var result = CliRunner.Run(database, "migrate");

        result.ShouldSucceed();
        result.StdoutLines.ShouldBe([$"Nothing to do: {database.Path} is at version {Versions.Latest}."]);
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void MigrateUp_WithTarget_StopsThere()
    {
        using var database = new TestDatabase();

        var result = CliRunner.Run(database, "migrate", "up", "-t", "1");

        result.ShouldSucceed();
        database.RecordedVersions().ShouldBe([1]);
        result.StdoutLines[^1].ShouldBe("Version: 0 -> 1");
    }

    [TestCase("-c", "{cs}", "migrate", "up", "--target", "1")]
    [TestCase("migrate", "-t", "1", "up", "-c", "{cs}")]
    [TestCase("migrate", "--connection", "{cs}", "up", "-t", "1")]
    public void Migrate_OptionsAnywhereOnTheLine_AreHonoured(params string[] args)
    {
        using var database = new TestDatabase();

        var result = CliRunner.Run(args.Select(a => a == "{cs}" ? database.ConnectionString : a).ToArray());

        result.ShouldSucceed();
        database.RecordedVersions().ShouldBe([1]);
    }

    [Test]
    public void MigrateDown_FromVersion2ToTarget1_RollsBackMigration2AndBacksUp()
    {
        using var database = new TestDatabase();
        database.MigrateTo(2);

        var result = CliRunner.Run(database, "migrate", "down", "-t", "1");

        result.ShouldSucceed();
        database.RecordedVersions().ShouldBe([1]);
        result.StdoutLines[^2].ShouldMatch(@"^Reverted 2 \(Add profiles\.openrouter_preset\) in \d+ ms$");
        result.StdoutLines[^1].ShouldBe("Version: 2 -> 1");
        result.BackupPath.ShouldNotBeNull().ShouldStartWith($"{database.Path}.v2.");
        database.Backups().ShouldBe([result.BackupPath]);
    }

    [Test]
    public void MigrateDown_WithoutTarget_IsAUsageError()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var before = database.Bytes();

        var result = CliRunner.Run(database, "migrate", "down");

        result.ShouldFailWith(2, "'migrate down' needs a target version: migrate down -t V.");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void Migrate_Preview_PrintsTheSqlAndCreatesNoFile()
    {
        using var database = new TestDatabase();

        var result = CliRunner.Run(database, "migrate", "--preview");

        result.ShouldSucceed();
        result.Stdout.ShouldContain("CREATE TABLE IF NOT EXISTS profiles");
        result.Stdout.ShouldContain("CREATE TABLE \"VersionInfo\"");
        result.StdoutLines[^1].ShouldBe($"Version: 0 -> {Versions.Latest} (preview: nothing was changed)");
        result.Stdout.ShouldContain("Would apply 2 (Add profiles.openrouter_preset)");
        database.Files().ShouldBeEmpty("a preview creates neither the database nor a lock file");
    }

    [Test]
    public void Migrate_PreviewOfAnExistingDatabase_ChangesNoByte()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var before = database.Bytes();

        var result = CliRunner.Run(database, "--preview", "migrate");

        result.ShouldSucceed();
        result.Stdout.ShouldContain("ALTER TABLE profiles ADD COLUMN openrouter_preset");
        result.StdoutLines[^1].ShouldBe($"Version: 1 -> {Versions.Latest} (preview: nothing was changed)");
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void Migrate_PreviewWithOutput_WritesTheSqlToTheFileOnly()
    {
        using var database = new TestDatabase();
        var sqlPath = System.IO.Path.Combine(database.Directory, "plan.sql");

        var result = CliRunner.Run(database, "migrate", "--preview", "-o", sqlPath);

        result.ShouldSucceed();
        File.ReadAllText(sqlPath).ShouldContain("CREATE TABLE IF NOT EXISTS sessions");
        result.Stdout.ShouldNotContain("CREATE TABLE");
        result.StdoutLines[^1].ShouldBe($"SQL: {sqlPath}");
        File.Exists(database.Path).ShouldBeFalse();
    }

    [Test]
    public void Migrate_WithOutput_MigratesAndRecordsTheSqlThatRan()
    {
        using var database = new TestDatabase();
        var sqlPath = System.IO.Path.Combine(database.Directory, "ran.sql");

        var result = CliRunner.Run(database, "migrate", "--output", sqlPath);

        result.ShouldSucceed();
        database.RecordedVersions().ShouldBe(Versions.All);
        var sql = File.ReadAllText(sqlPath);
        sql.ShouldContain("CREATE TABLE IF NOT EXISTS messages");
        sql.ShouldContain("ALTER TABLE profiles ADD COLUMN openrouter_preset");
        result.Stdout.ShouldNotContain("CREATE TABLE");
    }

    [Test]
    public void Migrate_OutputIntoAMissingDirectory_FailsBeforeTouchingTheDatabase()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var before = database.Bytes();
        var sqlPath = System.IO.Path.Combine(database.Directory, "nope", "ran.sql");

        var result = CliRunner.Run(database, "migrate", "-o", sqlPath);

        result.ShouldFailWith(1, $"The directory '{System.IO.Path.GetDirectoryName(sqlPath)}' for --output does not exist.");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void Migrate_OutputCannotBeWrittenAfterTheCommit_WarnsButReportsSuccess()
    {
        using var database = new TestDatabase();

        // /dev/full accepts the open and fails the write: the migration has committed by then.
        var result = CliRunner.Run(database, "migrate", "-o", "/dev/full");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.StdoutLines.ShouldContain($"Version: 0 -> {Versions.Latest}");
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith("warning: the run succeeded, but the SQL could not be written to '/dev/full'");
        database.RecordedVersions().ShouldBe(Versions.All);
    }

    [TestCase("--preview")]
    [TestCase("--no-backup")]
    public void Migrate_OutputNamingTheDatabase_IsRefusedAndTheDatabaseKept(string mode)
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var before = database.Bytes();

        var result = CliRunner.Run(database, "migrate", mode, "-o", database.Path);

        result.ShouldFailWith(2, $"--output '{database.Path}' is the database, one of its files or one of its backups; name another file for the SQL.");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void Migrate_ExistingDatabase_BacksUpFirstUnlessNoBackup()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);

        var backedUp = CliRunner.Run(database, "migrate");
        database.RollbackTo(1);
        var notBackedUp = CliRunner.Run(database, "migrate", "--no-backup");

        backedUp.ShouldSucceed();
        backedUp.BackupPath.ShouldNotBeNull().ShouldStartWith($"{database.Path}.v1.");
        notBackedUp.ShouldSucceed();
        notBackedUp.BackupPath.ShouldBeNull();
        database.Backups().ShouldBe([backedUp.BackupPath]);
    }

    [TestCase("sqlite")]
    [TestCase("SQLite")]
    [TestCase("SQLITE")]
    public void Migrate_SqliteProcessor_IsAcceptedInAnyCase(string processor)
    {
        using var database = new TestDatabase();

        var result = CliRunner.Run(database, "migrate", "-p", processor);

        result.ShouldSucceed();
        database.RecordedVersions().ShouldBe(Versions.All);
    }
}
