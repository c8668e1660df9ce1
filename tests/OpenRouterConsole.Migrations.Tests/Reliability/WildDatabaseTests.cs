using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reliability;

/// <summary>Databases as they are found in the field: unversioned, hand-made, drifted, newer, odd files.</summary>
public sealed class WildDatabaseTests
{
    [Test]
    public void Migrate_UnversionedSchemaMissingATable_IsRefusedNamingItAndChangesNothing()
    {
        using var database = new TestDatabase();
        database.ExecuteFixture(Fixtures.LegacySchema);
        database.Execute("DROP TABLE usage_logs");
        var bytesBefore = database.Bytes();

        var error = Should.Throw<MigrationException>(() => database.MigrateToLatest());

        error.Message.ShouldContain("matches no known version");
        error.Message.ShouldContain("table usage_logs is missing");
        database.Bytes().ShouldBe(bytesBefore);
    }

    [Test]
    public void Migrate_UnversionedSchemaWithAnExtraColumn_IsRefusedNamingIt()
    {
        using var database = new TestDatabase();
        database.ExecuteFixture(Fixtures.LegacySchema);
        database.Execute("ALTER TABLE models ADD COLUMN vendor TEXT");
        var bytesBefore = database.Bytes();

        var error = Should.Throw<MigrationException>(() => database.MigrateToLatest());

        error.Message.ShouldContain("column models.vendor");
        database.Bytes().ShouldBe(bytesBefore);
    }

    [Test]
    public void Migrate_VersionedDatabaseThatDrifted_IsRefusedUnlessAllowed()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.Execute("ALTER TABLE sessions ADD COLUMN pinned INTEGER");
        var bytesBefore = database.Bytes();

        var error = Should.Throw<MigrationException>(() => database.MigrateToLatest());
        error.Message.ShouldContain("records version 1 but its schema differs: column sessions.pinned");
        database.Bytes().ShouldBe(bytesBefore);

        database.Migrator(o => o.AllowSchemaDrift = true).Migrate();
        database.RecordedVersions().ShouldBe(Versions.All);
    }

    [Test]
    public void Migrate_DatabaseNewerThanThisAssembly_IsRefusedNamingTheUnknownVersions()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute($"INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES ({Versions.Latest + 1}, '2027-01-01T00:00:00', 'From the future')");
        var bytesBefore = database.Bytes();

        var error = Should.Throw<MigrationException>(() => database.MigrateToLatest());

        error.Message.ShouldContain($"records version(s) {Versions.Latest + 1} that this tool does not know");
        database.Bytes().ShouldBe(bytesBefore);
    }

    [Test]
    public void Migrate_NewerDatabaseWhenAllowed_Succeeds()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute($"INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES ({Versions.Latest + 1}, '2027-01-01T00:00:00', 'From the future')");

        var report = database.Migrator(o => o.AllowNewerDatabase = true).Migrate();

        report.NothingToDo.ShouldBeTrue();
    }

    [Test]
    public void Rollback_DatabaseNewerThanThisAssembly_IsRefusedEvenWhenNewerIsAllowed()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute($"INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES ({Versions.Latest + 1}, '2027-01-01T00:00:00', 'From the future')");

        var error = Should.Throw<MigrationException>(() => database.Migrator(o => o.AllowNewerDatabase = true).Rollback(RollbackTarget.By(1)));

        error.Message.ShouldContain("Refusing to roll back");
        database.RecordedVersions().ShouldBe(Versions.All.Append(Versions.Latest + 1));
    }

    [Test]
    public void Migrate_EmptyFile_IsFilled()
    {
        using var database = new TestDatabase();
        File.WriteAllBytes(database.Path, []);

        database.MigrateToLatest();

        database.RecordedVersions().ShouldBe(Versions.All);
    }

    [Test]
    public void Rollback_EmptyFile_SaysNothingToDoAndLeavesItEmpty()
    {
        using var database = new TestDatabase();
        File.WriteAllBytes(database.Path, []);

        var report = database.Migrator().Rollback(RollbackTarget.All);

        report.NothingToDo.ShouldBeTrue();
        new FileInfo(database.Path).Length.ShouldBe(0);
    }

    [Test]
    public void Migrate_TruncatedFile_IsRefusedAndLeftAsItWas()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.ExecuteFixture(Fixtures.SeedData);
        var bytes = database.Bytes();
        File.WriteAllBytes(database.Path, bytes[..(bytes.Length / 2)]);
        var truncated = database.Bytes();

        var error = Should.Throw<MigrationException>(() => database.MigrateToLatest());

        error.Message.ShouldContain("is corrupted or truncated");
        database.Bytes().ShouldBe(truncated);
    }

    [Test]
    public void Migrate_CorruptedPage_FailsClearlyAndLeavesTheFileAsItWas()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        LargeSeed.Fill(database, profiles: 2000, sessions: 2000, messages: 2000, usageLogs: 2000, withPresets: false);
        var bytes = database.CorruptRootPageOf("profiles");

        var error = Should.Throw<MigrationException>(() => database.MigrateToLatest());

        error.Message.ShouldContain("is corrupted (quick_check: ");
        error.Message.ShouldNotContain("\n");
        database.Bytes().ShouldBe(bytes);
    }

    [Test]
    public void Migrate_WalDatabaseWithAnOpenReader_MigratesAndRollsBack()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.Execute("PRAGMA journal_mode = WAL");
        database.Execute("INSERT INTO profiles (name) VALUES ('wal')");
        using var reader = database.Open();
        using var snapshot = reader.BeginTransaction(deferred: true);
        using var read = reader.CreateCommand();
        read.Transaction = snapshot;
        read.CommandText = "SELECT count(*) FROM pragma_table_info('profiles')";
        var columnsSeenBefore = (long)read.ExecuteScalar()!;

        database.MigrateToLatest();
        database.Schema().Find("profiles")!.Columns.ShouldContain(c => c.Name == "openrouter_preset");
        read.ExecuteScalar().ShouldBe(columnsSeenBefore, "the open reader keeps its snapshot while the migration commits");
        snapshot.Commit();
        database.RollbackTo(1);

        database.RecordedVersions().ShouldBe([1]);
        database.Scalar<string>("PRAGMA journal_mode").ShouldBe("wal");
        database.Scalar<string>("SELECT name FROM profiles").ShouldBe("wal");
    }
}
