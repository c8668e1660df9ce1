using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Cli;

/// <summary>
/// The -o file that receives the SQL of a migrate or rollback. It is written only once the run
/// succeeded, so a failed run leaves no half-written script that looks like a record of what happened.
/// </summary>
internal sealed class SqlOutput
{
    private readonly FileInfo? _file;
    private readonly ConsoleMigrator _migrator;

    private SqlOutput(FileInfo? file, ConsoleMigrator migrator)
    {
        _file = file;
        _migrator = migrator;
    }

    /// <summary>Checks the -o destination before the run: finding it wrong after a migration would be too late.</summary>
    public static SqlOutput Create(FileInfo? file, ConsoleMigrator migrator)
    {
        if (file is null)
        {
            return new SqlOutput(null, migrator);
        }

        // "-o console.db" typed for "-c ..." would overwrite the database with SQL text.
        if (migrator.BelongsToDatabase(file.ToString()))
        {
            throw new MigrationException(MigrationErrorKind.Usage, $"--output '{file.FullName}' is the database, one of its files or one of its backups; name another file for the SQL.");
        }

        if (Directory.Exists(file.FullName))
        {
            throw new MigrationException(MigrationErrorKind.Failed, $"The --output path '{file.FullName}' is a directory.");
        }

        if (file.Directory is { Exists: false } directory)
        {
            throw new MigrationException(MigrationErrorKind.Failed, $"The directory '{directory.FullName}' for --output does not exist.");
        }

        return new SqlOutput(file, migrator);
    }

    /// <summary>
    /// Writes <paramref name="sql"/> to the file, if one was asked for; returns its path, or null with
    /// <paramref name="failure"/> set when the file could not be written.
    /// </summary>
    public string? Complete(string? sql, out string? failure)
    {
        failure = null;
        if (_file is null)
        {
            return null;
        }

        // Checked again: the run may have made a backup since, and the name may now lead elsewhere.
        if (_migrator.BelongsToDatabase(_file.ToString()))
        {
            failure = $"the run succeeded, but '{_file.FullName}' is now the database, one of its files or one of its backups; the SQL was not written";
            return null;
        }

        try
        {
            // The path as typed, for the kernel to resolve (FullName would drop `..` as text, after a link).
            File.WriteAllText(_file.ToString(), sql ?? string.Empty);
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
