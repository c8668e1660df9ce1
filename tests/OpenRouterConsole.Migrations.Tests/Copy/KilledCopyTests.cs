using System.Diagnostics;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Copy;

/// <summary>A copy killed midway (the real tool, SIGKILL) leaves the target as it was: no rows, no tables, no lock.</summary>
[Category(PostgresServer.Category)]
[Category("Slow")]
public sealed class KilledCopyTests
{
    [Test]
    public void Tool_KilledWhileCopyingMessages_LeavesTheTargetEmpty_AndACopyAfterwardsSucceeds()
    {
        using var source = new TestDatabase();
        source.MigrateToLatest();
        LargeSeed.Fill(source, profiles: 1_000, sessions: 2_000, messages: 100_000, usageLogs: 50_000);
        using var target = new PostgresTestDatabase();

        using (var process = ToolProcess.Start("copy", "--from", source.ConnectionString, "--to", target.ConnectionString))
        {
            // Progress goes to stderr: once messages are under way, models, profiles and sessions are
            // already in the target's open transaction.
            var clock = Stopwatch.StartNew();
            string? line;
            while ((line = process.StandardError.ReadLine()) is not null && !line.StartsWith("messages: ", StringComparison.Ordinal))
            {
                clock.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(2), "the copy should reach the messages table");
            }

            line.ShouldNotBeNull("the tool ended before it reached the messages table");
            process.HasExited.ShouldBeFalse();
            process.Kill(); // SIGKILL on Unix: no finally blocks, no rollback sent by the client.
            process.WaitForExit();
        }

        WaitUntilOnlyThisTestIsConnected(target);
        CopiedRows.TargetTables(target).ShouldBeEmpty(); // not even VersionInfo: the schema was in the same transaction

        var report = CopyTests.Copy(source, target);
        report.Committed.ShouldBeTrue();
        report.Tables.Single(t => t.Table == "messages").TargetRows.ShouldBe(100_000);
    }

    // The server ends the killed client's session when it sees the socket close; until then its
    // transaction (and advisory lock) may still be there.
    private static void WaitUntilOnlyThisTestIsConnected(PostgresTestDatabase target)
    {
        var clock = Stopwatch.StartNew();
        while (target.Scalar<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()") > 0)
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "the killed copy's session should end");
            Thread.Sleep(50);
        }
    }
}
