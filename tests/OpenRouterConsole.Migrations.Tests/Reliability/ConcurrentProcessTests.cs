using System.Globalization;
using System.Text.RegularExpressions;
using OpenRouterConsole.Migrations.Tests.Cli;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reliability;

/// <summary>Eight tool processes started at the same moment on one database file.</summary>
[Category("Slow")]
public sealed partial class ConcurrentProcessTests
{
    private const int Processes = 8;

    [Test]
    [Repeat(3)]
    public void EightProcesses_FreshFile_OneMigratesTheOthersWaitAndFindNothingPending()
    {
        using var database = new TestDatabase();

        var results = RunAtOnce(database);

        AssertOneMigratedOthersWaited(results, database);
        database.Backups().ShouldBeEmpty("a new file holds no data to back up");
    }

    [Test]
    [Repeat(3)]
    public void EightProcesses_FileAtVersionOne_OneMigratesAndBacksUpOnce()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        database.ExecuteFixture(Fixtures.SeedData);
        database.RollbackTo(1);
        var rowsBefore = TableContent.RowCounts(database);

        var results = RunAtOnce(database);

        AssertOneMigratedOthersWaited(results, database);
        database.Backups().Count.ShouldBe(1);
        TableContent.RowCounts(database).ShouldBe(rowsBefore);
    }

    private static CliResult[] RunAtOnce(TestDatabase database)
    {
        var processes = Enumerable.Range(0, Processes)
            .Select(_ => ToolProcess.Start("migrate", "-c", database.ConnectionString, "--timeout", "120"))
            .ToArray();
        return processes.Select(process =>
        {
            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                process.WaitForExit(TimeSpan.FromMinutes(3)).ShouldBeTrue();
                return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
            }
        }).ToArray();
    }

    private static void AssertOneMigratedOthersWaited(CliResult[] results, TestDatabase database)
    {
        foreach (var result in results)
        {
            result.ExitCode.ShouldBe(0, result.ToString());
            // The only thing on stderr: the announcement of a wait for the lock.
            result.StderrLines.ShouldAllBe(line => line.StartsWith($"warning: Waiting for the migration lock on '{database.Path}', held by ", StringComparison.Ordinal));
        }

        results.Count(r => r.Stdout.Contains("Version: ")).ShouldBe(1, string.Join("\n", results.Select(r => r.ToString())));
        results.Count(r => r.Stdout.Contains("Nothing to do: ")).ShouldBe(Processes - 1);
        database.Scalar<long>("SELECT count(*) FROM VersionInfo").ShouldBe(Versions.All.Length);
        database.RecordedVersions().ShouldBe(Versions.All);
        ApprovedSnapshot.Verify(database.Schema(), Versions.Latest);

        var waits = results.Select(r => WaitLine().Match(r.Stdout)).Where(m => m.Success).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        TestContext.Out.WriteLine($"{waits.Length} of {Processes} processes waited for the lock; the longest wait was {(waits.Length == 0 ? 0 : waits.Max())} ms.");
        waits.ShouldNotBeEmpty("processes started together must have found the lock taken");
        results.Count(r => r.StderrLines.Count > 0).ShouldBe(waits.Length, "each process that waited said so on stderr while it waited");
    }

    [GeneratedRegex(@"Waited (\d+) ms for another process's migration lock")]
    private static partial Regex WaitLine();
}
