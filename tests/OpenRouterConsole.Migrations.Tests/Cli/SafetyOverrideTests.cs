using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary>Each refusal has an explicit, named way past it; without it nothing changes.</summary>
public sealed class SafetyOverrideTests
{
    [Test]
    public void Migrate_DriftedDatabase_IsRefusedThenAllowedWithAllowDrift()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.Execute("ALTER TABLE sessions ADD COLUMN pinned INTEGER");
        var before = database.Bytes();

        var refused = CliRunner.Run(database, "migrate");
        var allowed = CliRunner.Run(database, "migrate", "--allow-drift", "--no-backup");

        refused.ExitCode.ShouldBe(1);
        refused.Stderr.ShouldContain("records version 1 but its schema differs: column sessions.pinned (pinned INTEGER) is not part of the schema");
        refused.Stderr.ShouldContain("pass --allow-drift (tool) or set AllowSchemaDrift (host)");
        allowed.ExitCode.ShouldBe(0, allowed.ToString());
        // What --allow-drift let through is said on stderr.
        allowed.StderrLines.ShouldBe([$"warning: Schema drift in {database.Path}: column sessions.pinned (pinned INTEGER) is not part of the schema"]);
        database.RecordedVersions().ShouldBe(Versions.All);
        before.ShouldNotBe(database.Bytes());
    }

    [Test]
    public void Migrate_ChangedScript_IsRefusedThenWarnedWithAllowChangedScripts()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.Execute($"UPDATE MigrationChecksums SET Sha256 = '{new string('b', 64)}' WHERE Version = 1");
        var before = database.Bytes();

        var refused = CliRunner.Run(database, "migrate");
        database.Bytes().ShouldBe(before);
        var allowed = CliRunner.Run(database, "migrate", "--allow-changed-scripts", "--no-backup");

        refused.ExitCode.ShouldBe(1);
        refused.Stderr.ShouldContain("applied migration scripts changed after they shipped");
        refused.Stderr.ShouldContain("pass --allow-changed-scripts (tool) or set AllowChangedScripts (host)");
        allowed.ExitCode.ShouldBe(0, allowed.ToString());
        // What --allow-changed-scripts accepted is said on stderr, naming the script.
        allowed.StderrLines.ShouldHaveSingleItem().ShouldStartWith($"warning: '{database.Path}': applied migration scripts changed after they shipped (");
        allowed.Stderr.ShouldContain("001_initial_schema.sql");
        database.RecordedVersions().ShouldBe(Versions.All);
    }

    [Test]
    public void Migrate_NewerDatabase_IsRefusedThenAllowedWithAllowNewerAndAWarning()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute($"INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES ({Versions.Latest + 1}, '2027-01-01T00:00:00', 'Future')");

        var refused = CliRunner.Run(database, "migrate");
        var result = CliRunner.Run(database, "migrate", "--allow-newer");

        refused.ExitCode.ShouldBe(1);
        refused.Stderr.ShouldContain("pass --allow-newer (tool) or set AllowNewerDatabase (host)");
        result.ExitCode.ShouldBe(0, result.ToString());
        result.StdoutLines.ShouldContain($"Nothing to do: {database.Path} is at version {Versions.Latest + 1}.");
        // Even with nothing to do, what --allow-newer let through is said.
        result.StderrLines.ShouldBe([$"warning: {database.Path} records version(s) {Versions.Latest + 1} that this tool does not know; its schema was not checked"]);
    }

    [Test]
    public void Migrate_CorruptedDatabase_IsRefusedNamingTheCorruption()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        LargeSeed.Fill(database, profiles: 2000, sessions: 2000, messages: 2000, usageLogs: 2000, withPresets: false);
        // profiles: the table migration 2 alters, so the check (limited to what the run touches) reads it.
        var bytes = database.CorruptRootPageOf("profiles");

        var refused = CliRunner.Run(database, "migrate", "--no-backup");

        refused.ExitCode.ShouldBe(1);
        refused.StderrLines.ShouldHaveSingleItem().ShouldStartWith($"error: '{database.Path}' is corrupted (quick_check: ");
        database.Bytes().ShouldBe(bytes);
    }
}
