using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary>What the connection string says is honoured: Mode, Password, and the file's permissions.</summary>
public sealed class ConnectionStringTests
{
    [TestCase("rollback")]
    [TestCase("migrate")]
    public void ModeReadOnly_AChangingVerb_IsRefusedAndTheFileUnchanged(string verb)
    {
        using var database = new TestDatabase();
        database.MigrateTo(verb == "migrate" ? 1 : 2);
        var before = database.Bytes();

        var result = CliRunner.Run(verb, "-c", database.ConnectionString + ";Mode=ReadOnly");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldContain("(Mode=ReadOnly)");
        database.Bytes().ShouldBe(before);
        database.Backups().ShouldBeEmpty();
    }

    [Test]
    public void ModeReadOnly_RestoreIsRefused()
    {
        using var database = new TestDatabase();
        using var backup = new TestDatabase();
        database.MigrateToLatest();
        backup.MigrateTo(1);
        var before = database.Bytes();

        var result = CliRunner.Run("restore", backup.Path, "-c", database.ConnectionString + ";Mode=ReadOnly");

        result.ExitCode.ShouldBe(1, result.ToString());
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void ModeReadOnly_ReadingVerbsWork()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var connection = database.ConnectionString + ";Mode=ReadOnly";

        CliRunner.Run("list", "migrations", "-c", connection).ShouldSucceed();
        CliRunner.Run("verify", "-c", connection).ShouldSucceed();
        CliRunner.Run("migrate", "--preview", "-c", connection).ShouldSucceed();
    }

    [Test]
    public void ModeReadWrite_MissingFile_IsNotCreated()
    {
        using var database = new TestDatabase();

        var result = CliRunner.Run("migrate", "-c", database.ConnectionString + ";Mode=ReadWrite");

        result.ShouldFailWith(1, $"'{database.Path}' does not exist, and the connection string (Mode=ReadWrite) does not allow creating it.");
        database.Files().ShouldBeEmpty();
    }

    [Test]
    public void ModeReadWrite_ExistingFile_IsMigrated()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);

        CliRunner.Run("migrate", "--no-backup", "-c", database.ConnectionString + ";Mode=ReadWrite").ShouldSucceed();

        database.RecordedVersions().ShouldBe(Versions.All);
    }

    [TestCase("migrate")]
    [TestCase("verify")]
    public void Password_IsRefusedWithASentenceAndCreatesNothing(string verb)
    {
        using var database = new TestDatabase();

        var result = CliRunner.Run(verb, "-c", database.ConnectionString + ";Password=secret");

        result.ShouldFailWith(2, "The connection string sets Password=, but the bundled SQLite does not support encryption; remove it (nothing was created).");
        database.Files().ShouldBeEmpty();
    }

    [TestCase("migrate")]
    [TestCase("restore")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Backup_OfAPrivateDatabase_IsAsPrivate(string verb)
    {
        using var database = new TestDatabase();
        using var source = new TestDatabase();
        source.MigrateTo(1);
        database.MigrateTo(1);
        database.Execute("INSERT INTO profiles (name) VALUES ('secret')");
        const UnixFileMode privateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.SetUnixFileMode(database.Path, privateMode);

        var result = verb == "migrate" ? CliRunner.Run(database, "migrate") : CliRunner.Run(database, "restore", source.Path);

        result.ShouldSucceed();
        var backup = result.BackupPath.ShouldNotBeNull();
        File.GetUnixFileMode(backup).ShouldBe(privateMode);
        File.GetUnixFileMode(database.Path).ShouldBe(privateMode);
    }
}
