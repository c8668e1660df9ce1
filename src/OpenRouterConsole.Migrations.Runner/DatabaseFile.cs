using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.Files;
using OpenRouterConsole.Migrations.Runner.Schema;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// The database file a connection string points at, checked before anything opens it, so that bad
/// input fails with a plain message and never creates or touches a file.
/// </summary>
internal sealed class DatabaseFile
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>The files SQLite may keep beside a database: they belong with it wherever it goes.</summary>
    public static readonly string[] SideFileSuffixes = ["-journal", "-wal", "-shm"];

    private readonly bool _namesOnlyTheFile;

    private DatabaseFile(string path, SqliteConnectionStringBuilder settings, bool namesOnlyTheFile)
    {
        Path = path;
        Settings = settings;
        _namesOnlyTheFile = namesOnlyTheFile;
    }

    /// <summary>
    /// Absolute path of the database file, symlinks and <c>..</c> resolved as the kernel and SQLite
    /// resolve them: the lock, backups, restore and every guard use this one path.
    /// </summary>
    public string Path { get; }

    /// <summary>The caller's connection string, parsed; kept so that options such as a password survive.</summary>
    public SqliteConnectionStringBuilder Settings { get; }

    public bool Exists => File.Exists(Path);

    /// <summary>The connection string says Mode=ReadOnly: nothing may change the file.</summary>
    public bool IsReadOnlyConnection => Settings.Mode == SqliteOpenMode.ReadOnly;

    /// <summary>True when <paramref name="path"/> names this database or one of SQLite's files beside it.</summary>
    public bool IsDatabaseOrSideFile(string path)
    {
        var resolved = PhysicalPath.Resolve(path);
        return SideFileSuffixes.Prepend(string.Empty).Any(suffix =>
            resolved == Path + suffix || FileIdentity.SameFile(resolved, Path + suffix));
    }

    /// <summary>True when the file exists and holds at least one page (a 0-byte file is an empty database).</summary>
    public bool HasContent => Exists && new FileInfo(Path).Length > 0;

    /// <summary>Connection string for our own connections: never pooled, so the file is released on dispose.</summary>
    public string ConnectionString(SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
    {
        var effective = mode == SqliteOpenMode.ReadOnly ? ReadingMode : mode;
        if (_namesOnlyTheFile)
        {
            return PlainConnectionString(Path, effective);
        }

        return new SqliteConnectionStringBuilder(Settings.ConnectionString)
        {
            DataSource = Path,
            Mode = effective,
            Pooling = false,
        }.ConnectionString;
    }

    // What SqliteConnectionStringBuilder writes for Data Source, Mode and Pooling=False, quoted by the
    // same DbConnectionStringBuilder rule, without its serialisation: that JIT-compiles 7 methods of
    // Microsoft.Data.Sqlite (not ReadyToRun) at a host's first start. ConnectionStringTests compare both.
    internal static string PlainConnectionString(string path, SqliteOpenMode mode)
    {
        var text = new System.Text.StringBuilder(path.Length + 48);
        System.Data.Common.DbConnectionStringBuilder.AppendKeyValuePair(text, "Data Source", path);
        text.Append(mode switch
        {
            SqliteOpenMode.ReadOnly => ";Mode=ReadOnly",
            SqliteOpenMode.ReadWrite => ";Mode=ReadWrite",
            SqliteOpenMode.Memory => ";Mode=Memory",
            _ => ";Mode=ReadWriteCreate",
        });
        text.Append(";Pooling=False");
        return text.ToString();
    }

    // "Data Source=FILE" and no other key (the usual connection string): nothing of the caller's to keep.
    internal static bool NamesOnlyTheFile(string connectionString)
    {
        var text = connectionString.AsSpan().Trim().TrimEnd(';').TrimEnd();
        var equals = text.IndexOf('=');
        return equals > 0
            && text.IndexOfAny(';', '"', '\'') < 0
            && text[(equals + 1)..].IndexOf('=') < 0
            && text[..equals].Trim().Equals("Data Source", StringComparison.OrdinalIgnoreCase);
    }

    // How to open the file only to read it. A process killed mid-transaction leaves a hot journal
    // that the next reader must roll back, which a read-only connection cannot do ("attempt to write
    // a readonly database"); and a read-only connection to a WAL database leaves the -wal and -shm
    // files it had to create behind, where the last read-write connection removes them on close.
    // So a read-write connection reads, unless another connection's WAL files are already there
    // (closing ours last would checkpoint their data into the file). Nothing is written either way;
    // SQLite falls back to read-only by itself when the file or its mount is read-only.
    private SqliteOpenMode ReadingMode =>
        File.Exists(Path + "-journal") || !(File.Exists(Path + "-wal") || File.Exists(Path + "-shm"))
            ? SqliteOpenMode.ReadWrite
            : SqliteOpenMode.ReadOnly;

    public SqliteConnection Open(SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
    {
        var connection = new SqliteConnection(ConnectionString(mode));
        connection.Open();
        return connection;
    }

    /// <summary>The live schema, read only; a missing or empty file has none (and is not created).</summary>
    public SchemaSnapshot ReadSchema()
    {
        if (!HasContent)
        {
            return SchemaSnapshot.Empty;
        }

        try
        {
            using var connection = Open(SqliteOpenMode.ReadOnly);
            return SchemaSnapshot.Read(connection);
        }
        catch (SqliteException ex)
        {
            throw Explain(ex, "read the schema of");
        }
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

        if (!string.IsNullOrEmpty(settings.Password))
        {
            throw MigrationException.Usage(
                "The connection string sets Password=, but the bundled SQLite does not support encryption; remove it (nothing was created).");
        }

        return new DatabaseFile(PhysicalPath.Resolve(dataSource), settings, NamesOnlyTheFile(connectionString));
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

    /// <summary>True when SQLite found the file damaged or not a database at all.</summary>
    public static bool IsDamaged(SqliteException error) => error.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase;

    /// <summary>True when another connection holds a lock the operation waited for in vain.</summary>
    public static bool IsBusy(SqliteException error) => error.SqliteErrorCode is SqliteBusy or SqliteLocked;

    /// <summary>
    /// Turns SQLite's verdict on the file into a plain message. The file is never opened outside
    /// SQLite: on Unix, closing any descriptor of a file drops every POSIX lock the process holds on
    /// it, SQLite's included. SQLite itself refuses a file that is not a database (NOTADB) and one
    /// whose header claims more pages than it has (CORRUPT), after rolling back any hot journal.
    /// Only those two verdicts are called damage: a busy database is healthy, merely in use.
    /// </summary>
    public MigrationException Explain(SqliteException error, string doing) => error.SqliteErrorCode switch
    {
        SqliteNotADatabase => MigrationException.Failed($"'{Path}' is not a SQLite database.", error),
        SqliteCorrupt => MigrationException.Failed(
            $"'{Path}' is corrupted or truncated ({error.Message.TrimEnd('.')}). Restore it from a backup; nothing was changed.", error),
        SqliteBusy or SqliteLocked => MigrationException.Failed(
            $"Cannot {doing} '{Path}': another connection kept it locked longer than the busy timeout ({error.Message.TrimEnd('.')}); nothing was changed. Try again when it is idle.", error),
        _ => MigrationException.Failed($"Cannot {doing} '{Path}': {error.Message.TrimEnd('.')}.", error),
    };

    /// <summary>Checks that the file exists: every verb but migrate needs a database to work on.</summary>
    public void EnsureExists(string verb)
    {
        EnsureReadable();
        if (!Exists)
        {
            throw MigrationException.Failed($"'{Path}' does not exist; nothing to {verb} (check the path).");
        }
    }

    /// <summary>
    /// Checks that the file and its directory can be written (even by root, who ignores permissions),
    /// and that the connection string allows it: Mode=ReadOnly forbids any change, and Mode=ReadWrite
    /// forbids creating the file, as SQLite itself would.
    /// </summary>
    public void EnsureWritable(string action = "change it")
    {
        EnsureReadable();
        if (IsReadOnlyConnection)
        {
            throw MigrationException.Failed($"Refusing to {action}: the connection string opens '{Path}' read-only (Mode=ReadOnly); nothing was changed.");
        }

        if (Settings.Mode == SqliteOpenMode.ReadWrite && !Exists)
        {
            throw MigrationException.Failed($"'{Path}' does not exist, and the connection string (Mode=ReadWrite) does not allow creating it.");
        }

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
