using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.Files;

namespace OpenRouterConsole.Migrations.Runner.Backup;

/// <summary>
/// Consistent copies of the database next to it, named <c>console.db.v2.20261124T101500Z.bak</c>.
/// A copy is written under a temporary name and renamed only when complete, so an interrupted
/// backup is never mistaken for a finished one.
/// </summary>
internal static class DatabaseBackup
{
    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const string Extension = ".bak";
    private const string PartialSuffix = ".partial";

    /// <summary>
    /// Copies the open database (its file's bytes under a read transaction, or SQLite's online backup
    /// API for a WAL database or a caller's open transaction) and returns the backup's path, then
    /// prunes old backups; the new one and <paramref name="protectedPath"/> are never pruned.
    /// </summary>
    /// <param name="source">An open connection to the database to copy.</param>
    /// <param name="databasePath">The database's resolved path; the backup is written beside it.</param>
    /// <param name="version">The version the database records, part of the backup's name.</param>
    /// <param name="keep">How many backups to keep after this one is made.</param>
    /// <param name="protectedPath">A backup that pruning must keep (one being restored, say).</param>
    /// <param name="sourceInTransaction">
    /// The caller already holds a transaction on <paramref name="source"/> (and so its locks); the
    /// copy reads inside it.
    /// </param>
    public static string Create(SqliteConnection source, string databasePath, long version, int keep, string? protectedPath = null, bool sourceInTransaction = false)
    {
        var stamp = DateTime.UtcNow.ToString(TimeFormat, CultureInfo.InvariantCulture);
        var finalPath = NextPath(databasePath, version, stamp);
        var partialPath = finalPath + PartialSuffix;
        try
        {
            CreateWithPermissionsOf(databasePath, partialPath);
            if (sourceInTransaction)
            {
                CopyWithBackupApi(source, partialPath);
            }
            else
            {
                CopyUnderReadTransaction(source, databasePath, partialPath);
            }

            File.Move(partialPath, finalPath);
        }
        catch (Exception ex) when (ex is IOException or SqliteException or UnauthorizedAccessException)
        {
            DeleteWithSideFiles(partialPath);
            throw MigrationException.Failed($"Could not back up '{databasePath}' to '{finalPath}': {ex.Message}", ex);
        }

        Prune(databasePath, keep, finalPath, protectedPath);
        return finalPath;
    }

    /// <summary>A new name for a backup being written whose version is not known yet.</summary>
    public static string PartialPathFor(string databasePath) => $"{databasePath}.v-{Guid.NewGuid():N}{Extension}{PartialSuffix}";

    /// <summary>Gives a finished partial backup its final name, then prunes old backups.</summary>
    public static string Complete(string partialPath, string databasePath, long version, int keep, string? protectedPath = null)
    {
        var stamp = DateTime.UtcNow.ToString(TimeFormat, CultureInfo.InvariantCulture);
        var finalPath = NextPath(databasePath, version, stamp);
        File.Move(partialPath, finalPath);
        Prune(databasePath, keep, finalPath, protectedPath);
        return finalPath;
    }

    /// <summary>Deletes a backup file and whatever SQLite left beside it.</summary>
    public static void Delete(string path) => DeleteWithSideFiles(path);

    // The backup API gives up at the first "database is locked". A read transaction taken first
    // through a command waits for a writer as every other step does (the connection's busy
    // timeout), and then holds the snapshot the copy reads. In rollback-journal mode that snapshot is
    // the file itself, held still by the SHARED lock, and its bytes are copied in the kernel (see
    // SqliteFileCopy); a WAL database's committed pages may still be in its -wal file, so the backup
    // API copies it.
    private static void CopyUnderReadTransaction(SqliteConnection source, string databasePath, string partialPath)
    {
        using var command = source.CreateCommand();
        command.CommandText = "BEGIN; SELECT count(*) FROM sqlite_master;";
        command.ExecuteScalar();
        try
        {
            command.CommandText = "PRAGMA journal_mode;";
            var walMode = string.Equals(command.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase);
            if (walMode || !SqliteFileCopy.TryCopy(source, databasePath, partialPath))
            {
                CopyWithBackupApi(source, partialPath);
            }
        }
        finally
        {
            command.CommandText = "ROLLBACK;";
            command.ExecuteNonQuery();
        }
    }

