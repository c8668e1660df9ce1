using Microsoft.Data.Sqlite;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// The database file a connection string points at, checked before anything opens it, so that bad
/// input fails with a plain message and never creates or touches a file.
/// </summary>
internal sealed class DatabaseFile
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>The files SQLite may keep beside a database: they belong with it wherever it goes.</summary>
    public static readonly string[] SideFileSuffixes = ["-journal", "-wal", "-shm"];

    private DatabaseFile(string path, SqliteConnectionStringBuilder settings)
    {
        Path = path;
        Settings = settings;
    }

    /// <summary>Absolute path of the database file.</summary>
    public string Path { get; }

    /// <summary>The caller's connection string, parsed; kept so that options such as a password survive.</summary>
    public SqliteConnectionStringBuilder Settings { get; }

    public bool Exists => File.Exists(Path);

    /// <summary>True when the file exists and holds at least one page (a 0-byte file is an empty database).</summary>
    public bool HasContent => Exists && new FileInfo(Path).Length > 0;

    /// <summary>Connection string for our own connections: never pooled, so the file is released on dispose.</summary>
    public string ConnectionString(SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate) =>
        new SqliteConnectionStringBuilder(Settings.ConnectionString)
        {
            DataSource = Path,
            Mode = mode == SqliteOpenMode.ReadOnly && HasJournal ? SqliteOpenMode.ReadWrite : mode,
            Pooling = false,
        }.ConnectionString;

    // A process killed mid-transaction leaves a hot journal that the next reader must roll back,
    // which a read-only connection cannot do ("attempt to write a readonly database"). Reading
    // through a read-write connection restores the last committed state, as any SQLite reader would.
    private bool HasJournal => File.Exists(Path + "-journal");

    public SqliteConnection Open(SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
    {
        var connection = new SqliteConnection(ConnectionString(mode));
        connection.Open();
        return connection;
    }

    /// <summary>Parses and checks a connection string; throws <see cref="MigrationException"/> on bad input.</summary>
    public static DatabaseFile Resolve(string connectionString)
    {
        SqliteConnectionStringBuilder settings;
        try
        {
            settings = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw MigrationException.Usage($"Malformed connection string '{connectionString}': {ex.Message}");
        }

        var dataSource = settings.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource))
        {
            throw MigrationException.Usage($"The connection string '{connectionString}' names no database: Data Source=FILE for SQLite, Host=SERVER;Database=NAME for PostgreSQL.");
        }

        if (dataSource == ":memory:" || settings.Mode == SqliteOpenMode.Memory)
        {
            throw MigrationException.Usage(
                "The connection string points at an in-memory database; nothing migrated there would persist. Name a database file.");
        }

        if (dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw MigrationException.Usage($"URI file names ('{dataSource}') are not supported; give a plain path.");
        }

        var path = System.IO.Path.GetFullPath(dataSource);
        return new DatabaseFile(path, settings);
    }

    /// <summary>Checks the path: its directory exists and it is not itself a directory (the file may be missing or empty).</summary>
    public void EnsureReadable()
    {
        if (Directory.Exists(Path))
        {
            throw MigrationException.Failed($"'{Path}' is a directory, not a database file.");
        }

        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(directory))
        {
            throw MigrationException.Failed($"The directory '{directory}' does not exist.");
        }
    }

    /// <summary>
    /// Turns SQLite's verdict on the file into a plain message. The file is never opened outside
    /// SQLite: on Unix, closing any descriptor of a file drops every POSIX lock the process holds on
    /// it, SQLite's included. SQLite itself refuses a file that is not a database (NOTADB) and one
    /// whose header claims more pages than it has (CORRUPT), after rolling back any hot journal.
    /// </summary>
    /// <summary>True when SQLite found the file damaged or not a database at all.</summary>
    public static bool IsDamaged(SqliteException error) => error.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase;

    public MigrationException Explain(SqliteException error, string doing) => error.SqliteErrorCode switch
    {
        SqliteNotADatabase => MigrationException.Failed($"'{Path}' is not a SQLite database.", error),
        SqliteCorrupt => MigrationException.Failed(
            $"'{Path}' is corrupted or truncated ({error.Message.TrimEnd('.')}). Restore it from a backup; nothing was changed.", error),
        _ => MigrationException.Failed($"Cannot {doing} '{Path}': {error.Message}", error),
    };

    /// <summary>Checks that the file and its directory can be written (even by root, who ignores permissions).</summary>
    public void EnsureWritable()
    {
        EnsureReadable();
        if (Exists && IsReadOnly(Path))
        {
            throw MigrationException.Failed($"The database file '{Path}' is read-only.");
        }

        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (IsReadOnly(directory))
        {
            throw MigrationException.Failed($"The directory '{directory}' is read-only; SQLite needs it for its journal.");
        }
    }

    private static bool IsReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.Exists(path) && new FileInfo(path).IsReadOnly;
        }

        const UnixFileMode anyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        return (File.GetUnixFileMode(path) & anyWrite) == 0;
    }
}
