using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Runner.Integrity;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Integrity;

/// <summary>Applied migrations carry their script's checksum; a changed script is caught.</summary>
public sealed class ChecksumRecordTests
{
    [Test]
    public void Migrate_RecordsTheUpScriptChecksumOfEachMigration()
    {
        using var database = new TestDatabase();

        database.MigrateToLatest();

        database.Scalar<string>("SELECT Sha256 FROM MigrationChecksums WHERE Version = 2")
            .ShouldBe(ScriptChecksums.All["Sqlite.002_add_openrouter_preset.sql"]);
        database.Scalar<long>("SELECT count(*) FROM MigrationChecksums").ShouldBe(Versions.All.Length);
    }

    [Test]
    public void Rollback_ForgetsTheChecksumOfARevertedMigration()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        database.RollbackTo(1);

        database.Scalar<string>("SELECT group_concat(Version) FROM MigrationChecksums").ShouldBe("1");
    }

    [Test]
    public async Task HostStart_AppliedScriptChangedSinceApplied_RefusesToStart()
    {
        using var database = AtLatestWithAlteredChecksum();
        using var host = BuildHost(database, allowChangedScripts: false);

        var error = await Should.ThrowAsync<MigrationException>(() => host.StartAsync());

        error.Message.ShouldContain("migration 1: Sqlite.001_initial_schema.sql was 000000000000");
        error.Message.ShouldContain("add a new migration instead");
        // The refusal names its way past: the tool's flag and the host's option.
        error.Message.ShouldContain("--allow-changed-scripts (tool) or set AllowChangedScripts (host)");
    }

    [Test]
    public async Task HostStart_AllowChangedScripts_StartsAnyway()
    {
        using var database = AtLatestWithAlteredChecksum();
        using var host = BuildHost(database, allowChangedScripts: true);

        await host.StartAsync();
        await host.StopAsync();

        database.RecordedVersions().ShouldBe(Versions.All);
    }

    [Test]
    public void Status_MigratedByUpstreamTool_HasNoChecksumsAndNoMismatch()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute("DROP TABLE MigrationChecksums");

        var status = database.Migrator().GetStatus();

        status.Applied.ShouldAllBe(a => a.Checksum == null);
        status.ChecksumMismatches.ShouldBeEmpty();
    }

    private static TestDatabase AtLatestWithAlteredChecksum()
    {
        var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute($"UPDATE MigrationChecksums SET Sha256 = '{new string('0', 64)}' WHERE Version = 1");
        return database;
    }

    private static IHost BuildHost(TestDatabase database, bool allowChangedScripts) =>
        TestHosts.Build(builder => builder.Services.AddOpenRouterConsoleMigrations(o =>
        {
            o.ConnectionString = database.ConnectionString;
            o.AllowChangedScripts = allowChangedScripts;
        }));
}