    private static void CopyWithBackupApi(SqliteConnection source, string partialPath)
    {
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partialPath, Pooling = false }.ConnectionString);
        destination.Open();
        source.BackupDatabase(destination);
    }

    /// <summary>
    /// Creates an empty file at <paramref name="path"/> with the database file's permissions, so a
    /// private database never gets a world-readable copy (the umask would otherwise decide).
    /// </summary>
    public static void CreateWithPermissionsOf(string databasePath, string path)
    {
        using (new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
        }

        if (!OperatingSystem.IsWindows() && File.Exists(databasePath))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(databasePath));
        }
    }

    /// <summary>
    /// The database's complete backups, newest first by the UTC time in their names (file times can
    /// be wrong after a copy or a clock change; the name is what the backup says of itself).
    /// </summary>
    public static IReadOnlyList<string> List(string databasePath)
    {
        var name = BackupName(databasePath);
        return Directory.EnumerateFiles(Path.GetDirectoryName(databasePath)!, Path.GetFileName(databasePath) + ".v*" + Extension)
            .Select(path => (Path: path, Match: name.Match(Path.GetFileName(path))))
            .Where(file => file.Match.Success)
            .OrderByDescending(file => file.Match.Groups["stamp"].Value, StringComparer.Ordinal)
            .ThenByDescending(file => file.Match.Groups["n"].Success ? int.Parse(file.Match.Groups["n"].Value, CultureInfo.InvariantCulture) : 0)
            .Select(file => file.Path)
            .ToArray();
    }

    /// <summary>
    /// True when <paramref name="path"/> (resolved) is one of the database's backups, finished,
    /// partial or set aside by a restore, by name or by identity with an existing one.
    /// </summary>
    public static bool IsBackupOf(string databasePath, string path)
    {
        var name = Path.GetFileName(databasePath);
        var fileName = Path.GetFileName(path);
        if (Path.GetDirectoryName(path) == Path.GetDirectoryName(databasePath)
            && fileName.StartsWith(name + ".", StringComparison.Ordinal)
            && (fileName.Contains(Extension, StringComparison.Ordinal) || fileName.StartsWith(name + ".damaged-", StringComparison.Ordinal)))
        {
            return true;
        }

        return FileIdentity.Of(path) is { } identity && List(databasePath).Any(backup => FileIdentity.Of(backup) == identity);
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> backups (and the protected ones), and any leftover partial ones.</summary>
    public static void Prune(string databasePath, int keep, params string?[] protectedPaths)
    {
        // Best effort: a backup that cannot be deleted must not stop the migration it protects.
        // Protected by identity: a path spelled through a link still names the file it is.
        var protectedIdentities = protectedPaths.OfType<string>().Select(FileIdentity.Of).OfType<FileIdentity>().ToArray();
        foreach (var old in List(databasePath).Skip(Math.Max(keep, 1))
                     .Where(path => !protectedPaths.Contains(path) && !(FileIdentity.Of(path) is { } identity && protectedIdentities.Contains(identity))))
        {
            DeleteWithSideFiles(old);
        }

        var directory = Path.GetDirectoryName(databasePath)!;
        foreach (var partial in Directory.EnumerateFiles(directory, Path.GetFileName(databasePath) + ".v*" + Extension + PartialSuffix))
        {
            DeleteWithSideFiles(partial);
        }
    }

    // Backups made within one second get -1, -2, ... whatever their version, so that the name alone
    // orders them.
    private static string NextPath(string databasePath, long version, string stamp)
    {
        var sameSecond = List(databasePath)
            .Select(path => BackupName(databasePath).Match(Path.GetFileName(path)))
            .Where(match => match.Groups["stamp"].Value == stamp)
            .Select(match => match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : 0)
            .DefaultIfEmpty(-1)
            .Max();
        var suffix = sameSecond < 0 ? string.Empty : $"-{sameSecond + 1}";
        return $"{databasePath}.v{version}.{stamp}{suffix}{Extension}";
    }

    private static Regex BackupName(string databasePath) =>
        new($@"^{Regex.Escape(Path.GetFileName(databasePath))}\.v[0-9]+\.(?<stamp>[0-9]{{8}}T[0-9]{{6}}Z)(-(?<n>[0-9]{{1,9}}))?{Regex.Escape(Extension)}$");

    // SQLite may leave -journal (an interrupted copy) or -wal/-shm (a WAL-format backup once opened) beside a file.
    private static void DeleteWithSideFiles(string path)
    {
        foreach (var file in DatabaseFile.SideFileSuffixes.Select(suffix => path + suffix).Prepend(path))
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
