using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner.Copy;
using OpenRouterConsole.Migrations.Runner.Locking;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Copy;

/// <summary>SqliteToPostgresCopy against the real test server: rows, ids, links and values arrive exactly.</summary>
[Category(PostgresServer.Category)]
public sealed class CopyTests
{
    [Test]
    public void SeededDatabase_EveryRowArrivesExactly_AndTheIdentityContinues()
    {
        using var source = new TestDatabase();
        source.MigrateToLatest();
        source.ExecuteFixture(Fixtures.SeedData);
        LargeSeedOnTop(source);
        using var target = new PostgresTestDatabase();

        var report = Copy(source, target);

        report.Committed.ShouldBeTrue();
        report.Version.ShouldBe(MigrationCatalog.Console.LatestVersion);
        report.Tables.Count.ShouldBe(source.ApplicationTables().Count);
        string[] shippedTables = ["models", "profiles", "sessions", "messages", "usage_logs"];
        report.Tables.Select(t => t.Table).Where(shippedTables.Contains).ShouldBe(shippedTables); // parents first
        report.Tables.ShouldAllBe(t => t.Matches);
        report.Tables.Where(t => shippedTables.Contains(t.Table)).ShouldAllBe(t => t.SourceRows > 0); // the seed fills every shipped table
        CopiedRows.ShouldMatch(source, target);
        target.Column<long>("SELECT \"Version\" FROM \"VersionInfo\" ORDER BY 1").ShouldBe(MigrationCatalog.Console.All.Select(m => m.Version).ToArray());
        target.Column<string>("SELECT \"Sha256\" FROM \"MigrationChecksums\" ORDER BY \"Version\"")
            .ShouldBe(MigrationCatalog.Console.All.Select(m => OpenRouterConsole.Migrations.Runner.Integrity.ScriptChecksums.UpScriptOf(m.Version, "Postgres")!.Value.Checksum).ToArray());

        // A new profile gets the id after the highest one SQLite ever handed out, and links still resolve.
        var highest = Math.Max(source.Scalar<long>("SELECT max(id) FROM profiles"), source.Scalar<long>("SELECT seq FROM sqlite_sequence WHERE name = 'profiles'"));
        report.Identities.ShouldContain(new IdentityContinuation("profiles", "id", highest + 1));
        target.Scalar<long>("INSERT INTO profiles (name) VALUES ('new') RETURNING id").ShouldBe(highest + 1);
        target.Scalar<long>("SELECT count(*) FROM sessions s JOIN profiles p ON p.id = s.profile_id")
            .ShouldBe(source.Scalar<long>("SELECT count(*) FROM sessions s JOIN profiles p ON p.id = s.profile_id"));
    }

    [Test]
    public void CopiedTarget_IsAnUpToDateConsoleDatabaseForTheRunner()
    {
        using var source = new TestDatabase();
        source.MigrateToLatest();
        source.ExecuteFixture(Fixtures.SeedData);
        using var target = new PostgresTestDatabase();
        Copy(source, target).Committed.ShouldBeTrue();
        var migrator = new ConsoleMigrator(new MigrationOptions { ConnectionString = target.ConnectionString, BackupEnabled = false });

        var verify = migrator.Verify();
        var migrate = migrator.Migrate();

        verify.IsClean.ShouldBeTrue(string.Join("; ", verify.Differences.Select(d => d.Message)) + string.Join("; ", verify.ChecksumMismatches));
        verify.RecordedVersion.ShouldBe(MigrationCatalog.Console.LatestVersion);
        migrate.VersionBefore.ShouldBe(MigrationCatalog.Console.LatestVersion);
        migrate.Steps.ShouldBeEmpty();
    }

    [Test]
    public void EmptySource_CopiesTheSchemaAndNoRows()
    {
        using var source = new TestDatabase();
        source.MigrateToLatest();
        using var target = new PostgresTestDatabase();

        var report = Copy(source, target);

        report.Committed.ShouldBeTrue();
        report.CopiedRows.ShouldBe(0);
        report.Tables.Count.ShouldBe(source.ApplicationTables().Count);
        report.Tables.ShouldAllBe(t => t.SourceRows == 0 && t.TargetRows == 0 && t.Matches);
        report.Identities.ShouldContain(new IdentityContinuation("profiles", "id", 1));
        report.Identities.ShouldAllBe(identity => identity.NextValue == 1);
        target.Scalar<long>("INSERT INTO profiles (name) VALUES ('first') RETURNING id").ShouldBe(1);
    }

    [Test]
    public void TargetWithConsoleRows_IsRefused_AndKeepsItsRows()
    {
        using var source = new TestDatabase();
        source.MigrateToLatest();
        source.ExecuteFixture(Fixtures.SeedData);
        using var target = new PostgresTestDatabase();
        Copy(source, target);
        var before = CopiedRows.Read(target, source, "messages");

        var error = Should.Throw<MigrationException>(() => Copy(source, target));

        error.Message.ShouldStartWith("The target already holds console rows (");
        error.Message.ShouldContain("messages: " + before.Count);
        CopiedRows.Read(target, source, "messages").ShouldBe(before);
    }

