using OpenRouterConsole.Migrations.Tests.Support;

namespace OpenRouterConsole.Migrations.Tests.Cli;

/// <summary>--version, --help, and where the connection string comes from.</summary>
public sealed class GeneralTests
{
    private const string Variable = "ConnectionStrings__Console";

    [Test]
    public void Version_PrintsTheToolsVersion()
    {
        var result = CliRunner.Run("--version");

        result.ShouldSucceed();
        // Every project gets the same computed version (Directory.Build.props): the tests' own says what to expect.
        var informational = typeof(GeneralTests).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        result.StdoutLines.ShouldBe([informational.Split('+')[0]]);
        result.StdoutLines[0].ShouldMatch(@"^1\.0\.\d+$");
    }

    [TestCase("-h")]
    [TestCase("--help")]
    public void Help_ListsTheVerbsAndOptions(string flag)
    {
        var result = CliRunner.Run(flag);

        result.ShouldSucceed();
        result.Stdout.ShouldContain("orc-migrate [command] [options]");
        foreach (var expected in new[] { "migrate", "rollback", "list", "restore", "--connection", "--preview", "--output", "--no-backup", "--keep-backups", "--timeout", "--processor", "--verbose" })
        {
            result.Stdout.ShouldContain(expected);
        }
    }

    [Test]
    public void EnvironmentVariable_IsTheDefaultConnectionString()
    {
        using var database = new TestDatabase();
        var previous = Environment.GetEnvironmentVariable(Variable);
        try
        {
            Environment.SetEnvironmentVariable(Variable, database.ConnectionString);

            var result = CliRunner.Run("migrate");

            result.ShouldSucceed();
            database.RecordedVersions().ShouldBe(Versions.All);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, previous);
        }
    }

    [Test]
    public void ConnectionOption_WinsOverTheEnvironmentVariable()
    {
        using var fromVariable = new TestDatabase();
        using var fromOption = new TestDatabase();
        var previous = Environment.GetEnvironmentVariable(Variable);
        try
        {
            Environment.SetEnvironmentVariable(Variable, fromVariable.ConnectionString);

            var result = CliRunner.Run(fromOption, "migrate");

            result.ShouldSucceed();
            fromOption.RecordedVersions().ShouldBe(Versions.All);
            File.Exists(fromVariable.Path).ShouldBeFalse();
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, previous);
        }
    }
}
