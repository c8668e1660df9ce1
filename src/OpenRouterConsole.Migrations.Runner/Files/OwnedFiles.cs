using OpenRouterConsole.Migrations.Runner.Backup;
using OpenRouterConsole.Migrations.Runner.Locking;

namespace OpenRouterConsole.Migrations.Runner.Files;

/// <summary>
/// Every file that belongs to a database: the file itself, SQLite's files beside it, the migration
/// lock's files, and its backups. Compared by what a path is, not how it is spelled: through a
/// symlinked folder, <c>..</c> after a link, or a hard link, the database is still the database.
/// </summary>
internal static class OwnedFiles
{
    public static bool Contains(DatabaseFile database, string path)
    {
        var resolved = PhysicalPath.Resolve(path);
        string[] lockFiles = [MigrationLock.LockPathFor(database.Path), MigrationLock.OwnerPathFor(database.Path)];
        return database.IsDatabaseOrSideFile(resolved)
               || lockFiles.Any(lockFile => lockFile == resolved || FileIdentity.SameFile(lockFile, resolved))
               || DatabaseBackup.IsBackupOf(database.Path, resolved);
    }
}
