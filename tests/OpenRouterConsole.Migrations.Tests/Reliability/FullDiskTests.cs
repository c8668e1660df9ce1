using System.Diagnostics;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reliability;

/// <summary>A disk that fills up during the backup, simulated with a 1 MiB tmpfs (needs root, as in CI).</summary>
[NonParallelizable]
public sealed class FullDiskTests
{
    [Test]
    public void Migrate_DiskFullDuringBackup_FailsClearlyLeavesNoPartialBackupAndChangesNothing()
    {
        using var scratch = new TestDatabase();
        var mountPoint = Path.Combine(scratch.Directory, "tiny");
        Directory.CreateDirectory(mountPoint);
        if (Run("mount", $"-t tmpfs -o size=1m tmpfs {mountPoint}") != 0)
        {
            Assert.Ignore("Cannot mount a tmpfs here (not root?); the full-disk case is not exercised.");
        }

        try
        {
            var databasePath = Path.Combine(mountPoint, "console.db");
            var migrator = new ConsoleMigrator(new MigrationOptions { ConnectionString = $"Data Source={databasePath};Pooling=False", BackupEnabled = false });
            migrator.Migrate(1);
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                // About 600 KiB of data: the file fits on the 1 MiB disk, a second copy does not.
                command.CommandText = "INSERT INTO profiles (name, system_prompt) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) SELECT 'p' || i, printf('%.500c', 'x') FROM n";
                command.ExecuteNonQuery();
            }

            var bytesBefore = File.ReadAllBytes(databasePath);
            var withBackup = new ConsoleMigrator(new MigrationOptions { ConnectionString = $"Data Source={databasePath}" });

            var error = Should.Throw<MigrationException>(() => withBackup.Migrate());

            error.Message.ShouldContain("Could not back up");
            error.Message.ShouldContain("full");
            File.ReadAllBytes(databasePath).ShouldBe(bytesBefore);
            // The lock file stays by design (deleting a lock file others may have open is racy).
            Directory.GetFiles(mountPoint).Select(Path.GetFileName).Order().ShouldBe(["console.db", "console.db.migrate.lock"]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", mountPoint);
        }
    }

    private static int Run(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