    [Test]
    public void TargetWithOneHandInsertedRow_IsRefused()
    {
        using var empty = new TestDatabase();
        empty.MigrateToLatest();
        using var target = new PostgresTestDatabase();
        Copy(empty, target);
        target.Execute("INSERT INTO models (id, openrouter_id, name) VALUES ('m', 'v/m', 'M')");
        using var source = new TestDatabase();
        source.MigrateToLatest();
        source.ExecuteFixture(Fixtures.SeedData);

        Should.Throw<MigrationException>(() => Copy(source, target)).Message.ShouldContain("(models: 1)");
        target.Scalar<long>("SELECT count(*) FROM profiles").ShouldBe(0);
    }

    [Test]
    public void EdgeValues_RoundTripBitForBit()
    {
        using var source = new TestDatabase();
        source.MigrateToLatest();
        var longContent = string.Concat(Enumerable.Repeat("Long content ✓ ", 400_000)); // ~6 MB of UTF-8
        using (var connection = source.Open())
        {
            Insert(connection, "INSERT INTO profiles (id, name, system_prompt, temperature, max_tokens, created_at, openrouter_preset) VALUES ($id, $name, NULL, $t, $max, $created, NULL)",
                ("$id", 1L), ("$name", "Ünïcödé 🚀 中文 עברית e\u0301 \uFFFD"), ("$t", 0.1), ("$max", long.MaxValue), ("$created", "2024-02-29 23:59:59"));
            Insert(connection, "INSERT INTO profiles (id, name, temperature, max_tokens, created_at) VALUES ($id, 'edges', $t, $max, $created)",
                ("$id", 2L), ("$t", -0.0), ("$max", long.MinValue), ("$created", "not a date at all"));
            Insert(connection, "INSERT INTO profiles (id, name, temperature, max_tokens, created_at) VALUES (3, 'nulls', NULL, NULL, NULL)");
            var reals = new[] { 1e308, 5e-324, double.MaxValue, double.Epsilon, -1e-310, double.PositiveInfinity, double.NegativeInfinity, 1.0 / 3, 0.30000000000000004 };
            for (var i = 0; i < reals.Length; i++)
            {
                Insert(connection, "INSERT INTO profiles (id, name, temperature) VALUES ($id, 'real', $t)", ("$id", 10L + i), ("$t", reals[i]));
            }

            // SQLite cannot hold NaN (Microsoft.Data.Sqlite refuses to bind it; SQL's inf - inf is stored as NULL):
            // the source holds NULL, so NULL is what must arrive.
            Insert(connection, "INSERT INTO profiles (id, name, temperature) VALUES (99, 'nan', 9e999 - 9e999)");
            Insert(connection, "INSERT INTO sessions (id, session_type, title, profile_id, created_at) VALUES ('s-🚀', 'chat', NULL, NULL, NULL)");
            Insert(connection, "INSERT INTO messages (id, session_id, role, content) VALUES ('long', 's-🚀', 'user', $c)", ("$c", longContent));
            Insert(connection, "INSERT INTO messages (id, session_id, role, content) VALUES ('empty', 's-🚀', 'tool', '')");
            Insert(connection, "INSERT INTO models (id, openrouter_id, name, context_length, pricing_prompt, pricing_completion, is_reasoning, created_at) VALUES ('m', 'v/m', 'M', NULL, NULL, NULL, NULL, NULL)");
            Insert(connection, "INSERT INTO usage_logs (id, session_id, profile_id, model_id, cost_usd) VALUES ('u', 's-🚀', NULL, NULL, 5e-324)");
        }

        source.Scalar<string>("SELECT typeof(temperature) FROM profiles WHERE id = 99").ShouldBe("null");
        using var target = new PostgresTestDatabase();

        Copy(source, target).Committed.ShouldBeTrue();

        CopiedRows.ShouldMatch(source, target);
        target.Scalar<string>("SELECT content FROM messages WHERE id = 'long'").ShouldBe(longContent);
        // SQLite keeps a REAL column's whole numbers as integers on disk, so -0.0 comes back as +0.0:
        // the copy carries what SQLite holds, bit for bit.
        BitConverter.DoubleToInt64Bits(source.Scalar<double>("SELECT temperature FROM profiles WHERE id = 2")).ShouldBe(0L);
        BitConverter.DoubleToInt64Bits(target.Column<double>("SELECT temperature FROM profiles WHERE id = 2").Single()).ShouldBe(0L);
        target.Column<double>("SELECT temperature FROM profiles WHERE id BETWEEN 10 AND 11 ORDER BY id").ShouldBe([1e308, 5e-324]);
        target.Scalar<string>("SELECT created_at FROM profiles WHERE id = 2").ShouldBe("not a date at all");
    }

