using System.Diagnostics;
using System.Globalization;
using OpenRouterConsole.Migrations.Runner;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Hosting;

/// <summary>
/// The README's host (RunWithConsoleMigrationsAsync) as a real process, sent Ctrl+C while its
/// start-up migration waits for another process's lock: it ends at once, before starting.
/// </summary>
public sealed class HostSignalTests
{
    [Test]
    public void Sigint_WhileTheStartupMigrationWaitsForTheLock_HostEndsAtOnceWith130()
    {
        using var database = new TestDatabase();
        database.MigrateTo(MigrationCatalog.Console.All[0].Version);
        var bytesBefore = database.Bytes();

        using (new FileStream(database.Path + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            using var process = HostProcessTests.StartHost(database, ("Migrations__LockTimeout", "00:01:00"));
            var stderr = process.StandardError.ReadToEndAsync();
            // The host logs through its console logger (stdout): read until it says it waits.
            var stdout = new System.Text.StringBuilder();
            var waiting = Task.Run(() =>
            {
                while (process.StandardOutput.ReadLine() is { } line)
                {
                    stdout.AppendLine(line);
                    if (line.Contains("Waiting for the migration lock", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            });
            waiting.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue("the host should log that it waits");
            waiting.Result.ShouldBeTrue(stdout.ToString());

            var stopping = Stopwatch.StartNew();
            Shell.Run("kill", "-INT", process.Id.ToString(CultureInfo.InvariantCulture)).ShouldBe(0);
            process.WaitForExit(TimeSpan.FromSeconds(10)).ShouldBeTrue("the host should stop at once, not after LockTimeout");
            process.WaitForExit();

            stopping.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
            stdout.Append(process.StandardOutput.ReadToEnd());
            process.ExitCode.ShouldBe(130, stdout + stderr.Result);
            stdout.ToString().ShouldNotContain("Host started.");
            stderr.Result.Trim().ShouldBe("error: Cancelled before the migration changed anything; the host did not start.");
        }

        database.Bytes().ShouldBe(bytesBefore);
    }
}
