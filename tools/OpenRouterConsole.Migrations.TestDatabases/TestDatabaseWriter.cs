using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.TestDatabases;

/// <summary>
/// Writes the test databases into one folder. Each file is built in a scratch folder inside the output
/// folder (same file system) and renamed into place only when complete, so a failed or interrupted run
/// never leaves a half-written database behind: an existing file stays as it was until replaced whole.
/// </summary>
public static class TestDatabaseWriter
{
    public const string SeedDataFile = "seed_data.sql";
    public const string LegacySchemaFile = "legacy_schema.sql";
    public const string LegacyDatabaseName = "console-legacy.db";

    /// <summary>The schema version that <c>seed_data.sql</c> is written for.</summary>
    public const long SeedDataVersion = 2;

    public static string PlainDatabaseName(long version) => $"console-v{version}.db";

    public static string SeededDatabaseName(long version) => $"console-v{version}-seeded.db";

    /// <summary>
    /// Writes <c>console-vN.db</c> for every migration version (or only <paramref name="version"/>),
    /// <c>console-vLATEST-seeded.db</c> and <c>console-legacy.db</c>.
    /// </summary>
    /// <returns>The paths written, in order.</returns>
    public static IReadOnlyList<string> Write(string outputDirectory, string fixturesDirectory, long? version = null)
    {
        if (version is { } requested && !MigrationCatalog.Console.Contains(requested))
        {
            var known = string.Join(", ", MigrationCatalog.Console.All.Select(m => m.Version));
            throw new ArgumentException($"There is no migration version {requested} (known: {known}).");
        }

        var seedData = ReadFixture(fixturesDirectory, SeedDataFile);
        var legacySchema = ReadFixture(fixturesDirectory, LegacySchemaFile);
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();

        var versions = version is { } only ? [only] : MigrationCatalog.Console.All.Select(m => m.Version).ToArray();
        foreach (var plainVersion in versions)
        {
            written.Add(WriteAtomically(Path.Combine(outputDirectory, PlainDatabaseName(plainVersion)), path => Migrate(path, plainVersion)));
        }

        // The fixture fits its own version; later migrations then carry the rows forward as they would in the field.
        var latest = MigrationCatalog.Console.LatestVersion;
        written.Add(WriteAtomically(Path.Combine(outputDirectory, SeededDatabaseName(latest)), path =>
        {
            Migrate(path, Math.Min(SeedDataVersion, latest));
            Execute(path, seedData);
            Migrate(path, latest);
        }));

        written.Add(WriteAtomically(Path.Combine(outputDirectory, LegacyDatabaseName), path =>
        {
            Execute(path, legacySchema);
            Execute(path, seedData);
        }));

        return written;
    }

    private static string ReadFixture(string fixturesDirectory, string fileName)
    {
        var path = Path.Combine(fixturesDirectory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Fixture '{path}' not found.", path);
        }

        return File.ReadAllText(path);
    }

    private static string WriteAtomically(string finalPath, Action<string> build)
    {
        // The scratch folder also takes the runner's lock file and any journal, so nothing is left over.
        var scratch = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(finalPath))!, $".tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            var temporaryPath = Path.Combine(scratch, Path.GetFileName(finalPath));
            build(temporaryPath);
            File.Move(temporaryPath, finalPath, overwrite: true);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        return finalPath;
    }

    private static void Migrate(string path, long version)
    {
        var options = new MigrationOptions { ConnectionString = ConnectionString(path), BackupEnabled = false };
        new ConsoleMigrator(options).Migrate(version);
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    // No pooling: the file must be closed before it is renamed.
    private static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString;
}
