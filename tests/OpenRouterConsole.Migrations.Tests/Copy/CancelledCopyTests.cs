using OpenRouterConsole.Migrations.Cli;
using OpenRouterConsole.Migrations.Runner.Copy;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Copy;

/// <summary>A cancelled copy stops at its next check (between tables, between batches of rows) and leaves the target as it was.</summary>
[Category(PostgresServer.Category)]
public sealed class CancelledCopyTests
{
    [Test]
    public void Run_CancelledAtTheFirstProgressReport_ThrowsAndLeavesTheTargetEmpty_AndACopyAfterwardsSucceeds()
    {
        using var source = new TestDatabase();
        source.MigrateToLatest();
        source.ExecuteFixture(Fixtures.SeedData);
        using var target = new PostgresTestDatabase();
        using var cancel = new CancellationTokenSource();
        var reports = new List<CopyProgress>();

        Should.Throw<OperationCanceledException>(() => Copy(source, target, progress =>
        {
            reports.Add(progress);
            cancel.Cancel();
        }).Run(cancel.Token));

        reports.Select(r => r.Table).Distinct().ShouldHaveSingleItem("no table after the first was started");
        CopiedRows.TargetTables(target).ShouldBeEmpty(); // not even VersionInfo: the schema was in the rolled-back transaction
        CopyTests.Copy(source, target).Committed.ShouldBeTrue();
        CopiedRows.ShouldMatch(source, target);
    }

    [Test]
    public void Run_CancelledWhileATableCopies_StopsBetweenBatchesOfRows_BeforeTheTableIsDone()
    {
        using var source = new TestDatabase();
        source.MigrateToLatest();
        LargeSeed.Fill(source, profiles: 10, sessions: 20, messages: 10_000, usageLogs: 10);
        using var target = new PostgresTestDatabase();
        using var cancel = new CancellationTokenSource();
        var reports = new List<CopyProgress>();

        Should.Throw<OperationCanceledException>(() => Copy(source, target, progress =>
        {
            reports.Add(progress);
            if (progress is { Table: "messages", Rows: 0 })
            {
                cancel.Cancel();
            }
        }).Run(cancel.Token));

        // Had it run to the end of messages (10,000 rows), its last report would say so.
        reports.ShouldNotContain(r => r.Table == "messages" && r.Done);
        CopiedRows.TargetTables(target).ShouldBeEmpty();
    }

    [Test]
    public void CopyVerb_WithCtrlCAlreadyPressed_ExitsCancelled_AndWritesNothing()
    {
        using var source = new TestDatabase();
        source.MigrateToLatest();
        source.ExecuteFixture(Fixtures.SeedData);
        using var target = new PostgresTestDatabase();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = CliApplication.Run(
            ["copy", "--from", source.ConnectionString, "--to", target.ConnectionString], stdout, stderr, new CancellationToken(canceled: true));

        exitCode.ShouldBe(ExitCodes.Cancelled, stderr.ToString());
        stderr.ToString().ShouldContain("error: Cancelled");
        CopiedRows.TargetTables(target).ShouldBeEmpty();
    }

    private static SqliteToPostgresCopy Copy(TestDatabase source, PostgresTestDatabase target, Action<CopyProgress> progress) => new(new CopyOptions
    {
        SourceConnectionString = source.ConnectionString,
        TargetConnectionString = target.ConnectionString,
        Progress = progress,
    });
}
