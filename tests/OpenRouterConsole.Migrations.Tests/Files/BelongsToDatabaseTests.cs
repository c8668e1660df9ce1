using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Files;

/// <summary>
/// ConsoleMigrator.BelongsToDatabase: the files a caller must not overwrite (the tool's -o guard),
/// recognised by what they are, not how they are spelled.
/// </summary>
public sealed class BelongsToDatabaseTests
{
    [Test]
    public void TheDatabaseItsSideFilesAndItsLockFiles_Belong()
    {
        using var database = new TestDatabase();
        var migrator = database.Migrator();

        migrator.BelongsToDatabase(database.Path).ShouldBeTrue();
        migrator.BelongsToDatabase(database.Path + "-wal").ShouldBeTrue();
        migrator.BelongsToDatabase(database.Path + ".migrate.lock").ShouldBeTrue();
        migrator.BelongsToDatabase(database.Path + ".migrate.lock.owner").ShouldBeTrue();
    }

    [Test]
    public void ABackup_ReachedThroughASymlinkedFolder_Belongs()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var backup = database.Migrator(o => o.BackupEnabled = true).Migrate().BackupPath.ShouldNotBeNull();
        var link = Path.Combine(Path.GetTempPath(), $"orc-link-{Guid.NewGuid():N}");
        Directory.CreateSymbolicLink(link, database.Directory);
        try
        {
            database.Migrator().BelongsToDatabase(Path.Combine(link, Path.GetFileName(backup))).ShouldBeTrue();
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Test]
    public void AHardLinkOfTheDatabase_Belongs()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var hardLink = Path.Combine(database.Directory, "other-name.sql");
        Shell.HardLink(database.Path, hardLink);

        database.Migrator().BelongsToDatabase(hardLink).ShouldBeTrue();
    }

    [Test]
    public void AnotherFileBesideIt_DoesNotBelong()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);

        database.Migrator().BelongsToDatabase(Path.Combine(database.Directory, "plan.sql")).ShouldBeFalse();
    }

    [Test]
    public void APostgresDatabase_HasNoFiles()
    {
        var migrator = new ConsoleMigrator(new MigrationOptions { ConnectionString = "Host=localhost;Database=console" });

        migrator.BelongsToDatabase("console.db").ShouldBeFalse();
    }
}
