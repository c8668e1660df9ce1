using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Integrity;

/// <summary>verify: the live schema against what the migrations make for the recorded version.</summary>
public sealed class VerifyTests
{
    [Test]
    public void Verify_FreshlyMigratedDatabase_IsClean()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();

        var report = database.Migrator().Verify();

        report.IsClean.ShouldBeTrue();
        report.RecordedVersion.ShouldBe(Versions.Latest);
        report.Versioned.ShouldBeTrue();
    }

    [Test]
    public void Verify_AdoptedLegacyDatabase_IsCleanDespiteItsColumnOrder()
    {
        using var database = new TestDatabase();
        database.ExecuteFixture(Fixtures.LegacySchema);
        database.MigrateToLatest();

        database.Migrator().Verify().IsClean.ShouldBeTrue();
    }

    [Test]
    public void Verify_UnversionedLegacyDatabase_IsRecognisedAsVersionTwo()
    {
        using var database = new TestDatabase();
        database.ExecuteFixture(Fixtures.LegacySchema);

        var report = database.Migrator().Verify();

        report.IsClean.ShouldBeTrue();
        report.Versioned.ShouldBeFalse();
        report.ComparedVersion.ShouldBe(2);
    }

    [Test]
    public void Verify_MissingFile_FailsInsteadOfPassing()
    {
        using var database = new TestDatabase();

        var error = Should.Throw<MigrationException>(() => database.Migrator().Verify());

        error.Message.ShouldBe($"'{database.Path}' does not exist; nothing to verify (check the path).");
        File.Exists(database.Path).ShouldBeFalse();
    }

    [Test]
    public void Verify_DoesNotChangeTheFile()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var bytesBefore = database.Bytes();

        database.Migrator().Verify();

        database.Bytes().ShouldBe(bytesBefore);
    }

    [TestCase("ALTER TABLE sessions ADD COLUMN pinned INTEGER", "extra-column", "column sessions.pinned (pinned INTEGER) is not part of the schema")]
    [TestCase("ALTER TABLE profiles DROP COLUMN openrouter_preset", "missing-column", "column profiles.openrouter_preset is missing")]
    [TestCase("DROP INDEX idx_messages_session_created", "missing-index", "index idx_messages_session_created on (session_id, created_at) on messages is missing")]
    [TestCase("CREATE INDEX idx_sessions_title ON sessions(title)", "extra-index", "index idx_sessions_title on (title) on sessions is not part of the schema")]
    [TestCase("CREATE TABLE notes (id INTEGER PRIMARY KEY)", "extra-table", "table notes is not part of the schema")]
    [TestCase("DROP TABLE usage_logs", "missing-table", "table usage_logs is missing")]
    [TestCase(
        "DROP INDEX idx_messages_session_created; DROP TABLE messages; CREATE TABLE messages (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, role TEXT NOT NULL CHECK(role IN ('user','assistant')), content TEXT NOT NULL, created_at TEXT DEFAULT (datetime('now'))); CREATE INDEX idx_messages_session_created ON messages(session_id, created_at)",
        "check-changed",
        "CHECK constraints of messages should be [CHECK(role IN ('system','user','assistant','tool'))] but are [CHECK(role IN ('user','assistant'))]")]
    [TestCase(
        "DROP TABLE models; CREATE TABLE models (id TEXT PRIMARY KEY, openrouter_id TEXT UNIQUE NOT NULL, name TEXT NOT NULL, context_length TEXT, pricing_prompt REAL, pricing_completion REAL, is_reasoning INTEGER DEFAULT 0, created_at TEXT DEFAULT (datetime('now')))",
        "column-changed",
        "column models.context_length should be 'context_length INTEGER' but is 'context_length TEXT'")]
    [TestCase(
        "DROP TABLE sessions; CREATE TABLE sessions (id TEXT PRIMARY KEY, session_type TEXT NOT NULL, title TEXT, profile_id INTEGER REFERENCES profiles(id) ON DELETE CASCADE, created_at TEXT DEFAULT (datetime('now')))",
        "foreign-key-changed",
        "foreign key on sessions should be '(profile_id) -> profiles(id) ON DELETE SET NULL ON UPDATE NO ACTION' but is '(profile_id) -> profiles(id) ON DELETE CASCADE ON UPDATE NO ACTION'")]
    [TestCase("CREATE VIEW v_presets AS SELECT id, openrouter_preset FROM profiles", "extra-view", "view v_presets is not part of the schema")]
    [TestCase("CREATE TRIGGER t_touch AFTER UPDATE ON profiles BEGIN SELECT 1; END", "extra-trigger", "trigger t_touch is not part of the schema")]
    public void Verify_DriftedDatabase_ReportsTheDifferenceInPlainWords(string change, string kind, string message)
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute("PRAGMA foreign_keys = OFF; " + change);

        var report = database.Migrator().Verify();

        report.IsClean.ShouldBeFalse();
        var difference = report.Differences.ShouldHaveSingleItem();
        difference.Kind.ShouldBe(kind);
        difference.Message.ShouldBe(message);
    }

    [Test]
    public void Verify_ChangedScriptChecksum_IsNotClean()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute($"UPDATE MigrationChecksums SET Sha256 = '{new string('f', 64)}' WHERE Version = 2");

        var report = database.Migrator().Verify();

        report.Differences.ShouldBeEmpty();
        report.ChecksumMismatches.ShouldHaveSingleItem().Version.ShouldBe(2);
        report.IsClean.ShouldBeFalse();
    }
}
