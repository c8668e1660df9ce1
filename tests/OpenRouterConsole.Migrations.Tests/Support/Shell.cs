using System.Diagnostics;

namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>Plain system tools for the file-system set-ups tests need (hard links, tmpfs mounts).</summary>
public static class Shell
{
    public static int Run(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    /// <summary>Runs <paramref name="program"/> to its end (failing the test after <paramref name="timeout"/>), capturing both outputs.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Capture(string program, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(timeout).ShouldBeTrue($"{program} {string.Join(' ', arguments)} should finish within {timeout}");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Makes <paramref name="start"/> run its program with SIGINT at its default. A child inherits an
    /// ignored SIGINT (a shell ignores it for background jobs, such as a test run started with
    /// <c>&amp;</c>), and .NET then leaves it ignored, as Unix programs should; tests that send Ctrl+C
    /// need the foreground behaviour. GNU env resets it, then execs the program (same process id).
    /// </summary>
    public static void WithDefaultSigint(ProcessStartInfo start)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        start.ArgumentList.Insert(0, start.FileName);
        start.ArgumentList.Insert(0, "--default-signal=INT");
        start.FileName = "env";
    }

    public static void HardLink(string existing, string link) => Run("ln", existing, link).ShouldBe(0, $"ln {existing} {link}");

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. "1m") at a new folder; ignores the test where that is not possible.</summary>
    public static string MountTmpfs(string parent, string size)
    {
        var mountPoint = Path.Combine(parent, "tiny");
        Directory.CreateDirectory(mountPoint);
        if (Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", mountPoint) != 0)
        {
            Assert.Ignore("Cannot mount a tmpfs here (not root?); the case is not exercised.");
        }

        return mountPoint;
    }

    public static void Unmount(string mountPoint)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Run("umount", mountPoint);
    }
}
