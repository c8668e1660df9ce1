using System.Diagnostics;
using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Reliability;

/// <summary>
/// On Unix, closing any descriptor of a file drops every POSIX lock the process holds on it. The
/// runner must therefore never open the database outside SQLite while the same process (a host with
/// a health check, two runners in one server) holds SQLite locks on it.
/// </summary>
public sealed class SqliteLockTests
{
    [Test]
    public void StatusAndVerify_WhileThisProcessWrites_KeepSqlitesLocks()
    {
        using var database = new TestDatabase();
        database.MigrateToLatest();
        using var writer = database.Open();
        using var transaction = writer.BeginTransaction();
        using (var insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO profiles (name) VALUES ('in flight')";
            insert.ExecuteNonQuery();
        }

        database.Migrator().GetStatus().CurrentVersion.ShouldBe(Versions.Latest);
        database.Migrator().Verify().IsClean.ShouldBeTrue();
        var other = WriteFromAnotherProcess(database.Path);

        other.ExitCode.ShouldNotBe(0, "another process must still find the database locked");
        other.Output.ShouldContain("locked");
        transaction.Commit();
        database.Scalar<long>("SELECT count(*) FROM profiles WHERE name = 'in flight'").ShouldBe(1);
    }

    private static (int ExitCode, string Output) WriteFromAnotherProcess(string path)
    {
        var script = "import sqlite3, sys\n" +
                     $"c = sqlite3.connect({Quote(path)}, timeout=0)\n" +
                     "c.execute(\"INSERT INTO profiles (name) VALUES ('other process')\")\n" +
                     "c.commit()\n";
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Write(script);
            process.StandardInput.Close();
            var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("python3 is not installed; the cross-process lock check needs a second SQLite client.");
            throw;
        }
    }

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
