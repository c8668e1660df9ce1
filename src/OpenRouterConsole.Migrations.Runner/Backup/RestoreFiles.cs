using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.Files;

namespace OpenRouterConsole.Migrations.Runner.Backup;

/// <summary>
/// The database a restore replaces and the backup it restores, both checked before the lock is
/// taken: a wrong argument fails with a plain message and touches nothing.
/// </summary>
internal sealed record RestoreFiles(DatabaseFile Database, DatabaseFile Backup)
{
    public static RestoreFiles Check(string connectionString, string backupPath)
    {
        var database = DatabaseFile.Resolve(connectionString);
        database.EnsureWritable("restore");
        database.EnsureExists("restore");
        var backup = DatabaseFile.Resolve(new SqliteConnectionStringBuilder { DataSource = backupPath }.ConnectionString);
        if (!backup.HasContent)
        {
            throw MigrationException.Usage($"The backup '{backup.Path}' does not exist or is empty.");
        }

        if (backup.Path == database.Path || FileIdentity.SameFile(backup.Path, database.Path))
        {
            throw MigrationException.Usage($"'{backup.Path}' is the database itself; name a backup file to restore.");
        }

        return new RestoreFiles(database, backup);
    }
}