    [Test]
    public void ValueThatPostgresCannotHold_IsRefusedNamingTheColumn_AndTheTargetStaysEmpty()
    {
        using var source = new TestDatabase();
        source.MigrateToLatest();
        source.ExecuteFixture(Fixtures.SeedData);
        source.Execute("UPDATE profiles SET max_tokens = 'lots' WHERE id = (SELECT min(id) FROM profiles)"); // SQLite keeps the text
        using var target = new PostgresTestDatabase();

        var error = Should.Throw<MigrationException>(() => Copy(source, target));

        error.Message.ShouldBe("Cannot copy profiles.max_tokens: a row holds text ('lots') where PostgreSQL's column is bigint; " +
                               "SQLite accepted it, PostgreSQL would change or refuse it. Fix that row in the source; nothing was written.");
        CopiedRows.TargetTables(target).ShouldBeEmpty();
    }

    [Test]
    public void OlderSource_IsRefusedUnlessAskedToMigrateIt()
    {
        using var source = new TestDatabase();
        var older = MigrationCatalog.Console.All[^2].Version; // the version before the latest
        source.MigrateTo(older);
        source.Execute("INSERT INTO profiles (name) VALUES ('kept')");
        var bytes = source.Bytes();
        using var target = new PostgresTestDatabase();

        var error = Should.Throw<MigrationException>(() => Copy(source, target));
        error.Message.ShouldBe($"'{source.Path}' is at version {older} but copy works at the latest version, {MigrationCatalog.Console.LatestVersion}; " +
                               "migrate it first ('migrate') or pass --migrate-source. Nothing was written.");
        source.Bytes().ShouldBe(bytes);
        CopiedRows.TargetTables(target).ShouldBeEmpty();

        var report = Copy(source, target, o => o.MigrateSource = true);
        report.SourceMigratedFrom.ShouldBe(older);
        report.SourceBackupPath.ShouldNotBeNull();
        File.Exists(report.SourceBackupPath).ShouldBeTrue();
        source.RecordedVersions().Max().ShouldBe(MigrationCatalog.Console.LatestVersion);
        CopiedRows.ShouldMatch(source, target);
    }

    [Test]
    public void SourceMigrationLockHeld_CopyWaitsThenGivesUp_WithoutWriting()
    {
        using var source = new TestDatabase();
        source.MigrateToLatest();
        source.ExecuteFixture(Fixtures.SeedData);
        using var target = new PostgresTestDatabase();
        using (MigrationLock.Acquire(source.Path, TimeSpan.Zero))
        {
            Should.Throw<MigrationException>(() => Copy(source, target, o => o.LockTimeout = TimeSpan.FromMilliseconds(200)))
                .Message.ShouldStartWith($"Timed out after 0.2 s waiting for the migration lock on '{source.Path}'");
        }

        CopiedRows.TargetTables(target).ShouldBeEmpty();
    }

    [Test]
    public void SourceIsOnlyRead()
    {
        using var source = new TestDatabase();
        source.MigrateToLatest();
        source.ExecuteFixture(Fixtures.SeedData);
        var bytes = source.Bytes();
        var files = source.Files();
        using var target = new PostgresTestDatabase();

        Copy(source, target).Committed.ShouldBeTrue();

        source.Bytes().ShouldBe(bytes);
        source.Files().ShouldBe(files); // no journal, no backup, no lock file left behind
    }

    [Test]
    public void DifferenceFoundByTheVerification_RollsBackTheCopy()
    {
        using var empty = new TestDatabase();
        empty.MigrateToLatest();
        using var target = new PostgresTestDatabase();
        Copy(empty, target);
        // The target changes one value on its way in: the row counts agree, the checksum must not.
        target.Execute("""
            CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.content := upper(NEW.content); RETURN NEW; END $$;
            CREATE TRIGGER shout BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION shout();
            """);
        using var source = new TestDatabase();
        source.MigrateToLatest();
        source.ExecuteFixture(Fixtures.SeedData);

        var report = Copy(source, target);

        report.Committed.ShouldBeFalse();
        report.Verified.ShouldBeFalse();
        report.Tables.Where(t => !t.Matches).Select(t => t.Table).ShouldBe(["messages"]);
        var messages = report.Tables.Single(t => t.Table == "messages");
        messages.TargetRows.ShouldBe(messages.SourceRows);
        messages.TargetChecksum.ShouldNotBe(messages.SourceChecksum);
        target.Scalar<long>("SELECT count(*) FROM messages").ShouldBe(0);
        target.Scalar<long>("SELECT count(*) FROM profiles").ShouldBe(0);
    }

    internal static CopyReport Copy(TestDatabase source, PostgresTestDatabase target, Action<CopyOptions>? configure = null)
    {
        var options = new CopyOptions { SourceConnectionString = source.ConnectionString, TargetConnectionString = target.ConnectionString };
        configure?.Invoke(options);
        return new SqliteToPostgresCopy(options).Run();
    }

    private static void LargeSeedOnTop(TestDatabase source) =>
        source.Execute("""
            INSERT INTO sessions (id, session_type, title, profile_id)
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
            SELECT 'gen-session-' || i, 'chat', 'Generated ' || i, (SELECT min(id) FROM profiles) FROM n;
            INSERT INTO messages (id, session_id, role, content)
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
            SELECT 'gen-message-' || i, 'gen-session-' || (1 + i % 500), 'user', 'Body ' || i FROM n;
            """);

    private static void Insert(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
