using System.Diagnostics;
using Microsoft.Data.Sqlite;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Cli;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reliability;

/// <summary>
/// The tool killed with SIGKILL at random moments of migrate, rollback and backup on a large seeded
/// database. Each time the file must pass SQLite's checks, record exactly the version its schema has
/// (the old or the new, never between), keep every row, leave no backup that is not complete, and
/// migrate again afterwards. The same with SIGINT/SIGTERM, which the tool answers by stopping at its
/// next safe point: the database as it was, the lock released, no half-made backup.
/// </summary>
[Category("Slow")]
[NonParallelizable]
public sealed class KilledProcessTests
{
    private const int Attempts = 30;

    private static readonly (string Name, long From, string[] Args)[] Operations =
    [
        ("migrate with backup", 1, ["migrate", "up", "-t", "2"]),
        ("rollback with backup", 2, ["rollback"]),
        ("rollback without backup", 2, ["rollback", "--no-backup"]),
    ];

    private TestDatabase _templates = null!;
    private IReadOnlyDictionary<string, long> _rowCounts = null!;
    private long _linkedSessions;

    [OneTimeSetUp]
    public void MakeLargeDatabases()
    {
        // Killed while applying or reverting migration 2: the templates are at versions 2 and 1.
        _templates = new TestDatabase("template-v2.db");
        _templates.MigrateTo(2);
        LargeSeed.Fill(_templates, profiles: 200_000, sessions: 100_000, messages: 300_000, usageLogs: 300_000);
        _rowCounts = TableContent.RowCounts(_templates);
        _linkedSessions = _templates.Scalar<long>("SELECT count(*) FROM sessions WHERE profile_id IS NOT NULL");
        File.Copy(_templates.Path, TemplatePath(1));
        new ConsoleMigrator(new MigrationOptions { ConnectionString = $"Data Source={TemplatePath(1)};Pooling=False", BackupEnabled = false })
            .Rollback(RollbackTarget.To(1));
    }

    [OneTimeTearDown]
    public void DeleteLargeDatabases() => _templates.Dispose();

