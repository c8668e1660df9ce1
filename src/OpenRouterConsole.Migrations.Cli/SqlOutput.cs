using OpenRouterConsole.Migrations.Runner.Backup;
using OpenRouterConsole.Migrations.Runner.Files;
using OpenRouterConsole.Migrations.Runner.Locking;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Cli;

/// <summary>
/// Where the SQL of a migrate or rollback goes: the console for a plain --preview, a file for -o,
/// nowhere otherwise. The file is written only once the run succeeded, so a failed run leaves no
/// half-written script that looks like a record of what happened.
/// </summary>
internal sealed class SqlOutput
{
    private readonly FileInfo? _file;
    private readonly DatabaseFile? _database;
    private readonly StringWriter? _buffer;

    private SqlOutput(FileInfo? file, DatabaseFile? database, TextWriter? writer)
    {
        _file = file;
        _database = database;
        _buffer = writer as StringWriter;
        Writer = writer;
    }

    /// <summary>The writer to hand to <see cref="ConsoleMigrator"/>; null when no SQL is wanted.</summary>
    public TextWriter? Writer { get; }

    /// <param name="database">The SQLite file; null for a database on a server (no file that -o could overwrite).</param>
    public static SqlOutput Create(FileInfo? file, bool preview, TextWriter stdout, DatabaseFile? database)
    {
        if (file is null)
        {
            return new SqlOutput(null, null, preview ? stdout : null);
        }

        // "-o console.db" typed for "-c ..." would overwrite the database with SQL text.
        if (database is not null && IsDatabaseFile(file, database))
        {
            throw new MigrationException(MigrationErrorKind.Usage, $"--output '{file.FullName}' is the database, one of its files or one of its backups; name another file for the SQL.");
        }

        // Check the destination up front: finding it unwritable after a migration would be too late.
        if (Directory.Exists(file.FullName))
        {
            throw new MigrationException(MigrationErrorKind.Failed, $"The --output path '{file.FullName}' is a directory.");
        }

        if (file.Directory is { Exists: false } directory)
        {
            throw new MigrationException(MigrationErrorKind.Failed, $"The directory '{directory.FullName}' for --output does not exist.");
        }

        return new SqlOutput(file, database, new StringWriter());
    }

    // By what the file is, not how it is spelled: through a symlinked folder, `..` after a link,
    // or a hard link, the database is still the database.
    private static bool IsDatabaseFile(FileInfo file, DatabaseFile database)
    {
        var resolved = PhysicalPath.Resolve(file.ToString());
        string[] lockFiles = [MigrationLock.LockPathFor(database.Path), MigrationLock.OwnerPathFor(database.Path)];
        return database.IsDatabaseOrSideFile(resolved)
               || lockFiles.Any(path => path == resolved || FileIdentity.SameFile(path, resolved))
               || DatabaseBackup.IsBackupOf(database.Path, resolved);
    }

    /// <summary>
    /// Writes the buffered SQL to the file, if one was asked for; returns its path, or null with
    /// <paramref name="failure"/> set when the file could not be written.
    /// </summary>
    public string? Complete(out string? failure)
    {
        failure = null;
        if (_file is null || _buffer is null)
        {
            return null;
        }

        // Checked again: the run may have made a backup since, and the name may now lead elsewhere.
        if (_database is not null && IsDatabaseFile(_file, _database))
        {
            failure = $"the run succeeded, but '{_file.FullName}' is now the database, one of its files or one of its backups; the SQL was not written";
            return null;
        }

        try
        {
            // The path as the kernel resolves it (FullName would drop `..` as text, after a link).
            File.WriteAllText(PhysicalPath.Resolve(_file.ToString()), _buffer.ToString());
            return _file.FullName;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The migration has committed by now: reporting it as failed would be a lie.
            failure = $"the run succeeded, but the SQL could not be written to '{_file.FullName}': {ex.Message}";
            return null;
        }
    }
}
