using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Runner.Schema;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.TestDatabases;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Tools;

/// <summary>
/// The databases that the build's TestDatabases target writes: each one's recorded version, schema
/// and rows. The writer runs once into a temporary folder; the tests only read what it wrote.
/// </summary>
public sealed class TestDatabaseWriterTests
{
    // The fixture's known size: seed_data.sql is committed, so these numbers only change with it.
    private static readonly IReadOnlyDictionary<string, long> SeededRowCounts = new SortedDictionary<string, long>(StringComparer.Ordinal)
    {
        ["messages"] = 40,
        ["models"] = 4,
        ["profiles"] = 5,
        ["sessions"] = 6,
        ["usage_logs"] = 18,
    };

    private string _outputDirectory = null!;
    private IReadOnlyList<string> _written = null!;

    private static string FixturesDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures");


    [OneTimeSetUp]
    public void WriteDatabases()
    {
        _outputDirectory = NewTempDirectory();
        _written = TestDatabaseWriter.Write(_outputDirectory, FixturesDirectory);
    }

    [OneTimeTearDown]
    public void DeleteDatabases() => DeleteDirectory(_outputDirectory);

    [Test]
    public void Write_AllVersions_WritesOnePlainDatabasePerVersionThenSeededAndLegacy_AndNothingElse()
    {
        var expected = CatalogVersions.All().Select(TestDatabaseWriter.PlainDatabaseName)
            .Append(TestDatabaseWriter.SeededDatabaseName(MigrationCatalog.Console.LatestVersion))
            .Append(TestDatabaseWriter.LegacyDatabaseName)
            .ToArray();

        _written.Select(Path.GetFileName).ShouldBe(expected);
        Directory.GetFileSystemEntries(_outputDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(expected.Order(StringComparer.Ordinal), "no temporary file, lock file or journal may be left behind");
    }

    [TestCaseSource(typeof(CatalogVersions), nameof(CatalogVersions.All))]
    public void PlainDatabase_RecordsItsVersion_MatchesApprovedSnapshot_AndIsEmpty(long version)
    {
        using var connection = Open(TestDatabaseWriter.PlainDatabaseName(version));

        RecordedVersions(connection).ShouldBe(CatalogVersions.UpTo(version));
        ApprovedSnapshot.Verify(SchemaSnapshot.Read(connection), version);
        RowCounts(connection).Values.ShouldAllBe(count => count == 0);
    }

    [Test]
    public void SeededDatabase_IsAtTheLatestVersion_MatchesApprovedSnapshot_AndHoldsTheFixtureRows()
    {
        var latest = MigrationCatalog.Console.LatestVersion;
        using var connection = Open(TestDatabaseWriter.SeededDatabaseName(latest));

        RecordedVersions(connection).ShouldBe(CatalogVersions.All());
        ApprovedSnapshot.Verify(SchemaSnapshot.Read(connection), latest);
        FixtureRowCounts(connection).ShouldBe(SeededRowCounts);
        SqlReads.Scalar<long>(connection, "SELECT seq FROM sqlite_sequence WHERE name = 'profiles'").ShouldBe(8, "the fixture's deleted profile 8 must stay remembered");
    }

    [Test]
    public void LegacyDatabase_HasNoVersionTable_HasTheColumnSetsOfVersion2_AndHoldsTheFixtureRows()
    {
        // The console's older start-up code made the schema of version 2 (before versioning existed).
        using var legacy = Open(TestDatabaseWriter.LegacyDatabaseName);
        using var version2 = Open(TestDatabaseWriter.PlainDatabaseName(2));

        SqlReads.Scalar<long>(legacy, "SELECT count(*) FROM sqlite_master WHERE name = 'VersionInfo'").ShouldBe(0);
        RecordedVersions(legacy).ShouldBeEmpty();

        // openrouter_preset sits before created_at in the legacy profiles table, so compare sets, not the approved text.
        ColumnSets(SchemaSnapshot.Read(legacy)).ShouldBe(ColumnSets(SchemaSnapshot.Read(version2)));
        ColumnNames(SchemaSnapshot.Read(legacy), "profiles").ShouldNotBe(ColumnNames(SchemaSnapshot.Read(version2), "profiles"));
        FixtureRowCounts(legacy).ShouldBe(SeededRowCounts);
    }

    [Test]
    public void Write_OneVersion_WritesOnlyThatPlainDatabase_WithSeededAndLegacy()
    {
        var output = NewTempDirectory();
        try
        {
            var written = TestDatabaseWriter.Write(output, FixturesDirectory, version: 1);

            written.Select(Path.GetFileName).ShouldBe([
                TestDatabaseWriter.PlainDatabaseName(1),
                TestDatabaseWriter.SeededDatabaseName(MigrationCatalog.Console.LatestVersion),
                TestDatabaseWriter.LegacyDatabaseName,
            ]);
            using var connection = OpenFile(Path.Combine(output, TestDatabaseWriter.PlainDatabaseName(1)));
            RecordedVersions(connection).ShouldBe([1L]);
        }
        finally
        {
            DeleteDirectory(output);
        }
    }

    [Test]
    public void Write_UnknownVersion_IsRefusedBeforeWritingAnything()
    {
        var output = Path.Combine(NewTempDirectory(), "databases");
        try
        {
            var error = Should.Throw<ArgumentException>(() => TestDatabaseWriter.Write(output, FixturesDirectory, version: MigrationCatalog.Console.LatestVersion + 1));

            error.Message.ShouldContain($"no migration version {MigrationCatalog.Console.LatestVersion + 1}");
            Directory.Exists(output).ShouldBeFalse();
        }
        finally
        {
            DeleteDirectory(Path.GetDirectoryName(output)!);
        }
    }

    [Test]
    public void Write_Again_ReplacesTheFiles()
    {
        var output = NewTempDirectory();
        try
        {
            TestDatabaseWriter.Write(output, FixturesDirectory);
            var seeded = Path.Combine(output, TestDatabaseWriter.SeededDatabaseName(MigrationCatalog.Console.LatestVersion));
            using (var connection = OpenFile(seeded))
            {
                Execute(connection, "DELETE FROM messages");
            }

            TestDatabaseWriter.Write(output, FixturesDirectory);

            using var reread = OpenFile(seeded);
            FixtureRowCounts(reread).ShouldBe(SeededRowCounts);
        }
        finally
        {
            DeleteDirectory(output);
        }
    }

    [Test]
    public void Write_WhenTheSeedDataFails_LeavesTheExistingSeededDatabaseWholeAndNoTemporaryFile()
    {
        var output = NewTempDirectory();
        var brokenFixtures = NewTempDirectory();
        try
        {
            TestDatabaseWriter.Write(output, FixturesDirectory);
            var seeded = Path.Combine(output, TestDatabaseWriter.SeededDatabaseName(MigrationCatalog.Console.LatestVersion));
            var before = File.ReadAllBytes(seeded);
            File.Copy(Path.Combine(FixturesDirectory, TestDatabaseWriter.LegacySchemaFile), Path.Combine(brokenFixtures, TestDatabaseWriter.LegacySchemaFile));
            File.WriteAllText(
                Path.Combine(brokenFixtures, TestDatabaseWriter.SeedDataFile),
                File.ReadAllText(Path.Combine(FixturesDirectory, TestDatabaseWriter.SeedDataFile)) + "\nINSERT INTO no_such_table VALUES (1);\n");

            Should.Throw<SqliteException>(() => TestDatabaseWriter.Write(output, brokenFixtures));

            File.ReadAllBytes(seeded).ShouldBe(before);
            Directory.GetDirectories(output).ShouldBeEmpty("the scratch folder must be removed");
            Directory.GetFiles(output).Select(Path.GetFileName).ShouldAllBe(name => name!.EndsWith(".db", StringComparison.Ordinal));
        }
        finally
        {
            DeleteDirectory(output);
            DeleteDirectory(brokenFixtures);
        }
    }

    private SqliteConnection Open(string fileName) => OpenFile(Path.Combine(_outputDirectory, fileName));

    private static SqliteConnection OpenFile(string path)
    {
        File.Exists(path).ShouldBeTrue($"{path} was not written");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static IReadOnlyList<long> RecordedVersions(SqliteConnection connection) =>
        SqliteMigrationHistory.Read(connection).Select(a => a.Version).ToArray();

    // Rows of the tables the fixture fills: tables a later migration adds hold none.
    private static IReadOnlyDictionary<string, long> FixtureRowCounts(SqliteConnection connection) =>
        new SortedDictionary<string, long>(RowCounts(connection).Where(t => SeededRowCounts.ContainsKey(t.Key)).ToDictionary(), StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, long> RowCounts(SqliteConnection connection)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in SchemaSnapshot.Read(connection).Tables)
        {
            counts[table.Name] = SqlReads.Scalar<long>(connection, $"SELECT count(*) FROM \"{table.Name}\"");
        }

        return counts;
    }

    private static IReadOnlyDictionary<string, string> ColumnSets(SchemaSnapshot schema) =>
        schema.Tables.ToDictionary(
            table => table.Name,
            table => string.Join(", ", table.Columns.Select(c => c.ToString()).Order(StringComparer.Ordinal)));

    private static string ColumnNames(SchemaSnapshot schema, string table) =>
        string.Join(", ", schema.Find(table)!.Columns.Select(c => c.Name));

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "orc-migrations-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static void DeleteDirectory(string path)
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