    [Test]
    public void Tool_KilledAtRandomMoments_LeavesAConsistentDatabaseThatMigratesAgain()
    {
        var seed = Environment.GetEnvironmentVariable("KILL_TEST_SEED") is { } text ? int.Parse(text) : Environment.TickCount;
        TestContext.Out.WriteLine($"Random seed {seed} (set KILL_TEST_SEED to repeat).");
        var random = new Random(seed);
        var durations = Operations.ToDictionary(op => op.Name, MeasureUninterrupted);
        var outcomes = new List<string>();

        for (var kill = 0; kill < Attempts; kill++)
        {
            var operation = Operations[kill % Operations.Length];
            using var database = CopyOfTemplate(operation.From);
            // Up to 90% of an uninterrupted run (process start included), so most attempts really kill.
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * 0.9 * durations[operation.Name].TotalMilliseconds);

            using (var process = ToolProcess.Start([.. operation.Args, "-c", database.ConnectionString]))
            {
                var finished = process.WaitForExit(delay);
                if (!finished)
                {
                    process.Kill(); // SIGKILL on Unix: no finally blocks, no disposal.
                    process.WaitForExit();
                }

                var journal = File.Exists(database.Path + "-journal") ? " (hot journal left)" : string.Empty;
                outcomes.Add($"{operation.Name} killed after {delay.TotalMilliseconds:0} ms: {(finished ? "had finished" : "killed")}{journal}");
            }

            AssertConsistent(database, operation.Name, operation.From);
        }

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, outcomes));
        TestContext.Out.WriteLine($"Uninterrupted durations: {string.Join(", ", durations.Select(d => $"{d.Key} {d.Value.TotalMilliseconds:0} ms"))}");
        outcomes.Count(o => o.Contains(": killed")).ShouldBeGreaterThanOrEqualTo(20, "at least 20 runs must really be interrupted");
    }

    [Test]
    public void Tool_StoppedBySigintOrSigtermAtRandomMoments_StopsCleanly()
    {
        var seed = Environment.GetEnvironmentVariable("KILL_TEST_SEED") is { } text ? int.Parse(text) : Environment.TickCount;
        TestContext.Out.WriteLine($"Random seed {seed} (set KILL_TEST_SEED to repeat).");
        var random = new Random(seed);
        var durations = Operations.ToDictionary(op => op.Name, MeasureUninterrupted);
        var outcomes = new List<string>();

        var stoppedByTheHandler = 0;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var operation = Operations[attempt % Operations.Length];
            var signal = attempt % 2 == 0 ? "-INT" : "-TERM";
            using var database = CopyOfTemplate(operation.From);
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * 0.9 * durations[operation.Name].TotalMilliseconds);

            using (var process = ToolProcess.Start([.. operation.Args, "-c", database.ConnectionString]))
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEndAsync();
                var finished = process.WaitForExit(delay);
                if (!finished)
                {
                    Shell.Run("kill", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                process.WaitForExit(TimeSpan.FromMinutes(1)).ShouldBeTrue("the tool should stop after the signal");
                process.WaitForExit();
                var outcome = $"{operation.Name}, {signal} after {delay.TotalMilliseconds:0} ms: exit {process.ExitCode}";
                outcomes.Add(outcome);

                // 0: the signal came after the commit; 130: stopped at a safe point, database as it was;
                // 143 (SIGTERM) or -2/-15 only if the signal beat the tool's handler at process start.
                process.ExitCode.ShouldBeOneOf([0, 130, 143, 128 + 2], $"{outcome}; stderr: {stderr.Result}");
                if (process.ExitCode == 130)
                {
                    // A SIGINT that beats the tool's handler at process start also exits 130 (128 + 2),
                    // silently and before any work; a stop by the handler says so.
                    if (stderr.Result.Length > 0)
                    {
                        stderr.Result.ShouldContain("error: Cancelled; the database was left as it was.", customMessage: outcome);
                        stoppedByTheHandler++;
                    }

                    database.Migrator().GetStatus().CurrentVersion.ShouldBe(operation.From, outcome);
                }

                _ = stdout.Result;
            }

            File.Exists(database.Path + ".migrate.lock.owner").ShouldBeFalse("a clean stop removes the lock's owner note");
            Directory.GetFiles(database.Directory, "*.partial").ShouldBeEmpty("a clean stop leaves no half-written backup");
            AssertConsistent(database, operation.Name, operation.From);
        }

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, outcomes));
        stoppedByTheHandler.ShouldBeGreaterThanOrEqualTo(4, "some runs must really be stopped by the tool's signal handler");
    }

    private TimeSpan MeasureUninterrupted((string Name, long From, string[] Args) operation)
    {
        using var database = CopyOfTemplate(operation.From);
        var clock = Stopwatch.StartNew();
        ToolProcess.Run([.. operation.Args, "-c", database.ConnectionString]).ShouldSucceed();
        return clock.Elapsed;
    }

    private void AssertConsistent(TestDatabase database, string operation, long from)
    {
        // verify first: a read-only command must cope with the hot journal the killed process left.
        var verify = database.Migrator().Verify();
        verify.IsClean.ShouldBeTrue($"{operation}: {string.Join("; ", verify.Differences)}");
        verify.RecordedVersion.ShouldBeOneOf(1, 2);
        database.Scalar<string>("PRAGMA integrity_check").ShouldBe("ok", operation);
        database.Scalar<long>("SELECT count(*) FROM pragma_foreign_key_check").ShouldBe(0, operation);
        TableContent.RowCounts(database).ShouldBe(_rowCounts, operation);
        database.Scalar<long>("SELECT count(*) FROM sessions WHERE profile_id IS NOT NULL").ShouldBe(_linkedSessions, operation);

        foreach (var backup in database.Backups())
        {
            using var connection = new SqliteConnection($"Data Source={backup};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT count(*) FROM profiles) || ':' || (SELECT max(Version) FROM VersionInfo)";
            command.ExecuteScalar().ShouldBe($"{_rowCounts["profiles"]}:{from}", $"{operation}: a .bak file must be a complete copy");
        }

        database.Migrator().Migrate(2).VersionAfter.ShouldBe(2, operation);
        database.Migrator().Verify().IsClean.ShouldBeTrue(operation);
    }

    private TestDatabase CopyOfTemplate(long version)
    {
        var database = new TestDatabase();
        File.Copy(TemplatePath(version), database.Path);
        return database;
    }

    private string TemplatePath(long version) => version == 2 ? _templates.Path : Path.Combine(_templates.Directory, "template-v1.db");
}
