namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>The checkout the tests were built from: the folder above the test binaries that holds the solution.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "OpenRouterConsole.Migrations.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No OpenRouterConsole.Migrations.sln above {TestContext.CurrentContext.TestDirectory}.");
    }
}
