using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.History;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.History;

/// <summary>AppliedOn is read as UTC, whether SQLite or .NET parses the text; missing values read as null.</summary>
public sealed class SqliteMigrationHistoryTests
{
    [Test]
    public void AppliedOn_OfAFreshMigration_IsNowInUtc()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        var applied = database.Migrator().GetStatus().Applied;

        applied.ShouldAllBe(a => a.AppliedOn != null && a.AppliedOn.Value.Kind == DateTimeKind.Utc);
        applied.ShouldAllBe(a => Math.Abs((DateTime.UtcNow - a.AppliedOn!.Value).TotalMinutes) < 5);
    }

    [TestCase("2027-01-02T03:04:05")]
    [TestCase("2027-01-02 03:04:05.000")]
    [TestCase("2027-01-02T05:04:05+02:00")]
    [TestCase("01/02/2027 03:04:05")]
    public void AppliedOn_IsParsedAsUtc(string text)
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute($"UPDATE VersionInfo SET AppliedOn = '{text}' WHERE Version = 2");

        var appliedOn = database.Migrator().GetStatus().Find(2)!.AppliedOn;

        appliedOn.ShouldBe(new DateTime(2027, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        appliedOn!.Value.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [TestCase("2027-01-02T03:04:05.678", 678)]
    [TestCase("2027-01-02 03:04:05.001", 1)]
    public void AppliedOn_KeepsWholeMilliseconds(string text, int milliseconds)
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute($"UPDATE VersionInfo SET AppliedOn = '{text}' WHERE Version = 2");

        var appliedOn = database.Migrator().GetStatus().Find(2)!.AppliedOn;

        appliedOn.ShouldBe(new DateTime(2027, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddMilliseconds(milliseconds));
    }

    [Test]
    public void Read_OfRowsWithoutTimeDescriptionOrChecksum_GivesNulls()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute("UPDATE VersionInfo SET AppliedOn = NULL, Description = NULL WHERE Version = 1");
        database.Execute("UPDATE VersionInfo SET AppliedOn = 1700000000 WHERE Version = 2");
        database.Execute("DELETE FROM MigrationChecksums WHERE Version = 2");

        var status = database.Migrator().GetStatus();

        status.Find(1).ShouldBe(new AppliedMigration(1, null, null, status.Find(1)!.Checksum));
        status.Find(1)!.Checksum.ShouldBe(MigrationCatalog.Console.UpScriptOf(1)!.Value.Checksum);
        status.Find(2).ShouldBe(new AppliedMigration(2, null, MigrationCatalog.Console.Describe(2), null));
    }

    [Test]
    public void Read_WithoutChecksumTable_GivesVersionsAndDescriptions()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute("DROP TABLE MigrationChecksums");

        var applied = database.Migrator().GetStatus().Applied;

        applied.Select(a => a.Version).ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version));
        applied.Select(a => a.Description).ShouldBe(MigrationCatalog.Console.All.Select(m => m.Description));
        applied.ShouldAllBe(a => a.Checksum == null && a.AppliedOn != null);
    }

    // The run's integer-only read (versions, and which recorded checksums differ) must see what the
    // full read of list and verify sees: the same versions and the same checksum mismatches.
    [TestCase("UPDATE MigrationChecksums SET Sha256 = '000000000000' WHERE Version = 1")]
    [TestCase("UPDATE MigrationChecksums SET Sha256 = '000000000000'")]
    [TestCase("DELETE FROM MigrationChecksums WHERE Version = 2")]
    [TestCase("DROP TABLE MigrationChecksums")]
    [TestCase("UPDATE VersionInfo SET AppliedOn = NULL, Description = NULL")]
    [TestCase("DROP INDEX UC_Version; INSERT INTO VersionInfo (Version) VALUES (1)")]
    [TestCase("INSERT INTO VersionInfo (Version) VALUES (99); INSERT INTO MigrationChecksums VALUES (99, 'x.sql', '000000000000', '')")]
    [TestCase("DELETE FROM VersionInfo")]
    [TestCase("DROP TABLE VersionInfo")]
    public void ReadVersions_GivesTheVersionsAndChecksumMismatchesOfTheFullRead(string change)
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute(change);
        using var connection = database.Open();

        var full = new DatabaseStatus(database.Path, true, SqliteMigrationHistory.Read(connection));
        var run = new DatabaseStatus(database.Path, true, SqliteMigrationHistory.ReadVersions(connection, MigrationCatalog.Console));

        run.Applied.Select(a => a.Version).ShouldBe(full.Applied.Select(a => a.Version));
        run.ChecksumMismatches.ShouldBe(full.ChecksumMismatches);
        run.Applied.ShouldAllBe(a => a.Description == null && a.AppliedOn == null);
    }
}
