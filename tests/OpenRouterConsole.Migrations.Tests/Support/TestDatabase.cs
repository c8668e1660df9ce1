using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Schema;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>A real SQLite file in a directory of its own, deleted with the test.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase(string fileName = "console.db")
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orc-migrations-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, fileName);
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>Pooling off, so no connection outlives its test and the file can be deleted.</summary>
    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ConnectionString;

    public ConsoleMigrator Migrator(Action<MigrationOptions>? configure = null)
    {
        var options = new MigrationOptions { ConnectionString = ConnectionString, BackupEnabled = false };
        configure?.Invoke(options);
        return new ConsoleMigrator(options);
    }

    public MigrationReport MigrateTo(long version) => Migrator().Migrate(version);

    public MigrationReport MigrateToLatest() => Migrator().Migrate();

    public MigrationReport RollbackTo(long version) => Migrator().Rollback(RollbackTarget.To(version));

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void ExecuteFixture(string fileName) => Execute(Fixtures.Read(fileName));

    public T Scalar<T>(string sql)
    {
        using var connection = Open();
        return SqlReads.Scalar<T>(connection, sql);
    }

    public IReadOnlyList<long> RecordedVersions()
    {
        using var connection = Open();
        return SqliteMigrationHistory.Read(connection).Select(a => a.Version).ToArray();
    }

    internal SchemaSnapshot Schema()
    {
        using var connection = Open();
        return SchemaSnapshot.Read(connection);
    }

    public IReadOnlyList<string> ApplicationTables() => Schema().Tables.Select(t => t.Name).ToArray();

    public byte[] Bytes() => File.ReadAllBytes(Path);

    /// <summary>
    /// Overwrites the root page of <paramref name="table"/> with random bytes (the header and the
    /// schema stay readable, so only a real integrity check finds it) and returns the file's bytes.
    /// </summary>
    public byte[] CorruptRootPageOf(string table)
    {
        var pageSize = Scalar<int>("PRAGMA page_size");
        var rootPage = Scalar<int>($"SELECT rootpage FROM sqlite_master WHERE name = '{table}'");
        var bytes = Bytes();
        new Random(7).NextBytes(bytes.AsSpan((rootPage - 1) * pageSize, pageSize));
        File.WriteAllBytes(Path, bytes);
        return bytes;
    }

    /// <summary>
    /// Makes applying <paramref name="version"/> fail inside its transaction, after its script ran:
    /// a trigger aborts the insert of its version row. The schema does not change, so drift checks pass.
    /// </summary>
    public void FailWhenRecording(long version)
    {
        EnsureVersionTable();
        Execute($"CREATE TRIGGER fail_recording_{version} BEFORE INSERT ON VersionInfo WHEN NEW.Version = {version} " +
                $"BEGIN SELECT RAISE(ABORT, 'injected failure while recording version {version}'); END;");
    }

    /// <summary>Makes reverting <paramref name="version"/> fail inside its transaction, after its down script ran.</summary>
    public void FailWhenForgetting(long version) =>
        Execute($"CREATE TRIGGER fail_forgetting_{version} BEFORE DELETE ON VersionInfo WHEN OLD.Version = {version} " +
                $"BEGIN SELECT RAISE(ABORT, 'injected failure while forgetting version {version}'); END;");

    // FluentMigrator's own shape, so that it finds the table and does not create it.
    private void EnsureVersionTable() =>
        Execute("CREATE TABLE IF NOT EXISTS VersionInfo (Version INTEGER NOT NULL, AppliedOn DATETIME, Description TEXT); " +
                "CREATE UNIQUE INDEX IF NOT EXISTS UC_Version ON VersionInfo (Version);");

    /// <summary>chmod 444 (the runner checks the mode bits, since tests may run as root, who can write anyway).</summary>
    public void MakeReadOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(Path, FileAttributes.ReadOnly);
            return;
        }

        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    /// <summary>Backups the runner made of this database (<c>console.db.vN.*.bak</c>), oldest name first.</summary>
    public IReadOnlyList<string> Backups() =>
        System.IO.Directory.GetFiles(Directory, System.IO.Path.GetFileName(Path) + ".v*.bak").Order(StringComparer.Ordinal).ToArray();

    /// <summary>Everything in the test's directory, by name: to prove a command created nothing.</summary>
    public IReadOnlyList<string> Files() =>
        System.IO.Directory.GetFiles(Directory).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process a test started may still be closing the file; the temp folder is cleaned anyway.
        }
    }
}
