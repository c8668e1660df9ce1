using System.Diagnostics;
using System.Reflection;

namespace OpenRouterConsole.Migrations.Tests.Build;

/// <summary>Directory.Build.props versions every build as 1.0.&lt;commits on HEAD&gt;, so each build of main differs.</summary>
public sealed class VersionTests
{
    [Test]
    public void RunnerVersion_CountsTheCommitsOnHead()
    {
        var commits = GitCommitCount();
        if (commits is null)
        {
            Assert.Ignore("git or the repository is not available here (a source tarball): the version is then 1.0.0.");
        }

        var runner = typeof(Runner.ConsoleMigrator).Assembly;
        runner.GetCustomAttribute<AssemblyFileVersionAttribute>()!.Version.ShouldBe($"1.0.{commits}.0");
        runner.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.ShouldStartWith($"1.0.{commits}+");
        runner.GetName().Version.ShouldBe(new Version(1, 0, 0, 0)); // binding stays stable across builds
    }

    private static string? GitCommitCount()
    {
        try
        {
            var start = new ProcessStartInfo("git", "rev-list --count HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = TestContext.CurrentContext.TestDirectory,
            };
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
