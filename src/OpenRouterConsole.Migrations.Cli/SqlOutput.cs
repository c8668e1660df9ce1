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
    private readonly StringWriter? _buffer;

    private SqlOutput(FileInfo? file, TextWriter? writer)
    {
        _file = file;
        _buffer = writer as StringWriter;
        Writer = writer;
    }

    /// <summary>The writer to hand to <see cref="ConsoleMigrator"/>; null when no SQL is wanted.</summary>
    public TextWriter? Writer { get; }

    /// <param name="databasePath">The SQLite file; null for a database on a server.</param>
    public static SqlOutput Create(FileInfo? file, bool preview, TextWriter stdout, string? databasePath)
    {
        if (file is null)
        {
            return new SqlOutput(null, preview ? stdout : null);
        }

        // "-o console.db" typed for "-c ..." would overwrite the database with SQL text.
        string[] databaseFiles = databasePath is null
            ? []
            :
            [
                databasePath, .. DatabaseFile.SideFileSuffixes.Select(suffix => databasePath + suffix),
                MigrationLock.LockPathFor(databasePath), MigrationLock.OwnerPathFor(databasePath),
            ];
        if (databaseFiles.Contains(file.FullName, StringComparer.Ordinal))
        {
            throw new UsageException($"--output '{file.FullName}' is the database or one of its files; name another file for the SQL.");
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

        return new SqlOutput(file, new StringWriter());
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

        try
        {
            File.WriteAllText(_file.FullName, _buffer.ToString());
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
