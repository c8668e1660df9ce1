using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Cli;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reliability;

/// <summary>Odd but real databases: every verb answers with the truth, or one plain sentence.</summary>
public sealed class OddDatabaseTests
{
    [Test]
    public void AllowNewer_WithAKnownMigrationPending_AppliesItAndKeepsTheNewerRecord()
    {
        using var database = new TestDatabase();
        var latest = MigrationCatalog.Console.LatestVersion;
        var future = latest + 1;
        database.MigrateTo(MigrationCatalog.Console.All[0].Version);
        database.Execute($"INSERT INTO VersionInfo (Version, AppliedOn, Description) VALUES ({future}, '2027-01-01T00:00:00', 'Future')");

        var result = CliRunner.Run(database, "migrate", "--allow-newer", "--no-backup");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stderr.ShouldContain($"warning: {database.Path} records version(s) {future} that this tool does not know");
        database.RecordedVersions().ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version).Append(future));
    }

    [TestCase("migrate")]
    [TestCase("rollback")]
    [TestCase("verify")]
    public void VersionRecordsWithAHole_AreRefusedInOneSentence(string verb)
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var first = MigrationCatalog.Console.All[0].Version;
        database.Execute($"DELETE FROM VersionInfo WHERE Version = {first}");
        var before = database.Bytes();

        var result = CliRunner.Run(database, verb);

        result.ExitCode.ShouldBe(1, result.ToString());
        var line = result.StderrLines.ShouldHaveSingleItem();
        line.ShouldBe($"error: '{database.Path}' records version {MigrationCatalog.Console.LatestVersion} but not {first}: its version records are inconsistent. Nothing was changed.");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void DuplicateVersionRows_RollbackAndVerifyTreatThemAsOne()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        var latest = MigrationCatalog.Console.LatestVersion;
        database.Execute("DROP INDEX IF EXISTS UC_Version");
        database.Execute($"INSERT INTO VersionInfo (Version, AppliedOn, Description) SELECT Version, AppliedOn, Description FROM VersionInfo WHERE Version = {latest}");

        var verify = CliRunner.Run(database, "verify");
        var rollback = CliRunner.Run(database, "rollback", "--no-backup");

        verify.ExitCode.ShouldBe(0, verify.ToString());
        rollback.ShouldSucceed();
        rollback.StdoutLines[^1].ShouldBe($"Version: {latest} -> {MigrationCatalog.Console.All[^2].Version}");
        database.RecordedVersions().ShouldNotContain(latest);
    }

    [Test]
    public void UnversionedDatabaseWithALatestSchema_VerifyAndRollbackAgree()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute("DROP TABLE VersionInfo; DROP TABLE MigrationChecksums;");
        var before = database.Bytes();
        var latest = MigrationCatalog.Console.LatestVersion;

        var verify = CliRunner.Run(database, "verify");
        var rollback = CliRunner.Run(database, "rollback");

        verify.StdoutLines.ShouldContain($"OK: the schema is exactly version {latest}'s; 'migrate' will record it.");
        rollback.ShouldFailWith(1, $"'{database.Path}' has the schema of version {latest} but no version records; run 'migrate' to record them, then roll back.");
        database.Bytes().ShouldBe(before);
    }

    [Test]
    public void StdoutClosed_TheMigrationThatCommittedExitsZero()
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$0\" migrate --no-backup -c \"$1\" >&-");
        start.ArgumentList.Add(ToolProcess.ToolPath);
        start.ArgumentList.Add(database.ConnectionString);
        start.Environment.Remove("ConnectionStrings__Console");

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit(TimeSpan.FromMinutes(1)).ShouldBeTrue();

        process.ExitCode.ShouldBe(0, stderr);
        stderr.ShouldNotContain("unexpected");
        database.RecordedVersions().ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version));
    }

    // The same table written two ways that the catalogue's plain columns do not tell apart.
    [TestCase("a TEXT", "a TEXT COLLATE NOCASE", "column t.a should be 'a TEXT' but is 'a TEXT COLLATE NOCASE'")]
    [TestCase("a TEXT, b TEXT AS (a || 'x')", "a TEXT, b TEXT AS (a || 'y')", "column t.b should be 'b TEXT GENERATED AS (a || 'x') VIRTUAL' but is 'b TEXT GENERATED AS (a || 'y') VIRTUAL'")]
    [TestCase("a TEXT, b TEXT AS (upper(a)) STORED", "a TEXT, b TEXT AS (upper(a)) VIRTUAL", "column t.b should be 'b TEXT GENERATED AS (upper(a)) STORED' but is 'b TEXT GENERATED AS (upper(a)) VIRTUAL'")]
    public void SchemaComparer_SeesCollationsAndGeneratedExpressions(string expectedColumns, string actualColumns, string message)
    {
        using var expected = new TestDatabase();
        using var actual = new TestDatabase();
        expected.Execute($"CREATE TABLE t ({expectedColumns})");
        actual.Execute($"CREATE TABLE t ({actualColumns})");

        var differences = Runner.Schema.SchemaComparer.Compare(expected.Schema(), actual.Schema());

        differences.Select(d => d.Message).ShouldBe([message]);
    }

    [TestCase("rollback")]
    [TestCase("list", "migrations")]
    [TestCase("verify")]
    [TestCase("restore", "some.bak")]
    public void MissingDatabase_IsAnErrorForEveryVerbButMigrate(params string[] verb)
    {
        using var database = new TestDatabase();
        File.WriteAllBytes(Path.Combine(database.Directory, "some.bak"), []);
        var typo = Path.Combine(database.Directory, "consle.db");

        var result = CliRunner.Run([.. verb.Select(v => v == "some.bak" ? Path.Combine(database.Directory, v) : v), "-c", $"Data Source={typo}"]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith($"error: '{typo}' does not exist; nothing to ");
        database.Files().ShouldBe(["some.bak"], "no database and no lock file");
    }

    [TestCase("list", "migrations")]
    [TestCase("verify")]
    [TestCase("migrate", "--preview")]
    [TestCase("rollback", "--preview")]
    public void ReadOnlyVerbs_OnAWalDatabase_CreateNoFile(params string[] verb)
    {
        using var database = new TestDatabase();
        database.MigrateTo(1);
        database.Execute("PRAGMA journal_mode = WAL");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var files = database.Files();
        files.ShouldBe(["console.db", "console.db.migrate.lock"]);

        var result = CliRunner.Run(database, verb);

        result.ExitCode.ShouldBe(0, result.ToString());
        database.Files().ShouldBe(files);
    }

    // Section 4: verify sees what the catalogue shows only on a closer look.
    [TestCase(
        "DROP INDEX idx_messages_session_created; CREATE INDEX idx_messages_session_created ON messages(session_id, created_at DESC)",
        "index on messages should be 'idx_messages_session_created on (session_id, created_at)' but is 'idx_messages_session_created on (session_id, created_at DESC)'")]
    [TestCase(
        "DROP INDEX idx_messages_session_created; CREATE INDEX idx_messages_session_created ON messages(session_id, created_at) WHERE role = 'user'",
        "index on messages should be 'idx_messages_session_created on (session_id, created_at)' but is 'idx_messages_session_created on (session_id, created_at) WHERE role = 'user''")]
    [TestCase(
        "ALTER TABLE sessions ADD COLUMN title_upper TEXT GENERATED ALWAYS AS (upper(title)) VIRTUAL",
        "column sessions.title_upper (title_upper TEXT GENERATED AS (upper(title)) VIRTUAL) is not part of the schema")]
    [TestCase(
        "DROP INDEX idx_messages_session_created; CREATE INDEX idx_messages_session_created ON messages(session_id, lower(content))",
        "index on messages should be 'idx_messages_session_created on (session_id, created_at)' but is 'idx_messages_session_created on (session_id, lower(content))'")]
    [TestCase(
        "DROP INDEX idx_messages_session_created; CREATE INDEX idx_messages_session_created ON messages(session_id COLLATE NOCASE, created_at)",
        "index on messages should be 'idx_messages_session_created on (session_id, created_at)' but is 'idx_messages_session_created on (session_id COLLATE NOCASE, created_at)'")]
    public void Verify_SeesDescKeysPartialIndexesAndGeneratedColumns(string change, string message)
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.Execute(change);

        var report = database.Migrator().Verify();

        report.IsClean.ShouldBeFalse();
        report.Differences.Select(d => d.Message).ShouldBe([message]);
    }
}
