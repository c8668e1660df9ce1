using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace OpenRouterConsole.Migrations.Runner;

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
    /// Copies the open database with SQLite's online backup API and returns the backup's path, then
    /// prunes old backups; the new one and <paramref name="protectedPath"/> are never pruned.
    /// </summary>
    public static string Create(SqliteConnection source, string databasePath, long version, int keep, string? protectedPath = null)
    {
        var stamp = DateTime.UtcNow.ToString(TimeFormat, CultureInfo.InvariantCulture);
        var finalPath = NextPath(databasePath, version, stamp);
        var partialPath = finalPath + PartialSuffix;
        try
        {
            using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partialPath, Pooling = false }.ConnectionString))
            {
                destination.Open();
                source.BackupDatabase(destination);
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

    /// <summary>Deletes all but the newest <paramref name="keep"/> backups (and the protected ones), and any leftover partial ones.</summary>
    public static void Prune(string databasePath, int keep, params string?[] protectedPaths)
    {
        // Best effort: a backup that cannot be deleted must not stop the migration it protects.
        foreach (var old in List(databasePath).Skip(Math.Max(keep, 1)).Where(path => !protectedPaths.Contains(path)))
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
