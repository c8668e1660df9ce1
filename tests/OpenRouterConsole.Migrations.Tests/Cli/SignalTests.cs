using System.Diagnostics;
using System.Globalization;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM sent to the real tool while it waits for another process's lock:
/// it stops at once with exit 130 and one line, and the database is as it was.
/// </summary>
public sealed class SignalTests
{
    [TestCase("-INT")]
    [TestCase("-TERM")]
    public void Signal_WhileWaitingForTheLock_StopsAtOnce_Exit130_DatabaseUnchanged(string signal)
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[0].Version);
        var bytesBefore = database.Bytes();

        using (new FileStream(database.Path + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            using var process = ToolProcess.Start("migrate", "--timeout", "60", "-c", database.ConnectionString);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var waiting = process.StandardError.ReadLineAsync();
            waiting.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue("the tool should say that it waits");
            waiting.Result.ShouldStartWith("warning: Waiting for the migration lock");

            var stopping = Stopwatch.StartNew();
            Shell.Run("kill", signal, process.Id.ToString(CultureInfo.InvariantCulture)).ShouldBe(0);
            process.WaitForExit(TimeSpan.FromSeconds(10)).ShouldBeTrue("the tool should stop at once, not after --timeout");
            process.WaitForExit();

            stopping.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
            process.ExitCode.ShouldBe(130);
            process.StandardError.ReadToEnd().Trim().ShouldBe("error: Cancelled; the database was left as it was.");
            stdout.Result.ShouldBeEmpty();
        }

        database.Bytes().ShouldBe(bytesBefore);
        Directory.GetFiles(database.Directory).Select(Path.GetFileName).ShouldBe(["console.db", "console.db.migrate.lock"], ignoreOrder: true);
    }
}
