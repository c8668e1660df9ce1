namespace OpenRouterConsole.Migrations.Tests.Support;

/// <summary>The committed SQL fixtures under <c>tests/fixtures</c>, copied beside the test assembly.</summary>
public static class Fixtures
{
    public const string LegacySchema = "legacy_schema.sql";
    public const string SeedData = "seed_data.sql";

    public static string Read(string fileName) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", fileName));

    /// <summary>The hand-run script from the migration assembly, as operators used to apply it.</summary>
    public static string EmbeddedScript(string resourceName)
    {
        using var stream = MigrationsAssembly.Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"No embedded resource '{resourceName}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
