using System.Collections.Concurrent;
using System.Data.Common;
using System.Data;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.Execution;
using OpenRouterConsole.Migrations.Runner.History;

namespace OpenRouterConsole.Migrations.Runner;

/// <summary>
/// Migrates the database behind an open connection, for test fixtures: an in-memory database
/// (private <c>:memory:</c> or shared-cache) or a scratch file. No lock, no backup, no drift or
/// integrity checks: use <see cref="ConsoleMigrator"/> for a user's database.
/// </summary>
public static class ConnectionMigrator
{
    // One fully migrated in-memory database per target version, kept for the life of the process:
    // an empty fixture database receives a page copy of it, far faster than running the scripts again.
    private static readonly ConcurrentDictionary<(MigrationCatalog Catalog, long Version), Lazy<SqliteConnection>> Templates = new();

    /// <summary>
    /// Applies pending migrations up to <paramref name="targetVersion"/> (default: the latest) to the
    /// database <paramref name="connection"/> is open on. An empty database gets a copy of a migrated
    /// one; a database that already has tables is migrated in place, which needs a second connection
    /// to reach it (a file, or an in-memory database with <c>Mode=Memory;Cache=Shared</c>).
    /// </summary>
    public static MigrationReport Migrate(DbConnection connection, long? targetVersion = null, System.Reflection.Assembly? migrationAssembly = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var catalog = MigrationCatalog.For(migrationAssembly);
        if (connection is not SqliteConnection sqlite)
        {
            throw MigrationException.Usage($"Only SQLite connections can be migrated this way, not {connection.GetType().Name}.");
        }

        if (sqlite.State != ConnectionState.Open)
        {
            throw MigrationException.Usage("Open the connection first: an in-memory database lives only while a connection to it is open.");
        }

        var target = targetVersion ?? catalog.LatestVersion;
        if (target != 0 && !catalog.Contains(target))
        {
            throw MigrationException.Usage($"Cannot migrate to version {target}: no migration has that version (known: {catalog.KnownVersionList()}).");
        }

        var status = new DatabaseStatus(sqlite.DataSource, true, SqliteMigrationHistory.Read(sqlite)) { Catalog = catalog };
        if (status.UnknownVersions.Count > 0)
        {
            throw MigrationException.Failed(
                $"The database records version(s) {string.Join(", ", status.UnknownVersions)} that this code does not know; it is newer.");
        }

        var steps = status.Pending
            .Where(m => m.Version <= target)
            .Select(m => new MigrationStep(m.Version, m.Description, MigrationDirection.Up, m.Version))
            .ToArray();
        var before = status.CurrentVersion;
        if (steps.Length == 0)
        {
            return new MigrationReport(sqlite.DataSource, before, before, [], null);
        }

        var done = new List<AppliedStep>();
        if (before == 0 && IsEmpty(sqlite))
        {
            var template = Templates.GetOrAdd((catalog, target), key => new Lazy<SqliteConnection>(() => CreateTemplate(key.Catalog, key.Version))).Value;
            lock (template)
            {
                template.BackupDatabase(sqlite);
            }

            // Copied, not run: the steps took no time of their own.
            done.AddRange(steps.Select(step => new AppliedStep(step, TimeSpan.Zero)));
        }
        else
        {
            if (!CanReachFromAnotherConnection(sqlite))
            {
                throw MigrationException.Usage(
                    "This private in-memory database already has tables, and migrating them in place needs a second connection: " +
                    "open it as a shared-cache in-memory database (Data Source=name;Mode=Memory;Cache=Shared).");
            }

            using var session = new FluentMigratorSession(catalog, sqlite.ConnectionString, previewOnly: false, sqlOutput: null, FluentMigratorSession.NeedsForeignKeysOff(catalog, steps));
            session.Run(steps, (step, elapsed) => done.Add(new AppliedStep(step, elapsed)));
        }

        return new MigrationReport(sqlite.DataSource, before, target, done, null);
    }

    private static SqliteConnection CreateTemplate(MigrationCatalog catalog, long version)
    {
        var template = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = $"console-template-v{version}-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ConnectionString);
        template.Open();
        var steps = catalog.All
            .Where(m => m.Version <= version)
            .Select(m => new MigrationStep(m.Version, m.Description, MigrationDirection.Up, m.Version))
            .ToArray();
        using var session = new FluentMigratorSession(catalog, template.ConnectionString, previewOnly: false, sqlOutput: null, FluentMigratorSession.NeedsForeignKeysOff(catalog, steps));
        session.Run(steps, (_, _) => { });
        return template;
    }

    private static bool IsEmpty(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    private static bool CanReachFromAnotherConnection(SqliteConnection connection)
    {
        var settings = new SqliteConnectionStringBuilder(connection.ConnectionString);
        if (string.IsNullOrEmpty(settings.DataSource) || settings.DataSource == ":memory:")
        {
            return false;
        }

        return settings.Mode != SqliteOpenMode.Memory || settings.Cache == SqliteCacheMode.Shared;
    }
}
