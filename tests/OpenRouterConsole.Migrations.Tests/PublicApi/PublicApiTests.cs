using System.Runtime.CompilerServices;
using OpenRouterConsole.Migrations.Runner;

namespace OpenRouterConsole.Migrations.Tests.PublicApi;

/// <summary>
/// The runner's public API, compared with <c>Approved/runner-public-api.approved.txt</c>: a change to
/// what hosts and the tool can call is made on purpose. On a difference the received listing is
/// written beside it; review it and rename it to approve.
/// </summary>
public sealed class PublicApiTests
{
    [Test]
    public void RunnerPublicApi_IsTheApprovedOne()
    {
        var surface = PublicSurface.Describe(typeof(ConsoleMigrator).Assembly);
        var received = string.Join("\n", surface) + "\n";
        TestContext.Out.WriteLine(
            $"{PublicSurface.TypeCount(surface)} public types, {PublicSurface.MemberCount(surface)} public members " +
            $"({PublicSurface.WrittenMemberCount(surface)} without the ones records generate)");

        var folder = Path.Combine(ProjectFolder(), "Approved");
        var approvedPath = Path.Combine(folder, "runner-public-api.approved.txt");
        var receivedPath = Path.Combine(folder, "runner-public-api.received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : null;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        received.ShouldBe(approved, $"The runner's public API changed; the received listing is in {receivedPath}.");
    }

    [Test]
    public void RunnerPublicApi_NamesNoProviderType()
    {
        var surface = PublicSurface.Describe(typeof(ConsoleMigrator).Assembly);
        var providerType = new System.Text.RegularExpressions.Regex(
            @"\b(Sqlite|Npgsql)(Connection|ConnectionStringBuilder|Command|DataReader|DataSource|Exception|OpenMode|Parameter|Transaction)\b");

        surface.Where(line => providerType.IsMatch(line))
            .ShouldBeEmpty("no provider type (SqliteConnection, NpgsqlConnection, …) in a public signature");
    }

    private static string ProjectFolder([CallerFilePath] string callerPath = "") => Path.GetDirectoryName(Path.GetDirectoryName(callerPath)!)!;
}
